// The Euregio Partners mark: two circles, one for each side of the border, overlapping where the
// partners meet, with the river running through the overlap. The same drawing is public/logo.svg
// and, on a white tile, public/favicon.svg.

/** The mark beside the site's name: decorative, since the name next to it says the same. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 48 32"
      width="48"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="17" cy="16" r="13" fill="#0b5cad" />
      <circle cx="31" cy="16" r="13" fill="#1d6b5f" />
      <path d="M24 5.05a13 13 0 0 1 0 21.9a13 13 0 0 1 0-21.9z" fill="#083f78" />
      <path
        d="M25.5 5.5c-3 4-3 7 0 10.5s3 7-1 11"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
