// A new partnership request for one organisation (?org=<slug>), by its owners and editors: save as
// draft, or publish at once when the organisation is verified.
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
import { requireOrgAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleForm, orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice } from "~/utils/notice.server.ts";
import { formConstraints } from "~/utils/constraints.ts";
import { emptyRequestForm, RequestForm } from "~/modules/requests/request-form.tsx";
import { requestSchema } from "~/modules/requests/schemas.ts";
import { createRequest, listOrganisationsForRequests } from "~/modules/requests/service.server.ts";
import requestStyles from "~/styles/requests.css?url";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "requests", "taxonomy"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: requestStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "requests:new.title") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const organisationSlug = new URL(request.url).searchParams.get("org");
  if (!organisationSlug) {
    return {
      organisation: null,
      choices: await listOrganisationsForRequests(user.id),
      constraints: formConstraints(requestSchema),
    };
  }
  const { organisation } = await orErrorPage(requireOrgAccess(organisationSlug, user, "editor"));
  const { slug, name, status } = organisation;
  return { organisation: { slug, name, status }, choices: [], constraints: formConstraints(requestSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const organisationSlug = new URL(request.url).searchParams.get("org") ?? "";
  const access = await orErrorPage(requireOrgAccess(organisationSlug, user, "editor"));
  return handleForm(request, requestSchema, async (input, formData) => {
    const publish = formData.get("intent") === "publish";
    const created = await createRequest(access, input, { publish });
    return redirectWithNotice(
      localePath(locale, `/requests/${created.slug}`),
      publish ? "published" : "draftSaved",
    );
  });
}

export default function NewRequest() {
  const { t } = useTranslation("requests");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const { organisation, choices, constraints } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";

  if (!organisation) {
    return (
      <section className="narrow stack" aria-labelledby="new-request-title">
        <h1 id="new-request-title">{t("new.title")}</h1>
        {choices.length === 0 ? (
          <p>
            <Link to={localePath(locale, "/organisations")}>{t("new.noOrganisations")}</Link>
          </p>
        ) : (
          <>
            <p>{t("new.chooseOrganisation")}</p>
            <ul>
              {choices.map((choice) => (
                <li key={choice.slug}>
                  <Link to={`${localePath(locale, "/requests/new")}?org=${encodeURIComponent(choice.slug)}`}>
                    {choice.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="narrow stack" aria-labelledby="new-request-title">
      <h1 id="new-request-title">{t("new.title")}</h1>
      <p className="lead">{t("new.forOrganisation", { organisation: organisation.name })}</p>
      <p>{t("new.intro")}</p>
      {organisation.status !== "verified" ? (
        <div className="alert" role="note">
          {t("new.pendingNotice")}
        </div>
      ) : null}
      <RequestForm values={emptyRequestForm} answer={result} constraints={constraints}>
        <button type="submit" name="intent" value="draft" className="button button-secondary" disabled={busy}>
          {t("new.saveDraft")}
        </button>
        <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
          {t("new.publish")}
        </button>
      </RequestForm>
    </section>
  );
}
