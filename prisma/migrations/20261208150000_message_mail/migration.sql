-- Mail about new messages (#11): when each recipient was last mailed about each thread, so a lively
-- conversation mails them at most once per thread per 15 minutes (mail.server.ts claims the mark
-- in the transaction that queues the mail).
CREATE TABLE "thread_mail_marks" (
    "thread_id" UUID NOT NULL REFERENCES "threads"("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "mailed_at" TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY ("thread_id", "user_id")
);
CREATE INDEX "thread_mail_marks_user_idx" ON "thread_mail_marks"("user_id");
