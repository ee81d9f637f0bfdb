// The pages under /$lang, as path patterns, so a path typed without its language (`/map`,
// `/organisations/x`) can be sent to the reader's language while an unknown one stays a 404.
// Kept beside the route files' names by page-paths.test.ts.

/** Each page's segments after the locale; `*` is one dynamic segment (a slug). */
export const pagePatterns: readonly (readonly string[])[] = [
  [],
  ["account"],
  ["accessibility"],
  ["account", "data"],
  ["browse"],
  ["contact"],
  ["forgot-password"],
  ["imprint"],
  ["invitations", "accept"],
  ["map"],
  ["matches"],
  ["matches", "*"],
  ["messages"],
  ["messages", "*"],
  ["notifications"],
  ["organisations"],
  ["organisations", "new"],
  ["organisations", "*"],
  ["organisations", "*", "edit"],
  ["organisations", "*", "members"],
  ["privacy-statement"],
  ["requests", "new"],
  ["requests", "renew"],
  ["requests", "*"],
  ["requests", "*", "edit"],
  ["reset-password"],
  ["signin"],
  ["signout"],
  ["signup"],
  ["staff", "matches"],
  ["staff", "pending"],
  ["verify-email"],
];

/** Whether `/map`, `/organisations/x/` … is one of the pages once a locale is put in front. */
export function isPagePath(pathname: string): boolean {
  const segments = pathname.split("/").filter(Boolean);
  return pagePatterns.some(
    (pattern) =>
      pattern.length === segments.length &&
      pattern.every((part, index) => part === "*" || part === segments[index]),
  );
}
