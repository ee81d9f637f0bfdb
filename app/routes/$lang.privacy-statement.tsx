// The privacy statement: what the platform stores, why, for how long, and the reader's rights (GDPR).
// The account's own privacy tools (export, deletion) are /account and /account/data.
import type { MetaFunction } from "@remix-run/node";
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { privacySections } from "~/modules/site/sections.ts";
import { ServicePage } from "~/modules/site/service-page.tsx";

export const handle: TranslatedHandle = { i18n: ["site"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "site:privacyStatement.title", "site:privacyStatement.description");

export default function PrivacyStatement() {
  const { i18n } = useTranslation();
  return <ServicePage name="privacyStatement" sections={privacySections} locale={i18n.language} />;
}
