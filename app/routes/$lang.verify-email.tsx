// Confirms an e-mail address from the link in the verification (or address change) mail. In the
// browser that signed up, the newcomer is signed in and led on to create their organisation;
// elsewhere, sign-in is offered with the address filled in.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Notice } from "~/components/ui/field.tsx";
import { verifyEmail } from "~/modules/auth/service.server.ts";
import {
  blankSignUpBrowserCookie,
  invalidateSession,
  readSignUpBrowserToken,
  sessionCookie,
} from "~/modules/auth/session.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { refusedPage } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth:verify.title") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireLocale(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token || token.length > 100)
    return data({ ok: false as const, error: "auth:verify.invalidToken" }, { status: 400 });
  try {
    const browserToken = readSignUpBrowserToken(request.headers.get("Cookie"));
    const { email, userId, session } = await verifyEmail(token, browserToken);
    const signedIn = !!session || context.auth?.user.id === userId;
    const headers = new Headers();
    if (session) {
      // Whoever was signed in in this browser before gives way to the newcomer.
      if (context.auth) await invalidateSession(context.auth.sessionId);
      headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
      headers.append("Set-Cookie", blankSignUpBrowserCookie());
    }
    return data({ ok: true as const, email, signedIn }, { headers });
  } catch (error) {
    return refusedPage(error);
  }
}

export default function VerifyEmail() {
  const { t } = useTranslation("auth");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const result = useLoaderData<typeof loader>();
  if (!result.ok) {
    return (
      <section className="narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("verify.title")}</h1>
        <div className="alert alert-error" role="alert">
          {t(result.error)}
        </div>
        <p>
          <Link to={localePath(locale, "/account")}>{t("verify.continue")}</Link>
        </p>
      </section>
    );
  }
  const createOrganisation = localePath(locale, "/organisations/new");
  const signIn = `${localePath(locale, "/signin")}?${new URLSearchParams({ email: result.email, redirectTo: createOrganisation })}`;
  return (
    <section className="narrow stack" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <Notice>{t(result.signedIn ? "verify.signedIn" : "verify.done", { email: result.email })}</Notice>
      <p>{t("verify.next")}</p>
      <p>
        {result.signedIn ? (
          // A whole new document: the header was drawn before this page signed the newcomer in.
          <Link to={createOrganisation} className="button" reloadDocument>
            {t("verify.createOrganisation")}
          </Link>
        ) : (
          <Link to={signIn} className="button">
            {t("verify.signInToContinue")}
          </Link>
        )}
      </p>
    </section>
  );
}
