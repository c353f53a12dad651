-- The PostgreSQL migration of the same name also leaves room in the pages of "SearchEntry"
-- (empty on SQLite, whose search engine keeps its own index): nothing of that here.


-- The passages marked in a draft's text (ADR 048) read only the comments that quote one ("quoteStart" is
-- set): the index holds only those, so a decision on opinions that quote nothing (most, and every member
-- of a near-duplicate campaign) adds no entry to it (ADR 060). Partial, so out of Prisma's models.
DROP INDEX "Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx";
CREATE INDEX "Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx" ON "Comment"("consultationId", "status", "quoteStart", "quoteEnd", "blockKey") WHERE "quoteStart" IS NOT NULL;
