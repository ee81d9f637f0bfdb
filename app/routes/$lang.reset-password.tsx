// Sets a new password from a single-use link that expires after one hour.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Field, FormAlert } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { resetPasswordSchema } from "~/modules/auth/schemas.ts";
import { isResetTokenUsable, resetPassword } from "~/modules/auth/service.server.ts";
import { sessionCookie } from "~/modules/auth/session.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { handleForm } from "~/utils/http.server.ts";
import { redirectWithNotice } from "~/utils/notice.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:reset.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const usable = token.length > 0 && token.length <= 100 && (await isResetTokenUsable(token));
  return data(
    { token: usable ? token : null, constraints: formConstraints(resetPasswordSchema) },
    { status: usable ? 200 : 400 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  return handleForm(
    request,
    resetPasswordSchema,
    async (input) => {
      const { session } = await resetPassword(input);
      return redirectWithNotice(localePath(locale, "/account"), "passwordReset", {
        "Set-Cookie": sessionCookie(session.token, session.expiresAt),
      });
    },
    { hideFields: ["password", "token"] },
  );
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const { token, constraints } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<typeof resetPasswordSchema>(constraints, {
    id: "reset",
    answer: useActionData<typeof action>(),
  });
  const busy = useNavigation().state === "submitting";
  const tokenInvalid = !token || form.errors?.[0]?.key === "auth:reset.invalidToken";
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.title")}</h1>
      {tokenInvalid ? (
        <>
          <div className="alert alert-error" role="alert">
            {t("reset.invalidToken")}
          </div>
          <p>
            <Link to={localePath(locale, "/forgot-password")}>{t("reset.requestNew")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="stack">
          <FormAlert errors={form.errors} />
          <input type="hidden" name="token" value={token} />
          <Field
            field={fields.password}
            type="password"
            label={t("fields.newPassword")}
            hint={t("fields.passwordHint")}
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={busy}>
            {t("reset.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
