-- Narrow indexes for the three passes of the statistics page (block × organization, locality × occupation × age group, day)
-- when nothing but the channel narrows the entries of a consultation (app/reports/statistics.server.ts, ADR 061).
-- CreateIndex
CREATE INDEX "Comment_report_block_idx" ON "Comment"("consultationId", "status", "channel", "stance", "blockKey", "organizationId");

-- CreateIndex
CREATE INDEX "Comment_report_place_idx" ON "Comment"("consultationId", "status", "channel", "stance", "provinceCode", "occupation", "ageGroup");

-- CreateIndex
CREATE INDEX "Comment_report_day_idx" ON "Comment"("consultationId", "status", "channel", "stance", "createdAt");
