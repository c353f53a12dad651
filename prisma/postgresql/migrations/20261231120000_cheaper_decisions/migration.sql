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

-- The opinions of an organization, a conference or an answer are read by that id (equality, IN, or
-- "answerId" IS NOT NULL), never by its absence through these indexes (the unanswered filter reads the
-- consultation's own indexes): each holds only the rows that name one. An opinion sent on the website names
-- none of the three, and an undecided one has no answer, so neither its submission nor its decision adds
-- an entry to them (ADR 060). Partial, so out of Prisma's models.
DROP INDEX "Comment_organizationId_idx";
CREATE INDEX "Comment_organizationId_idx" ON "Comment"("organizationId") WHERE "organizationId" IS NOT NULL;
DROP INDEX "Comment_conferenceId_idx";
CREATE INDEX "Comment_conferenceId_idx" ON "Comment"("conferenceId") WHERE "conferenceId" IS NOT NULL;
DROP INDEX "Comment_answerId_idx";
CREATE INDEX "Comment_answerId_idx" ON "Comment"("answerId") WHERE "answerId" IS NOT NULL;
