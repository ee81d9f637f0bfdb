// The site's service pages (imprint, privacy statement, accessibility statement, contact): their text
// lives in locales/*/site.json, their order of sections and blocks here, so every language has the
// same page and a key missing in one language fails the locale test.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { localePath, type Locale } from "~/modules/i18n/config.ts";

/** The Euregio office's public address for mail; the operator confirms the rest (the texts say so). */
export const operatorEmail = "info@euregio.org";

export type ServicePageName = "imprint" | "privacyStatement" | "accessibility" | "contact";

/** The service pages in the order the footer links them, with their paths after the locale. */
export const servicePages: readonly { name: ServicePageName; path: string }[] = [
  { name: "imprint", path: "/imprint" },
  { name: "privacyStatement", path: "/privacy-statement" },
  { name: "accessibility", path: "/accessibility" },
  { name: "contact", path: "/contact" },
];

/**
 * One block of a section: a paragraph, a list of items, the office's postal address, the e-mail
 * address as a link, or a link to another page of the site.
 */
export type Block =
  | { paragraph: string }
  | { list: string; items: readonly string[]; ordered?: boolean }
  | { address: true }
  | { mail: string }
  | { link: string; to: string };

export type Section = { id: string; blocks: readonly Block[] };

function OfficeAddress() {
  const { t } = useTranslation("site");
  return (
    <address className="office-address">
      {t("office.name")}
      <br />
      {t("office.street")}
      <br />
      {t("office.city")}
      <br />
      {t("office.country")}
    </address>
  );
}

function BlockView({ block, prefix, locale }: { block: Block; prefix: string; locale: Locale }) {
  const { t } = useTranslation("site");
  if ("paragraph" in block) return <p>{t(`${prefix}.${block.paragraph}`)}</p>;
  if ("list" in block) {
    const List = block.ordered ? "ol" : "ul";
    return (
      <List>
        {block.items.map((item) => (
          <li key={item}>{t(`${prefix}.${block.list}.${item}`)}</li>
        ))}
      </List>
    );
  }
  if ("address" in block) return <OfficeAddress />;
  if ("mail" in block)
    return (
      <p>
        {t(`${prefix}.${block.mail}`)} <a href={`mailto:${operatorEmail}`}>{operatorEmail}</a>
      </p>
    );
  return (
    <p>
      <Link to={localePath(locale, block.to)}>{t(`${prefix}.${block.link}`)}</Link>
    </p>
  );
}

/** Longer pages open with their list of sections. */
const contentsFrom = 6;

/** A service page: its title, an introduction, a "last updated" line and its sections. */
export function ServicePage({
  name,
  sections,
  locale,
}: {
  name: ServicePageName;
  sections: readonly Section[];
  locale: Locale;
}) {
  const { t } = useTranslation("site");
  return (
    <article className="service-page" aria-labelledby="service-page-title">
      <h1 id="service-page-title">{t(`${name}.title`)}</h1>
      <p className="lead">{t(`${name}.intro`)}</p>
      <p className="hint">{t("updated")}</p>
      {sections.length > contentsFrom ? (
        <nav aria-labelledby="service-page-contents" className="page-contents">
          <h2 id="service-page-contents">{t("contents")}</h2>
          <ul>
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#section-${section.id}`}>{t(`${name}.${section.id}.heading`)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {sections.map((section) => {
        const prefix = `${name}.${section.id}`;
        return (
          <section key={section.id} aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>{t(`${prefix}.heading`)}</h2>
            {section.blocks.map((block, index) => (
              <BlockView key={index} block={block} prefix={prefix} locale={locale} />
            ))}
          </section>
        );
      })}
    </article>
  );
}
