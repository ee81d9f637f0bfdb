// Back from a page one opened through a link lands on that link again, not on <body>: keyboard and
// screen-reader users go on where they were in a list (browse results, the map's list). The link
// followed is remembered per history entry in sessionStorage; on a Back or Forward (POP) to that
// entry it gets the focus, without scrolling (Remix's ScrollRestoration puts the page back).
import { useLocation, useNavigationType } from "@remix-run/react";
import { useEffect } from "react";

const storageKey = (entry: string) => `focus-return:${entry}`;

function remember(entry: string, href: string) {
  try {
    sessionStorage.setItem(storageKey(entry), href);
  } catch {
    // Storage may be full or off; the focus then stays where the browser puts it.
  }
}

function recall(entry: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(entry));
  } catch {
    return null;
  }
}

export function useFocusReturn(): void {
  const { key } = useLocation();
  const navigationType = useNavigationType();

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("main a[href]");
      const href = link?.getAttribute("href");
      if (href && !href.startsWith("#")) remember(key, href);
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [key]);

  useEffect(() => {
    if (navigationType !== "POP") return;
    const href = recall(key);
    if (!href) return;
    const link = [...document.querySelectorAll<HTMLAnchorElement>("main a[href]")].find(
      (candidate) => candidate.getAttribute("href") === href,
    );
    link?.focus({ preventScroll: true });
  }, [key, navigationType]);
}
