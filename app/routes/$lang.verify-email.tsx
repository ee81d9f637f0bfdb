// Confirms an e-mail address from the link in the verification (or address change) mail.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/ui/field.tsx";
import { verifyEmail } from "~/modules/auth/service.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { isAppError } from "~/utils/errors.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:verify.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token || token.length > 100)
    return json({ ok: false as const, error: "auth:verify.invalidToken" }, 400);
  try {
    const { email } = await verifyEmail(token);
    return json({ ok: true as const, email });
  } catch (error) {
    if (isAppError(error)) return json({ ok: false as const, error: error.messageKey }, error.status);
    throw error;
  }
}

export default function VerifyEmail() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const result = useLoaderData<typeof loader>();
  return (
    <section className="narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.title")}</h1>
      {result.ok ? (
        <Notice>{t("verify.done", { email: result.email })}</Notice>
      ) : (
        <div className="alert alert-error" role="alert">
          {t(result.error)}
        </div>
      )}
      <p>
        <Link to={localePath(locale, "/account")}>{t("verify.continue")}</Link>
      </p>
    </section>
  );
}
