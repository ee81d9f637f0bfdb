-- Matching's double opt-in (#10): a match between two organisations with its stage, the score and
-- reasons at the time, a staff promotion, and a history of every change; notifications for the
-- users it concerns, with the mail preference each user chose (per event, daily or weekly digest).
CREATE TYPE "MatchStatus" AS ENUM ('suggested', 'interested', 'connected', 'active_project', 'completed', 'declined', 'ended');
CREATE TYPE "MatchEventType" AS ENUM ('suggested', 'interested', 'connected', 'active_project', 'completed', 'declined', 'ended', 'promoted', 'unpromoted');
CREATE TYPE "NotificationType" AS ENUM ('interest_received', 'match_connected', 'match_declined', 'match_promoted', 'match_stage', 'weekly_suggestions');
CREATE TYPE "NotificationMail" AS ENUM ('per_event', 'daily', 'weekly');

ALTER TABLE "users" ADD COLUMN "notification_mail" "NotificationMail" NOT NULL DEFAULT 'daily';

-- `from` expressed interest first (or, for a staff suggestion, the organisation it was promoted to);
-- `to` answers. The requests are those behind the match, when there were any.
CREATE TABLE "matches" (
    "id" UUID NOT NULL PRIMARY KEY,
    "from_organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "to_organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "from_request_id" UUID REFERENCES "partnership_requests"("id") ON DELETE SET NULL,
    "to_request_id" UUID REFERENCES "partnership_requests"("id") ON DELETE SET NULL,
    "status" "MatchStatus" NOT NULL,
    "score" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "distance_km" INTEGER,
    "message" TEXT CHECK (char_length("message") <= 1000),
    "from_contact_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "to_contact_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "promoted_at" TIMESTAMPTZ(3),
    "promoted_by_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "promotion_note_nl" TEXT CHECK (char_length("promotion_note_nl") <= 500),
    "promotion_note_de" TEXT CHECK (char_length("promotion_note_de") <= 500),
    "connected_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CHECK ("from_organisation_id" <> "to_organisation_id")
);
CREATE INDEX "matches_from_organisation_idx" ON "matches"("from_organisation_id", "status");
CREATE INDEX "matches_to_organisation_idx" ON "matches"("to_organisation_id", "status");
-- One open match per pair, whichever side began it: the database refuses a second one, also when
-- two requests race past the service's own check.
CREATE UNIQUE INDEX "matches_open_pair_key" ON "matches"
    (LEAST("from_organisation_id", "to_organisation_id"), GREATEST("from_organisation_id", "to_organisation_id"))
    WHERE "status" IN ('suggested', 'interested', 'connected', 'active_project');

CREATE TABLE "match_events" (
    "id" UUID NOT NULL PRIMARY KEY,
    "match_id" UUID NOT NULL REFERENCES "matches"("id") ON DELETE CASCADE,
    "type" "MatchEventType" NOT NULL,
    "actor_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "organisation_id" UUID REFERENCES "organisations"("id") ON DELETE SET NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "match_events_match_idx" ON "match_events"("match_id", "created_at");

-- One row per event per user. `params` holds what the text needs (names, stage); `path` is the
-- link without the language prefix. `mailed_at` is set when a mail (per event or digest) carried it.
CREATE TABLE "notifications" (
    "id" UUID NOT NULL PRIMARY KEY,
    "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "type" "NotificationType" NOT NULL,
    "organisation_id" UUID REFERENCES "organisations"("id") ON DELETE CASCADE,
    "match_id" UUID REFERENCES "matches"("id") ON DELETE CASCADE,
    "params" JSONB NOT NULL DEFAULT '{}',
    "path" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "mailed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "notifications_user_idx" ON "notifications"("user_id", "created_at" DESC);
CREATE INDEX "notifications_unread_idx" ON "notifications"("user_id") WHERE "read_at" IS NULL;
CREATE INDEX "notifications_unmailed_idx" ON "notifications"("user_id") WHERE "mailed_at" IS NULL;
