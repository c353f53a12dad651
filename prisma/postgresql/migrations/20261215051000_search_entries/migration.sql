-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "sectionKey" TEXT,
    "stance" TEXT,
    "status" TEXT,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "organizationId" TEXT,
    "currentVersion" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "folded" TEXT NOT NULL,
    "exact" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchEntry_consultationId_createdAt_idx" ON "SearchEntry"("consultationId", "createdAt");

-- CreateIndex
CREATE INDEX "SearchEntry_createdAt_idx" ON "SearchEntry"("createdAt");


-- The engine's full-text indexes (ADR 051). Prisma cannot express them in the models: they live here.
-- The columns hold the app's own analysis in tsvector text form, so a cast (immutable) makes the vector
-- and no text search configuration or extension is needed.
CREATE INDEX "SearchEntry_folded_idx" ON "SearchEntry" USING gin (CAST("folded" AS tsvector));
CREATE INDEX "SearchEntry_exact_idx" ON "SearchEntry" USING gin (CAST("exact" AS tsvector));
