// The document: <html lang>, the page's translations for the browser, header with language switch.
// The translation catalog comes from entry.server.tsx / entry.client.tsx.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { useNonce } from "~/components/nonce.tsx";
import { chooseLocalePath, isLocale, localePath, locales, type Locale } from "~/modules/i18n/config.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import { preferredLocale } from "~/modules/i18n/detect.server.ts";
import { usePageNamespaces } from "~/modules/i18n/namespaces.ts";
import { PageTranslationsScript } from "~/modules/i18n/page-translations.tsx";
import { unreadMessageCount } from "~/modules/messaging/threads.server.ts";
import { unreadNotificationCount } from "~/modules/notifications/service.server.ts";
import { LiveUpdates } from "~/modules/messaging/realtime/live-updates.tsx";
import { LogoMark } from "~/modules/site/logo.tsx";
import { servicePages } from "~/modules/site/service-page.tsx";
import styles from "~/styles/app.css?url";
import { useFocusReturn } from "~/utils/focus-return.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = context.auth?.user;
  const locale: Locale = isLocale(params.lang) ? params.lang : preferredLocale(request, user);
  return {
    locale,
    user: user ? { name: user.name, role: user.role, emailVerified: !!user.emailVerifiedAt } : null,
    // The bell's count: one scan of the partial index on unread notifications.
    unreadNotifications: user ? await unreadNotificationCount(user.id) : 0,
    // Unread messages in the reader's threads: one indexed query (threads.server.ts).
    unreadMessages: user ? await unreadMessageCount(user.id) : 0,
  };
}

/**
 * The locale changes only with the URL's; the user only after an action. The bell's count follows
 * other people's actions too, so it is read again on every move to another page (not when only the
 * query changes, as the map's does on every pan). A revalidation on the same URL (LiveUpdates, when a
 * message arrives) reads it again too.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentParams,
  nextParams,
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  return (
    currentParams.lang !== nextParams.lang ||
    currentUrl.pathname !== nextUrl.pathname ||
    currentUrl.href === nextUrl.href
  );
};

export type RootData = ReturnType<typeof useRootData>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageSwitch({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav aria-label={t("language.label")} className="language-switch">
      <ul>
        {locales.map((locale) => (
          <li key={locale}>
            <a
              href={chooseLocalePath(location.pathname, location.search, locale)}
              hrefLang={locale}
              lang={locale}
              aria-current={locale === current ? "true" : undefined}
            >
              {t(`language.${locale}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The link to the notifications page, named with the unread count ("Notifications, 3 unread"). */
/** A header link with an icon and a count (the bell, the messages): the count is read out in words. */
function CountLink({ to, icon, label, count }: { to: string; icon: string; label: string; count: number }) {
  return (
    <Link to={to} className="bell">
      <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d={icon} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      </svg>
      <span className="visually-hidden">{label}</span>
      {count > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}

function NotificationBell({ locale, count }: { locale: Locale; count: number }) {
  const { t } = useTranslation();
  return (
    <CountLink
      to={localePath(locale, "/notifications")}
      icon="M12 3a6 6 0 0 0-6 6v4.2L4.3 16.6A1 1 0 0 0 5.2 18h13.6a1 1 0 0 0 .9-1.4L18 13.2V9a6 6 0 0 0-6-6Z M9.5 19.5a2.5 2.5 0 0 0 5 0"
      label={t("bell.label", { count })}
      count={count}
    />
  );
}

/**
 * The unread messages: the root loader's count, or the page's own when it read them later than
 * the root loader (a thread page marks its thread read while the root loader runs).
 */
function useUnreadMessages(rootCount: number): number {
  const own = useMatches()
    .map((match) => (match.data as { unreadMessages?: unknown } | undefined)?.unreadMessages)
    .find((count, index) => index > 0 && typeof count === "number");
  return typeof own === "number" ? own : rootCount;
}

/** The link to the inbox, named with the count of unread messages. */
function MessagesLink({ locale, count: rootCount }: { locale: Locale; count: number }) {
  const { t } = useTranslation();
  const count = useUnreadMessages(rootCount);
  return (
    <CountLink
      to={localePath(locale, "/messages")}
      icon="M4 5h16v11H9l-5 4V5Z"
      label={t("messagesLink.label", { count })}
      count={count}
    />
  );
}

/**
 * The site's header. On a phone the navigation and the language switch sit behind a menu button
 * (a disclosure: aria-expanded, aria-controls); without JavaScript the button is hidden by CSS and
 * the links are shown as on a wide screen, so every page stays reachable.
 */
function Header({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  // Open for one history entry only: a followed link closes the menu.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.key;
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [menuOpen]);
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to={localePath(locale)} className="brand">
          <LogoMark className="brand-mark" />
          <span>{t("appName")}</span>
        </Link>
        {data?.user ? <MessagesLink locale={locale} count={data.unreadMessages} /> : null}
        {data?.user ? <NotificationBell locale={locale} count={data.unreadNotifications} /> : null}
        <button
          ref={menuButton}
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setOpenOn(menuOpen ? null : location.key)}
        >
          <svg className="menu-icon" viewBox="0 0 20 16" width="20" height="16" aria-hidden="true">
            <path d="M1 2h18M1 8h18M1 14h18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <span className="menu-label">{t("nav.menu")}</span>
        </button>
        <div id="site-menu" className="site-menu" data-open={menuOpen ? "" : undefined}>
          <nav aria-label={t("nav.main")} className="main-nav">
            <ul>
              <li>
                <Link to={localePath(locale, "/browse")}>{t("nav.browse")}</Link>
              </li>
              <li>
                <Link to={localePath(locale, "/map")}>{t("nav.map")}</Link>
              </li>
              {data?.user ? (
                <>
                  <li>
                    <Link to={localePath(locale, "/matches")}>{t("nav.matches")}</Link>
                  </li>
                  <li>
                    <Link to={localePath(locale, "/organisations")}>{t("nav.organisations")}</Link>
                  </li>
                  {isStaff(data.user) ? (
                    <li>
                      <Link to={localePath(locale, "/staff/pending")}>{t("nav.pending")}</Link>
                    </li>
                  ) : null}
                  <li>
                    <Link to={localePath(locale, "/account")}>{t("nav.account")}</Link>
                  </li>
                  <li>
                    <Form method="post" action={localePath(locale, "/signout")}>
                      <input type="hidden" name="scope" value="this" />
                      <button type="submit" className="link-button">
                        {t("nav.signOut")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link to={localePath(locale, "/signin")}>{t("nav.signIn")}</Link>
                  </li>
                  <li>
                    <Link to={localePath(locale, "/signup")} className="button button-small">
                      {t("nav.signUp")}
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <LanguageSwitch current={locale} />
        </div>
      </div>
    </header>
  );
}

function Footer({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container footer-row">
        <div className="footer-about">
          <p className="footer-name">{t("appName")}</p>
          <p>{t("footer.about")}</p>
          <p>{t("footer.region")}</p>
        </div>
        <nav aria-label={t("footer.nav")} className="footer-nav">
          <ul>
            {servicePages.map((page) => (
              <li key={page.name}>
                <Link to={localePath(locale, page.path)}>{t(`footer.${page.name}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale = data?.locale ?? "en";
  const { t } = useTranslation();
  return (
    // The class "js" is set before the body is drawn, so what only readers without JavaScript should
    // see (a map's "needs JavaScript" text) is hidden by CSS from the first paint on, not after
    // hydration. React leaves the attribute alone (suppressHydrationWarning is for this element only).
    <html lang={locale} dir="ltr" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: 'document.documentElement.classList.add("js")' }}
        />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        <Header locale={locale} />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <Footer locale={locale} />
        <PageTranslationsScript />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  usePageNamespaces();
  useFocusReturn();
  const data = useRootData();
  return (
    <>
      <Outlet />
      {data?.user ? <LiveUpdates /> : null}
    </>
  );
}

export function ErrorBoundary() {
  usePageNamespaces({ tolerant: true });
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRootData();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey =
    isRouteErrorResponse(error) && typeof error.data?.messageKey === "string" ? error.data.messageKey : null;
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundText")]
      : status >= 500
        ? [t("errors.serverTitle"), t("errors.serverText")]
        : [t("errors.badRequestTitle"), messageKey ? t(messageKey) : t("errors.badRequestText")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <title>{`${title} – ${t("appName")}`}</title>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to={localePath(data?.locale ?? "en")}>{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
