// Hydration, with the catalog made from the translations the document carried.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { createClientCatalog } from "~/modules/i18n/client.ts";
import { PageTranslationsProvider, readPageTranslations } from "~/modules/i18n/page-translations.tsx";
import { I18nProvider } from "~/modules/i18n/react.tsx";
import { registerCatalog } from "~/modules/i18n/registry.ts";

const { text, translations } = readPageTranslations();
const catalog = createClientCatalog(translations);
registerCatalog(catalog);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nProvider catalog={catalog}>
        <PageTranslationsProvider value={text}>
          <RemixBrowser />
        </PageTranslationsProvider>
      </I18nProvider>
    </StrictMode>,
  );
});
