-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "commentCharLimit" INTEGER NOT NULL DEFAULT 2000,
    "kind" TEXT NOT NULL DEFAULT 'OTHER',
    "issuingBody" TEXT NOT NULL DEFAULT '',
    "acceptsOnline" BOOLEAN NOT NULL DEFAULT true,
    "acceptsConference" BOOLEAN NOT NULL DEFAULT true,
    "acceptsLetter" BOOLEAN NOT NULL DEFAULT false,
    "firstPublicAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "publishedVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consultation_publishedVersionId_fkey" FOREIGN KEY ("publishedVersionId") REFERENCES "DocumentVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Consultation" ("closesAt", "commentCharLimit", "createdAt", "id", "opensAt", "publishedVersionId", "slug", "status", "summary", "title", "updatedAt") SELECT "closesAt", "commentCharLimit", "createdAt", "id", "opensAt", "publishedVersionId", "slug", "status", "summary", "title", "updatedAt" FROM "Consultation";
DROP TABLE "Consultation";
ALTER TABLE "new_Consultation" RENAME TO "Consultation";
CREATE UNIQUE INDEX "Consultation_slug_key" ON "Consultation"("slug");
CREATE UNIQUE INDEX "Consultation_publishedVersionId_key" ON "Consultation"("publishedVersionId");
CREATE INDEX "Consultation_status_opensAt_idx" ON "Consultation"("status", "opensAt");
CREATE TABLE "new_DocumentVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "publishedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DocumentVersion_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DocumentVersion" ("consultationId", "content", "createdAt", "id", "number", "publishedAt", "status", "title") SELECT "consultationId", "content", "createdAt", "id", "number", "publishedAt", "status", "title" FROM "DocumentVersion";
DROP TABLE "DocumentVersion";
ALTER TABLE "new_DocumentVersion" RENAME TO "DocumentVersion";
CREATE UNIQUE INDEX "DocumentVersion_consultationId_number_key" ON "DocumentVersion"("consultationId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- A consultation already public keeps its slug from now on (issue 14).
UPDATE "Consultation" SET "firstPublicAt" = COALESCE("opensAt", "createdAt") WHERE "status" <> 'DRAFT';
