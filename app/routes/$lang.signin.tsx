// Sign-in: a new session (rotated) on success; rate limited per IP and per account.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { requireAnonymous, safeRedirectTarget } from "~/modules/auth/guards.server.ts";
import { signInSchema } from "~/modules/auth/schemas.ts";
import { signIn } from "~/modules/auth/service.server.ts";
import { invalidateSession, sessionCookie } from "~/modules/auth/session.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "auth:signIn.title", "auth:signIn.description");

/** The rate limit's Retry-After: of an action's headers, only cookies reach the answer by themselves. */
export const headers: HeadersFunction = ({ actionHeaders }) =>
  new Headers([...actionHeaders].filter(([name]) => name === "retry-after"));

export function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  requireAnonymous(context, request);
  return { constraints: formConstraints(signInSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  return handleForm(
    request,
    signInSchema,
    async (input, formData) => {
      const { session } = await signIn(input, context.clientIp);
      if (context.auth) await invalidateSession(context.auth.sessionId);
      const target = safeRedirectTarget(formData.get("redirectTo"), localePath(locale, "/account"));
      return redirect(target, { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
    },
    { hideFields: ["password"] },
  );
}

export default function SignIn() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const [searchParams] = useSearchParams();
  const [form, fields] = useAppForm<typeof signInSchema>(useLoaderData<typeof loader>().constraints, {
    id: "signin",
    answer: useActionData<typeof action>(),
    defaultValue: { email: searchParams.get("email") ?? undefined },
  });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t("signIn.title")}</h1>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="stack">
        <FormAlert errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field field={fields.email} type="email" label={t("fields.email")} autoComplete="email" />
        <Field
          field={fields.password}
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to={localePath(locale, "/forgot-password")}>{t("signIn.forgot")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to={localePath(locale, "/signup")}>{t("signUp.submit")}</Link>
      </p>
    </section>
  );
}
