-- The weekly "new suggestions for your organisation" notification (#10 item 6): which partners were
-- already announced to an organisation, so a week's count names only partners suggested since.
-- One row per pair; it goes with either organisation.
CREATE TABLE "suggestion_announcements" (
    "organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "partner_organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "announced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("organisation_id", "partner_organisation_id")
);
CREATE INDEX "suggestion_announcements_partner_idx" ON "suggestion_announcements"("partner_organisation_id");
