// How to reach the Euregio office, report a problem, and how an organisation gets verified.
import type { MetaFunction } from "@remix-run/node";
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { contactSections } from "~/modules/site/sections.ts";
import { ServicePage } from "~/modules/site/service-page.tsx";

export const handle: TranslatedHandle = { i18n: ["site"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "site:contact.title", "site:contact.description");

export default function Contact() {
  const { i18n } = useTranslation();
  return <ServicePage name="contact" sections={contactSections} locale={i18n.language} />;
}
