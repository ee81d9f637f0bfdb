// Hydration, with the i18next instance made from the translations the document carried.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createClientI18n } from "~/modules/i18n/client.ts";
import { PageTranslationsProvider, readPageTranslations } from "~/modules/i18n/page-translations.tsx";
import { registerI18n } from "~/modules/i18n/registry.ts";

const { text, translations } = readPageTranslations();
const i18n = createClientI18n(translations);
registerI18n(translations.locale, i18n);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <PageTranslationsProvider value={text}>
          <RemixBrowser />
        </PageTranslationsProvider>
      </I18nextProvider>
    </StrictMode>,
  );
});
