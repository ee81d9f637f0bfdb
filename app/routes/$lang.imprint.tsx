// The imprint (Impressum, colofon): who operates the platform and answers for it, as § 5 DDG asks.
import type { MetaFunction } from "@remix-run/node";
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { imprintSections } from "~/modules/site/sections.ts";
import { ServicePage } from "~/modules/site/service-page.tsx";

export const handle: TranslatedHandle = { i18n: ["site"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "site:imprint.title", "site:imprint.description");

export default function Imprint() {
  const { i18n } = useTranslation();
  return <ServicePage name="imprint" sections={imprintSections} locale={i18n.language} />;
}
