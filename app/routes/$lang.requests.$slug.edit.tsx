// Editing a draft or open partnership request, by the owners and editors of its organisation.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { requireRequestAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleForm, orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice } from "~/utils/notice.server.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { RequestForm } from "~/modules/requests/request-form.tsx";
import { requestSchema } from "~/modules/requests/schemas.ts";
import { getRequestForEdit, updateRequest } from "~/modules/requests/service.server.ts";
import requestStyles from "~/styles/requests.css?url";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "requests", "taxonomy"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: requestStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests:edit.title") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireRequestAccess(params.slug ?? "", user));
  return { ...(await orErrorPage(getRequestForEdit(access))), constraints: formConstraints(requestSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const slug = params.slug ?? "";
  return handleForm(request, requestSchema, async (input) => {
    await updateRequest(await requireRequestAccess(slug, user), input);
    return redirectWithNotice(localePath(locale, `/requests/${slug}`), "saved");
  });
}

/** A DATE column arrives as midnight UTC: its first ten ISO characters are the day. */
const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export default function EditRequest() {
  const { t } = useTranslation("requests");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const { request, organisation, constraints } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow stack" aria-labelledby="edit-request-title">
      <h1 id="edit-request-title">{t("edit.title")}</h1>
      <p className="lead">{t("new.forOrganisation", { organisation: organisation.name })}</p>
      <RequestForm
        constraints={constraints}
        values={{ ...request, startsOn: day(request.startsOn), endsOn: day(request.endsOn) }}
        answer={result}
      >
        <button type="submit" className="button" disabled={busy}>
          {t("edit.save")}
        </button>
        <Link to={localePath(locale, `/requests/${request.slug}`)} className="button button-secondary">
          {t("edit.back")}
        </Link>
      </RequestForm>
    </section>
  );
}
