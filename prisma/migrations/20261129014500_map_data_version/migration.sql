-- The map keeps every visible point in memory and reloads it only when this number has moved on.
-- Statement-level triggers bump it in the writing transaction, so a reader that sees the new
-- number also sees the rows that moved it (a sequence would run ahead of the commit).
CREATE TABLE "map_data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 1,
    CONSTRAINT "map_data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "map_data_version_single_row" CHECK ("id" = 1)
);

INSERT INTO "map_data_version" ("id", "version") VALUES (1, 1);

CREATE FUNCTION "map_data_version_bump"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE public.map_data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER "organisations_map_data_version"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_data_version_bump"();

CREATE TRIGGER "partnership_requests_map_data_version"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnership_requests"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_data_version_bump"();

CREATE TRIGGER "organisation_languages_map_data_version"
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisation_languages"
    FOR EACH STATEMENT EXECUTE FUNCTION "map_data_version_bump"();
