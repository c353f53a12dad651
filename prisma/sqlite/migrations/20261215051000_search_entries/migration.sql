-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "sectionKey" TEXT,
    "stance" TEXT,
    "status" TEXT,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "organizationId" TEXT,
    "currentVersion" BOOLEAN,
    "createdAt" DATETIME NOT NULL,
    "folded" TEXT NOT NULL,
    "exact" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "indexedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SearchEntry_consultationId_createdAt_idx" ON "SearchEntry"("consultationId", "createdAt");

-- CreateIndex
CREATE INDEX "SearchEntry_createdAt_idx" ON "SearchEntry"("createdAt");
