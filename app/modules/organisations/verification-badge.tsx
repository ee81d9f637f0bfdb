// An organisation's verification status as a badge: verified, awaiting verification or suspended.
import type { VerificationStatus } from "~/generated/prisma/enums.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";

const marks: Record<VerificationStatus, string> = { verified: "✓", pending: "…", suspended: "!" };

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation("organisations");
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{marks[status]}</span> <span>{t(`status.${status}`)}</span>
    </span>
  );
}
