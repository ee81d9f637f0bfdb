// Registering an organisation: the creator becomes its owner, and it waits for verification by staff.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import { handleOrganisationForm, organisationFormOptions } from "~/modules/organisations/form.server.ts";
import { OrganisationForm } from "~/modules/organisations/organisation-form.tsx";
import styles from "~/modules/organisations/organisations.css?url";
import mapStyles from "~/styles/map.css?url";
import { organisationSchema } from "~/modules/organisations/schemas.ts";
import { createOrganisation } from "~/modules/organisations/service.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "taxonomy", "map"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: mapStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:form.createTitle") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  requireUser(context, request);
  return organisationFormOptions(locale);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  return handleOrganisationForm(request, organisationSchema, async (input, logo) => {
    const organisation = await createOrganisation(user.id, input, logo);
    return redirect(localePath(locale, `/organisations/${organisation.slug}`));
  });
}

export default function NewOrganisation() {
  const { t } = useTranslation("organisations");
  const { municipalities, location, constraints } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack-large">
      <h1>{t("form.createTitle")}</h1>
      <p>{t("form.createIntro")}</p>
      <OrganisationForm
        constraints={constraints}
        municipalities={municipalities}
        location={location}
        answer={result}
        submitLabel={t("form.create")}
        busy={busy}
      />
    </div>
  );
}
