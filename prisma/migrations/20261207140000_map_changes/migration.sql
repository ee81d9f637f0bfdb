-- A log of which map points each write touched, so an app instance brings its points up to date by
-- re-reading only those rows instead of all of them (docs/decisions/0023-map-incremental-updates.md).
-- Statement-level triggers with transition tables write it in the writing transaction, together
-- with the version bump: the bump locks the single version row until the commit, so versions are
-- handed out in commit order, and a reader that sees version V also sees every change up to V.
CREATE TABLE "map_changes" (
    "id" BIGSERIAL NOT NULL,
    "version" BIGINT NOT NULL,
    "layer" TEXT NOT NULL,
    "row_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "map_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "map_changes_layer" CHECK ("layer" IN ('requests', 'organisations'))
);

CREATE INDEX "map_changes_layer_version_idx" ON "map_changes"("layer", "version");

-- The log answers for a point set of this version or newer; older sets are rebuilt whole. Pruning
-- moves it forward, and so does a TRUNCATE, which names no rows.
ALTER TABLE "map_data_version" ADD COLUMN "changes_from" BIGINT;
UPDATE "map_data_version" SET "changes_from" = "version";
ALTER TABLE "map_data_version" ALTER COLUMN "changes_from" SET NOT NULL;

DROP TRIGGER "organisations_map_data_version" ON "organisations";
DROP TRIGGER "partnership_requests_map_data_version" ON "partnership_requests";
DROP TRIGGER "organisation_languages_map_data_version" ON "organisation_languages";

-- One function for the three tables and three kinds of write: new_rows and old_rows are the
-- statement's transition tables (only the one its kind of write has is read). A request's point
-- and its organisation's (which carries the masks of its open requests) both change; a statement
-- that touched no row bumps nothing. NOTIFY wakes the other instances at the commit.
CREATE FUNCTION "map_changes_record"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    next_version bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM 1 FROM old_rows LIMIT 1;
    ELSE
        PERFORM 1 FROM new_rows LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE public.map_data_version SET version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    IF TG_TABLE_NAME = 'organisations' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'organisations', id FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'organisations', id FROM (SELECT id FROM new_rows UNION SELECT id FROM old_rows) AS rows;
        ELSE
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'organisations', id FROM old_rows;
        END IF;
    ELSIF TG_TABLE_NAME = 'partnership_requests' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'requests', id FROM new_rows
            UNION SELECT next_version, 'organisations', organisation_id FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'requests', id FROM new_rows
            UNION SELECT next_version, 'requests', id FROM old_rows
            UNION SELECT next_version, 'organisations', organisation_id FROM new_rows
            UNION SELECT next_version, 'organisations', organisation_id FROM old_rows;
        ELSE
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'requests', id FROM old_rows
            UNION SELECT next_version, 'organisations', organisation_id FROM old_rows;
        END IF;
    ELSE
        IF TG_OP = 'INSERT' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT DISTINCT next_version, 'organisations', organisation_id FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT next_version, 'organisations', organisation_id FROM new_rows
            UNION SELECT next_version, 'organisations', organisation_id FROM old_rows;
        ELSE
            INSERT INTO public.map_changes (version, layer, row_id)
            SELECT DISTINCT next_version, 'organisations', organisation_id FROM old_rows;
        END IF;
    END IF;
    PERFORM pg_notify('map_changes', next_version::text);
    RETURN NULL;
END
$$;

-- A TRUNCATE names no rows: every set older than it is rebuilt whole.
CREATE FUNCTION "map_changes_truncated"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    next_version bigint;
BEGIN
    UPDATE public.map_data_version SET version = version + 1, changes_from = version + 1 WHERE id = 1
        RETURNING version INTO next_version;
    PERFORM pg_notify('map_changes', next_version::text);
    RETURN NULL;
END
$$;

-- A trigger with transition tables has one kind of write, hence three per table.
CREATE TRIGGER "organisations_map_inserted" AFTER INSERT ON "organisations"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisations_map_updated" AFTER UPDATE ON "organisations"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisations_map_deleted" AFTER DELETE ON "organisations"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisations_map_truncated" AFTER TRUNCATE ON "organisations"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_truncated"();

CREATE TRIGGER "partnership_requests_map_inserted" AFTER INSERT ON "partnership_requests"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "partnership_requests_map_updated" AFTER UPDATE ON "partnership_requests"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "partnership_requests_map_deleted" AFTER DELETE ON "partnership_requests"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "partnership_requests_map_truncated" AFTER TRUNCATE ON "partnership_requests"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_truncated"();

CREATE TRIGGER "organisation_languages_map_inserted" AFTER INSERT ON "organisation_languages"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisation_languages_map_updated" AFTER UPDATE ON "organisation_languages"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisation_languages_map_deleted" AFTER DELETE ON "organisation_languages"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_record"();
CREATE TRIGGER "organisation_languages_map_truncated" AFTER TRUNCATE ON "organisation_languages"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_changes_truncated"();
