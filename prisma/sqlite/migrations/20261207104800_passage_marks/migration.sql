-- CreateIndex
CREATE INDEX "Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx" ON "Comment"("consultationId", "status", "quoteStart", "quoteEnd", "blockKey");
