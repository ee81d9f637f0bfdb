-- Messaging (#11): one thread per connected match (or a staff member's thread with an organisation),
-- its messages with the writer's idempotency key, each user's read mark per thread, blocks between
-- organisations and reports to staff. Every new message is announced to all app instances by
-- NOTIFY on "thread_messages" at its commit (payload: thread and message id), never by memory.
CREATE TYPE "ThreadKind" AS ENUM ('match', 'staff');
CREATE TYPE "ReportTarget" AS ENUM ('message', 'thread', 'organisation', 'request');
CREATE TYPE "ReportReason" AS ENUM ('spam', 'harassment', 'inappropriate', 'child_safety', 'fraud', 'other');
CREATE TYPE "ReportStatus" AS ENUM ('open', 'dismissed', 'actioned');
ALTER TYPE "NotificationType" ADD VALUE 'message_received';

-- Whether mails about new messages leave the message text out.
ALTER TABLE "users" ADD COLUMN "mail_without_message_text" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "threads" (
    "id" UUID NOT NULL PRIMARY KEY,
    "kind" "ThreadKind" NOT NULL,
    "match_id" UUID UNIQUE REFERENCES "matches"("id") ON DELETE CASCADE,
    -- A staff thread: the organisation, and the staff member who opened it.
    "organisation_id" UUID REFERENCES "organisations"("id") ON DELETE CASCADE,
    "opened_by_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "last_message_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (("kind" = 'match') = ("match_id" IS NOT NULL)),
    CHECK (("kind" = 'staff') = ("organisation_id" IS NOT NULL))
);
CREATE INDEX "threads_organisation_idx" ON "threads"("organisation_id");
CREATE INDEX "threads_last_message_idx" ON "threads"("last_message_at" DESC, "id");

CREATE TABLE "messages" (
    "id" UUID NOT NULL PRIMARY KEY,
    "thread_id" UUID NOT NULL REFERENCES "threads"("id") ON DELETE CASCADE,
    "author_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    -- The organisation the author wrote for; null for staff.
    "organisation_id" UUID REFERENCES "organisations"("id") ON DELETE SET NULL,
    "body" TEXT NOT NULL CHECK (char_length("body") BETWEEN 1 AND 5000),
    "language" TEXT,
    -- The key the writer's form generated: the same send twice stores one message.
    "client_key" TEXT NOT NULL CHECK (char_length("client_key") BETWEEN 8 AND 100),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "messages_author_client_key_key" ON "messages"("author_id", "client_key");
CREATE INDEX "messages_thread_idx" ON "messages"("thread_id", "created_at", "id");

CREATE TABLE "thread_reads" (
    "thread_id" UUID NOT NULL REFERENCES "threads"("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY ("thread_id", "user_id")
);
CREATE INDEX "thread_reads_user_idx" ON "thread_reads"("user_id");

-- `organisation` blocked `blocked`: no new threads or messages between them.
CREATE TABLE "organisation_blocks" (
    "organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "blocked_organisation_id" UUID NOT NULL REFERENCES "organisations"("id") ON DELETE CASCADE,
    "created_by_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("organisation_id", "blocked_organisation_id"),
    CHECK ("organisation_id" <> "blocked_organisation_id")
);
CREATE INDEX "organisation_blocks_blocked_idx" ON "organisation_blocks"("blocked_organisation_id");

-- A report to staff; `snapshot` keeps the reported content, also when its author deletes it.
CREATE TABLE "reports" (
    "id" UUID NOT NULL PRIMARY KEY,
    "reporter_id" UUID REFERENCES "users"("id") ON DELETE SET NULL,
    "target_type" "ReportTarget" NOT NULL,
    "target_id" UUID NOT NULL,
    "reason" "ReportReason" NOT NULL,
    "note" TEXT CHECK (char_length("note") <= 2000),
    "snapshot" JSONB NOT NULL DEFAULT '{}',
    "status" "ReportStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID REFERENCES "users"("id") ON DELETE SET NULL
);
CREATE INDEX "reports_status_idx" ON "reports"("status", "created_at");
CREATE INDEX "reports_target_idx" ON "reports"("target_type", "target_id");

CREATE FUNCTION "announce_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('thread_messages', json_build_object('threadId', NEW.thread_id, 'messageId', NEW.id)::text);
    RETURN NEW;
END;
$$;
CREATE TRIGGER "messages_announce" AFTER INSERT ON "messages"
    FOR EACH ROW EXECUTE FUNCTION "announce_message"();
