-- Mail at rest is sealed (docs/decisions/0011-no-secrets-at-rest.md). Outbox rows and mail jobs
-- from before hold their links in clear: they are deleted, not converted (the key lives outside the
-- database). A mail still waiting to be sent at the upgrade is lost; its link can be asked for again.
DELETE FROM "outbox_mails";
ALTER TABLE "outbox_mails" DROP COLUMN "subject", DROP COLUMN "text", DROP COLUMN "html",
    ADD COLUMN "sealed" TEXT NOT NULL;

-- pg-boss creates its schema at the first start, which may come after this migration.
DO $$
BEGIN
    IF to_regclass('pgboss.job') IS NOT NULL THEN
        DELETE FROM pgboss.job WHERE name = 'send-mail' AND NOT (data ? 'sealed');
    END IF;
    IF to_regclass('pgboss.archive') IS NOT NULL THEN
        DELETE FROM pgboss.archive WHERE name = 'send-mail' AND NOT (data ? 'sealed');
    END IF;
END
$$;
