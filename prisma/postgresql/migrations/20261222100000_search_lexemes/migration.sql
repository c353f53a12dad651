-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN     "lexemes" tsvector;

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "SearchEntry_provinceCode_createdAt_idx" ON "SearchEntry"("provinceCode", "createdAt");


-- The engine's stored vectors (ADR 051), PostgreSQL only, not in the models: the expression indexes on
-- the text columns give way to a GIN index on "lexemes" (ranking no longer parses text). The rows
-- already there get their vector from the text columns (tsvector input merges a lexeme written twice),
-- which are then emptied.
-- Rows stay narrow (the filter columns only, about 150 bytes): the vector and the document move to the
-- TOAST table, so that a search scanning tens of thousands of matches reads few pages, and only the
-- ranked candidates' vectors and the page's documents are fetched from there.
ALTER TABLE "SearchEntry" SET (toast_tuple_target = 128);
DROP INDEX IF EXISTS "SearchEntry_folded_idx";
DROP INDEX IF EXISTS "SearchEntry_exact_idx";
INSERT INTO "SearchTerm" ("term")
  SELECT DISTINCT "word" FROM "SearchEntry", unnest(tsvector_to_array(CAST("folded" AS tsvector))) AS "word"
  WHERE length("word") BETWEEN 5 AND 24
  ON CONFLICT DO NOTHING;
UPDATE "SearchEntry" SET "lexemes" = CAST("folded" || ' ' || "exact" AS tsvector), "folded" = '', "exact" = '';
-- Partial, so that the models' diff leaves it alone (every row has a vector, and "lexemes" @@ … implies it).
CREATE INDEX "SearchEntry_lexemes_idx" ON "SearchEntry" USING gin ("lexemes") WHERE "lexemes" IS NOT NULL;
