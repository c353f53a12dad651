-- CreateIndex
CREATE INDEX "SearchEntry_organizationId_createdAt_idx" ON "SearchEntry"("organizationId", "createdAt");


-- PostgreSQL only, not in the models (ADR 051, "Inline filter columns"): the id and the filter columns stay
-- in the row. With toast_tuple_target = 128 (20261222100000_search_lexemes) the toaster also moved every
-- text of more than 24 bytes out of line, "id" and "consultationId" among them, so that checking a
-- consultation filter, counting the facets or carrying the id of a match fetched a TOAST chunk per row
-- (17 s for a scan of 1,000,000 rows filtered by consultation, against 0.5 s for an inline column).
-- MAIN: kept in the row (compressed at most), and only "document" and "lexemes" go to TOAST. This changes no
-- row already written: each is moved back into its row when it is written again (any change of its
-- document, or `npm run search:reindex`, which rewrites every row while searches go on).
ALTER TABLE "SearchEntry"
  ALTER COLUMN "id" SET STORAGE MAIN,
  ALTER COLUMN "kind" SET STORAGE MAIN,
  ALTER COLUMN "consultationId" SET STORAGE MAIN,
  ALTER COLUMN "sectionKey" SET STORAGE MAIN,
  ALTER COLUMN "stance" SET STORAGE MAIN,
  ALTER COLUMN "status" SET STORAGE MAIN,
  ALTER COLUMN "provinceCode" SET STORAGE MAIN,
  ALTER COLUMN "communeCode" SET STORAGE MAIN,
  ALTER COLUMN "organizationId" SET STORAGE MAIN;
