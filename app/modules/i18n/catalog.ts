// The translations of one locale and the `t` that reads them, on the server and in the browser.
// The files keep i18next's format (namespaced JSON, "ns:key.path", {{name}} placeholders,
// key_one / key_other plurals chosen by Intl.PluralRules), but the runtime is these lines instead of
// i18next: it was 15 KB of every page's JavaScript and a tenth of the browse page's server time.
// See docs/decisions/0019-own-translation-runtime.md.
import type { Locale, Namespace } from "./config.ts";

export type Bundle = { readonly [key: string]: unknown };
export type TranslationValues = { readonly [name: string]: unknown };
export type TFunction = (key: string, values?: TranslationValues) => string;
export type NamespaceLoader = (locale: Locale, ns: Namespace) => Promise<Bundle>;

const placeholder = /\{\{\s*(\w+)\s*\}\}/g;

function find(bundle: Bundle, key: string): string | null {
  let node: unknown = bundle;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Bundle)[part];
  }
  return typeof node === "string" ? node : null;
}

function interpolate(text: string, values: TranslationValues): string {
  if (!text.includes("{{")) return text;
  return text.replace(placeholder, (match, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? match : String(value);
  });
}

export class Catalog {
  readonly locale: Locale;
  readonly #bundles = new Map<Namespace, Bundle>();
  /** "ns:key" → its text, or null where the namespace has no text under that key. */
  readonly #texts = new Map<string, string | null>();
  readonly #fixed = new Map<Namespace, TFunction>();
  readonly #loading = new Map<Namespace, Promise<void>>();
  readonly #failed = new Map<Namespace, unknown>();
  readonly #plurals: Intl.PluralRules;
  readonly #fallback: Catalog | undefined;
  readonly #load: NamespaceLoader | undefined;

  constructor(
    locale: Locale,
    bundles: Partial<Record<Namespace, Bundle>>,
    options: { fallback?: Catalog; load?: NamespaceLoader } = {},
  ) {
    this.locale = locale;
    for (const [ns, bundle] of Object.entries(bundles)) this.#bundles.set(ns as Namespace, bundle);
    this.#plurals = new Intl.PluralRules(locale);
    this.#fallback = options.fallback;
    this.#load = options.load;
  }

  has(ns: Namespace): boolean {
    return this.#bundles.has(ns);
  }

  /** The text under a key, from this locale or else the fallback's; undefined when neither has it. */
  text(ns: Namespace, key: string): string | undefined {
    const id = `${ns}:${key}`;
    let found = this.#texts.get(id);
    if (found === undefined) {
      const bundle = this.#bundles.get(ns);
      if (!bundle) return this.#fallback?.text(ns, key);
      found = find(bundle, key);
      this.#texts.set(id, found);
    }
    return found ?? this.#fallback?.text(ns, key);
  }

  /** Translates `key` ("key.path" in `ns`, or "other:key.path"); a key without text comes back as it is. */
  translate(ns: Namespace, key: string, values?: TranslationValues): string {
    const colon = key.indexOf(":");
    const space = colon > 0 ? (key.slice(0, colon) as Namespace) : ns;
    const path = colon > 0 ? key.slice(colon + 1) : key;
    let text: string | undefined;
    const count = values?.count;
    if (typeof count === "number") {
      if (count === 0) text = this.text(space, `${path}_zero`);
      text ??= this.text(space, `${path}_${this.#plurals.select(count)}`);
    }
    text ??= this.text(space, path);
    if (text === undefined) return path;
    return values ? interpolate(text, values) : text;
  }

  /** A `t` bound to one namespace, made once. */
  fixedT(ns: Namespace): TFunction {
    let t = this.#fixed.get(ns);
    if (!t) {
      t = (key, values) => this.translate(ns, key, values);
      this.#fixed.set(ns, t);
    }
    return t;
  }

  /**
   * Loads namespaces this catalog lacks: undefined when all are there, else a promise that settles
   * when they are (a component suspends on it). A namespace that failed to load throws its error.
   */
  load(names: readonly Namespace[]): Promise<void> | undefined {
    const waiting: Promise<void>[] = [];
    for (const ns of names) {
      if (this.#bundles.has(ns)) continue;
      if (this.#failed.has(ns)) throw this.#failed.get(ns);
      let loading = this.#loading.get(ns);
      if (!loading) {
        if (!this.#load) throw new Error(`no translations for ${this.locale}/${ns}`);
        loading = this.#load(this.locale, ns).then(
          (bundle) => {
            this.#bundles.set(ns, bundle);
            this.#loading.delete(ns);
          },
          (error: unknown) => {
            this.#failed.set(ns, error);
            this.#loading.delete(ns);
          },
        );
        this.#loading.set(ns, loading);
      }
      waiting.push(loading);
    }
    return waiting.length ? Promise.all(waiting).then(() => undefined) : undefined;
  }
}
