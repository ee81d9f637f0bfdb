-- "Don't suggest again": an organisation's members hide a suggested partner from its suggestions,
-- and can bring it back. One row per pair and direction; it goes with either organisation.
CREATE TABLE "suggestion_dismissals" (
    "organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "dismissed_organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "dismissed_by_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("organisation_id", "dismissed_organisation_id"),
    CHECK ("organisation_id" <> "dismissed_organisation_id")
);
CREATE INDEX "suggestion_dismissals_dismissed_idx" ON "suggestion_dismissals"("dismissed_organisation_id");
