-- DropIndex
DROP INDEX "Comment_consultationId_band3_idx";

-- DropIndex
DROP INDEX "Comment_consultationId_band2_idx";

-- DropIndex
DROP INDEX "Comment_consultationId_band1_idx";

-- DropIndex
DROP INDEX "Comment_consultationId_band0_idx";

-- CreateIndex
CREATE INDEX "Comment_consultationId_blockKey_band0_idx" ON "Comment"("consultationId", "blockKey", "band0");

-- CreateIndex
CREATE INDEX "Comment_consultationId_blockKey_band1_idx" ON "Comment"("consultationId", "blockKey", "band1");

-- CreateIndex
CREATE INDEX "Comment_consultationId_blockKey_band2_idx" ON "Comment"("consultationId", "blockKey", "band2");

-- CreateIndex
CREATE INDEX "Comment_consultationId_blockKey_band3_idx" ON "Comment"("consultationId", "blockKey", "band3");

-- Partial indexes, one per automatic flag (app/moderation/text/flags.ts bits), so a flag filter on the
-- queue reads only flagged pending rows. Prisma cannot express them in the models: they live here.
CREATE INDEX "Comment_pending_flag1_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 1) <> 0;
CREATE INDEX "Comment_pending_flag2_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 2) <> 0;
CREATE INDEX "Comment_pending_flag4_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 4) <> 0;
CREATE INDEX "Comment_pending_flag8_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 8) <> 0;
CREATE INDEX "Comment_pending_flag16_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 16) <> 0;
CREATE INDEX "Comment_pending_flag32_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 32) <> 0;
CREATE INDEX "Comment_pending_flag64_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 64) <> 0;
