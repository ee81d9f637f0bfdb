-- The browser a sign-up came from: the SHA-256 of a random value kept in that browser's cookie, so the
-- verification link signs the newcomer in there, and only there (docs/decisions/0003).
ALTER TABLE "email_tokens" ADD COLUMN "browser_hash" TEXT;
