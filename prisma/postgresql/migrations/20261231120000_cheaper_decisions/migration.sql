-- PostgreSQL only, not in the models (ADR 060): a fifth of each page of "SearchEntry" left free, so that
-- rewriting a document whose text did not change (a decision changes a comment's status, search/postgres
-- engine.ts writeEntries) puts the new row version in the same page: a HOT update, no new entry in any
-- index, the GIN index of "lexemes" included. The rows are small (the document and the vector are in
-- TOAST, toast_tuple_target = 128): about 25% more heap, 2% of the table with its TOAST and indexes.
-- Pages written before keep no room until they are written again (a VACUUM FULL of the table, or a
-- database filled after this migration).
ALTER TABLE "SearchEntry" SET (fillfactor = 80);

-- The passages marked in a draft's text (ADR 048) read only the comments that quote one ("quoteStart" is
-- set): the index holds only those, so a decision on opinions that quote nothing (most, and every member
-- of a near-duplicate campaign) adds no entry to it (ADR 060). Partial, so out of Prisma's models.
DROP INDEX "Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx";
CREATE INDEX "Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx" ON "Comment"("consultationId", "status", "quoteStart", "quoteEnd", "blockKey") WHERE "quoteStart" IS NOT NULL;
