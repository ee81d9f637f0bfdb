-- Matching's candidate selection: the nearest public requests (sharing a topic) and organisations on
-- the other side of the border, walked in distance order. One GiST index per country, so the walk
-- starts on the right side instead of filtering out every nearby row of the seeker's own country, and
-- with the columns it filters on included, so it is an index-only scan (no heap reads of the wide
-- rows). Measured on the 100,000-organisation set: 275–300 ms → 1.7 ms for requests, 119 → 0.3 ms
-- for organisations (npm run bench:matching has the whole figures).
CREATE INDEX "partnership_requests_match_de_idx" ON "partnership_requests" USING GIST ("search_point")
    INCLUDE ("organisation_id", "topics", "search_kind") WHERE "search_visible" AND "search_country" = 'DE';
CREATE INDEX "partnership_requests_match_nl_idx" ON "partnership_requests" USING GIST ("search_point")
    INCLUDE ("organisation_id", "topics", "search_kind") WHERE "search_visible" AND "search_country" = 'NL';
CREATE INDEX "organisations_match_de_idx" ON "organisations" USING GIST ("search_point")
    INCLUDE ("id", "kind") WHERE "search_visible" AND "country" = 'DE';
CREATE INDEX "organisations_match_nl_idx" ON "organisations" USING GIST ("search_point")
    INCLUDE ("id", "kind") WHERE "search_visible" AND "country" = 'NL';
