// Sign-up: name, e-mail, password and preferred language; the answer is the same for a known address.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert, Notice, SelectField } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { requireAnonymous } from "~/modules/auth/guards.server.ts";
import { signUpSchema } from "~/modules/auth/schemas.ts";
import { signUp } from "~/modules/auth/service.server.ts";
import { signUpBrowserCookie } from "~/modules/auth/session.server.ts";
import { generateToken } from "~/modules/auth/tokens.ts";
import { isLocale, localePath, locales } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "auth:signUp.title", "auth:signUp.description");

export function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  requireAnonymous(context, request);
  return { constraints: formConstraints(signUpSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireLocale(params);
  return handleForm(
    request,
    signUpSchema,
    async (input) => {
      // Every sign-up leaves the same cookie, known address or not, so the answer tells nothing.
      const browserToken = generateToken();
      await signUp(input, context.clientIp, browserToken);
      return data(
        { ok: true as const, email: input.email },
        { headers: { "Set-Cookie": signUpBrowserCookie(browserToken) } },
      );
    },
    { hideFields: ["password"] },
  );
}

export default function SignUp() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<typeof signUpSchema>(useLoaderData<typeof loader>().constraints, {
    id: "signup",
    answer: result,
    defaultValue: { locale },
  });
  const busy = useNavigation().state === "submitting";

  if (result && "ok" in result) {
    return (
      <section className="narrow" aria-labelledby="signup-title">
        <h1 id="signup-title">{t("signUp.title")}</h1>
        <Notice>{t("signUp.done", { email: result.email })}</Notice>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signUp.title")}</h1>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="stack">
        <FormAlert errors={form.errors} />
        <Field field={fields.name} label={t("fields.name")} autoComplete="name" />
        <Field field={fields.email} type="email" label={t("fields.email")} autoComplete="email" />
        <Field
          field={fields.password}
          type="password"
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
        />
        <SelectField
          field={fields.locale}
          label={t("fields.locale")}
          options={locales.map((value) => ({ value, label: t(`common:language.${value}`) }))}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signUp.submit")}
        </button>
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to={localePath(locale, "/signin")}>{t("signIn.submit")}</Link>
      </p>
    </section>
  );
}
