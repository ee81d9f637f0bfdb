// The renewal link from the reminder mail. The link shows one button and the POST renews: mail
// scanners that open links must not use up the single-use token before its owner clicks. The POST
// redirects to this page with a "renewed" token (post/redirect/get): reloading the page then does not
// resend the form, and the page's loader, which would refuse the now used link, is not asked again.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { z } from "zod";
import { Notice } from "~/components/ui/field.tsx";
import { useAppForm } from "~/components/ui/form.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { formatDate } from "~/modules/requests/lifecycle.ts";
import { checkRenewalToken, checkRenewedToken, renewWithToken } from "~/modules/requests/service.server.ts";
import { handleForm, refusedPage } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["organisations", "requests"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests:renew.title") }];

const tokenSchema = z.object({
  token: z
    .string({ error: "requests:renew.invalidLink" })
    .min(1, { error: "requests:renew.invalidLink" })
    .max(200, {
      error: "requests:renew.invalidLink",
    }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const search = new URL(request.url).searchParams;
  const renewed = search.get("renewed");
  const token = renewed ?? search.get("token") ?? "";
  const parsed = tokenSchema.safeParse({ token });
  if (!parsed.success)
    return data({ ok: false as const, error: "requests:renew.invalidLink" }, { status: 400 });
  try {
    if (renewed !== null)
      return {
        ok: true as const,
        renewed: true,
        token: "",
        request: await checkRenewedToken(parsed.data.token),
      };
    return { ok: true as const, renewed: false, token, request: await checkRenewalToken(parsed.data.token) };
  } catch (error) {
    return refusedPage(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  return handleForm(
    request,
    tokenSchema,
    async ({ token }) => {
      const { renewedToken } = await renewWithToken(token);
      return redirect(localePath(locale, `/requests/renew?renewed=${encodeURIComponent(renewedToken)}`));
    },
    { hideFields: ["token"] },
  );
}

export default function RenewRequest() {
  const { t } = useTranslation("requests");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<typeof tokenSchema>({}, { id: "renew", answer: result });
  const busy = useNavigation().state === "submitting";

  const shown = page.ok ? page.request : null;
  const renewed = page.ok && page.renewed;
  // A malformed token reads as an invalid link, not as a form with marked fields.
  const error = (fields.token.errors?.[0] ?? form.errors?.[0])?.key ?? (!page.ok ? page.error : null);
  const title = shown ? (pickLocalized(shown.titles, locale)?.text ?? "") : "";
  const date = shown ? formatDate(shown.expiresAt, locale) : "";

  return (
    <section className="narrow stack" aria-labelledby="renew-title">
      <h1 id="renew-title">{t("renew.title")}</h1>
      {error ? (
        <div className="alert alert-error" role="alert">
          {t(error)}
        </div>
      ) : renewed ? (
        <Notice>{t("renew.done", { title, date })}</Notice>
      ) : page.ok ? (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} className="stack">
          <p>{t("renew.intro", { title, date })}</p>
          <input type="hidden" name="token" value={page.token} />
          <button type="submit" className="button" disabled={busy}>
            {t("renew.submit")}
          </button>
        </Form>
      ) : null}
      {shown ? (
        <p>
          <Link to={localePath(locale, `/requests/${shown.slug}`)}>{t("renew.view")}</Link>
        </p>
      ) : null}
    </section>
  );
}
