// The accessibility statement the EU Web Accessibility Directive asks of public bodies.
import type { MetaFunction } from "@remix-run/node";
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { accessibilitySections } from "~/modules/site/sections.ts";
import { ServicePage } from "~/modules/site/service-page.tsx";

export const handle: TranslatedHandle = { i18n: ["site"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "site:accessibility.title", "site:accessibility.description");

export default function AccessibilityStatement() {
  const { i18n } = useTranslation();
  return <ServicePage name="accessibility" sections={accessibilitySections} locale={i18n.language} />;
}
