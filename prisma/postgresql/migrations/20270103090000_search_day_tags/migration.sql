-- PostgreSQL only (ADR 071): the narrowing filters' values (section, province, commune, organization) are
-- also tagged with the day the entry was written ("p:01@20261207", search/postgres/entry.ts entryTags), so
-- that a narrowed search reads its newest days through lists as short as the filter's share of those days.
-- The rows already there get them from their own columns (their documents and vectors are not read).
UPDATE "SearchEntry" SET "tags" = COALESCE("tags", CAST('' AS tsvector)) || array_to_tsvector(array_remove(ARRAY[
  's:' || "sectionKey" || '@' || to_char("createdAt", 'YYYYMMDD'),
  'p:' || "provinceCode" || '@' || to_char("createdAt", 'YYYYMMDD'),
  'm:' || "communeCode" || '@' || to_char("createdAt", 'YYYYMMDD'),
  'o:' || "organizationId" || '@' || to_char("createdAt", 'YYYYMMDD')
], NULL))
WHERE "sectionKey" IS NOT NULL OR "provinceCode" IS NOT NULL OR "communeCode" IS NOT NULL OR "organizationId" IS NOT NULL;
