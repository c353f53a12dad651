-- The report counts read this index alone (an index-only scan) instead of the wide Comment rows (ADR 018).
-- It also serves the channel filter that Comment_consultationId_channel_idx served.
-- DropIndex
DROP INDEX "Comment_consultationId_channel_idx";

-- CreateIndex
CREATE INDEX "Comment_report_idx" ON "Comment"("consultationId", "status", "channel", "stance", "blockKey", "organizationId", "provinceCode", "communeCode", "occupation", "ageGroup", "createdAt");

