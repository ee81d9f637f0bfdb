// Editing an organisation's profile, for its owners and editors; the logo can be replaced or removed.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Notice } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { requireOrgAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleOrganisationForm, organisationFormOptions } from "~/modules/organisations/form.server.ts";
import { OrganisationForm } from "~/modules/organisations/organisation-form.tsx";
import styles from "~/modules/organisations/organisations.css?url";
import mapStyles from "~/styles/map.css?url";
import { orErrorPage } from "~/utils/http.server.ts";
import { organisationSchema } from "~/modules/organisations/schemas.ts";
import { getOrganisationForEditing, updateOrganisation } from "~/modules/organisations/service.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "taxonomy", "map"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: mapStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:profile.edit") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireOrgAccess(params.slug ?? "", user, "editor"));
  const organisation = await getOrganisationForEditing(access);
  return {
    organisation: {
      slug: organisation.slug,
      logoId: organisation.logoId,
      values: {
        kind: organisation.kind,
        schoolLevel: organisation.schoolLevel,
        sport: organisation.sport,
        name: organisation.name,
        country: organisation.country,
        municipalityCode: organisation.municipalityCode,
        lat: organisation.lat,
        lon: organisation.lon,
        address: organisation.address,
        descriptionNl: organisation.descriptionNl,
        descriptionDe: organisation.descriptionDe,
        descriptionEn: organisation.descriptionEn,
        sizeRange: organisation.sizeRange,
        website: organisation.website,
        languages: organisation.languages,
      },
    },
    ...(await organisationFormOptions(locale)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const access = await orErrorPage(requireOrgAccess(params.slug ?? "", user, "editor"));
  return handleOrganisationForm(request, organisationSchema, async (input, logo) => {
    await updateOrganisation(access, input, logo);
    return { ok: true as const };
  });
}

export default function EditOrganisation() {
  const { t } = useTranslation("organisations");
  const { organisation, municipalities, location, constraints } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const saved = !!result && "ok" in result;
  const name = organisation.values.name;
  return (
    <div className="stack-large">
      <h1>{t("form.editTitle", { name })}</h1>
      <p>
        <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>
          {t("members.backToProfile")}
        </Link>
      </p>
      {saved ? <Notice>{t("form.saved")}</Notice> : null}
      <OrganisationForm
        constraints={constraints}
        // A fresh form after saving shows what was stored, including a new or removed logo.
        key={saved ? `saved-${organisation.logoId}` : "editing"}
        values={organisation.values}
        answer={result}
        municipalities={municipalities}
        location={location}
        submitLabel={t("form.save")}
        busy={busy}
        logo={
          organisation.logoId
            ? { src: `/logos/${organisation.logoId}`, alt: t("profile.logoAlt", { name }) }
            : null
        }
      />
    </div>
  );
}
