// Sign-up: name, e-mail, password and preferred language; the answer is the same for a known address.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormAlert, Notice, SelectField } from "~/components/ui/field.tsx";
import { requireAnonymous } from "~/modules/auth/guards.server.ts";
import { signUpSchema } from "~/modules/auth/schemas.ts";
import { signUp } from "~/modules/auth/service.server.ts";
import { signUpBrowserCookie } from "~/modules/auth/session.server.ts";
import { generateToken } from "~/modules/auth/tokens.ts";
import { isLocale, localePath, locales } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleForm } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:signUp.title") }];

export function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  requireAnonymous(context, request);
  return null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireLocale(params);
  return handleForm(request, signUpSchema, async (input) => {
    // Every sign-up leaves the same cookie, known address or not, so the answer tells nothing.
    const browserToken = generateToken();
    await signUp(input, context.clientIp, browserToken);
    return data(
      { ok: true as const, email: input.email },
      { headers: { "Set-Cookie": signUpBrowserCookie(browserToken) } },
    );
  });
}

export default function SignUp() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";

  if (result?.ok) {
    return (
      <section className="narrow" aria-labelledby="signup-title">
        <h1 id="signup-title">{t("signUp.title")}</h1>
        <Notice>{t("signUp.done", { email: result.email })}</Notice>
      </section>
    );
  }
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signUp.title")}</h1>
      <Form method="post" noValidate className="stack">
        <FormAlert error={result && !result.ok ? result.formError : undefined} />
        <Field
          name="name"
          label={t("fields.name")}
          autoComplete="name"
          required
          maxLength={100}
          error={errors.name}
        />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          required
          maxLength={254}
          error={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          error={errors.password}
        />
        <SelectField
          name="locale"
          label={t("fields.locale")}
          defaultValue={locale}
          error={errors.locale}
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
