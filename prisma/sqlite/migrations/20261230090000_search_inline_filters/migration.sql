-- CreateIndex
CREATE INDEX "SearchEntry_organizationId_createdAt_idx" ON "SearchEntry"("organizationId", "createdAt");
