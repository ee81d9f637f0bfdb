// Server rendering with the request's CSP nonce and the page's translations; bots get the whole
// document at once.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce.tsx";
import { fallbackLocale, isLocale, type Locale } from "~/modules/i18n/config.ts";
import { pageNamespaces } from "~/modules/i18n/namespaces.ts";
import { PageTranslationsProvider, pageTranslationsText } from "~/modules/i18n/page-translations.tsx";
import { renderCatalog } from "~/modules/i18n/instances.server.ts";
import { I18nProvider } from "~/modules/i18n/react.tsx";
import { pageResources } from "~/modules/i18n/resources.server.ts";
import { isDatabaseUnavailable } from "~/utils/database-errors.ts";

/** How long single fetch waits for a loader's promises; React gets a second more to flush them. */
export const streamTimeout = 5_000;

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return;
  if (context.failure) context.failure.error = error;
  // An outage is answered with a 503 and logged once by the server, not as a bug per request.
  if (isDatabaseUnavailable(error)) return;
  // A thrown 4xx answer (404 for an unknown slug, 405) is the answer, not a fault.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error("[remix]", error);
}

/** The JSON a document carries, per locale and set of namespaces: the translations never change. */
const translationTexts = new Map<string, string>();

/** The document's locale (the root loader's) and the namespaces its matched routes name. */
function documentTranslations(remixContext: EntryContext) {
  const { loaderData, matches } = remixContext.staticHandlerContext;
  const rootLocale = (loaderData.root as { locale?: unknown } | undefined)?.locale;
  const locale: Locale = isLocale(rootLocale) ? rootLocale : fallbackLocale;
  const ns = pageNamespaces(matches.map((match) => remixContext.routeModules[match.route.id]?.handle));
  const key = `${locale}:${ns.join(",")}`;
  let text = translationTexts.get(key);
  if (text === undefined) {
    text = pageTranslationsText({ locale, resources: pageResources(locale, ns) });
    translationTexts.set(key, text);
  }
  return { locale, text };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent")) ? "onAllReady" : "onShellReady";
  const translations = documentTranslations(remixContext);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nProvider catalog={renderCatalog(translations.locale)}>
          <PageTranslationsProvider value={translations.text}>
            <RemixServer context={remixContext} url={request.url} nonce={nonce} />
          </PageTranslationsProvider>
        </I18nProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error("[render]", error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
