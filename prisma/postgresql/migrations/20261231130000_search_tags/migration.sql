-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN     "tags" tsvector;


-- PostgreSQL only, not in the models (ADR 059): each entry's filter values and the hour it was written as
-- a second tsvector ("tags", search/postgres/entry.ts entryTags), the second column of the GIN index with
-- "lexemes", so that one index scan intersects the words with the filters and a span of hours. MAIN: kept
-- in the row (toast_tuple_target = 128 would move it out). The rows already there get their tags from
-- their own columns here (their documents and vectors are not read or rewritten: about 2 minutes for
-- 1,000,000 rows, then the index). The old index on "lexemes" alone gives way to the new one. Not the
-- status: a decision would then change an indexed column and could not rewrite the entry HOT (ADR 060).
ALTER TABLE "SearchEntry" ALTER COLUMN "tags" SET STORAGE MAIN;
UPDATE "SearchEntry" SET "tags" = array_to_tsvector(array_remove(ARRAY[
  'k:' || "kind", 'c:' || "consultationId", 's:' || "sectionKey", 'a:' || "stance",
  'p:' || "provinceCode", 'm:' || "communeCode", 'o:' || "organizationId", 'h:' || to_char("createdAt", 'YYYYMMDDHH24')
], NULL));
DROP INDEX IF EXISTS "SearchEntry_lexemes_idx";
-- Partial, as the index it replaces, so that the models' diff leaves it alone.
CREATE INDEX "SearchEntry_lexemes_tags_idx" ON "SearchEntry" USING gin ("lexemes", "tags") WHERE "lexemes" IS NOT NULL;

-- The vocabulary ("SearchTerm") now holds the folded words from 2 letters (search/postgres/entry.ts
-- TERM_MIN_LETTERS), so that a word still being typed is asked as the words it begins, not as a prefix
-- the GIN index reads whole (ADR 059). The words of 2 to 4 letters of the rows already there, from their
-- vectors (the folded forms: printable ASCII, the written ones have diacritics): every vector is read once
-- (2 minutes for 1,000,000 rows here).
INSERT INTO "SearchTerm" ("term")
  SELECT DISTINCT "word" FROM "SearchEntry", unnest(tsvector_to_array("lexemes")) AS "word"
  WHERE length("word") BETWEEN 2 AND 4 AND "word" ~ '^[ -~]+$'
  ORDER BY "word"
  ON CONFLICT DO NOTHING;
