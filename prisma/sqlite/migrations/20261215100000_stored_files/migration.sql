-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT,
    "contentType" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "chunkCount" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "touchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "expiresAt" DATETIME
);

-- CreateTable
CREATE TABLE "StoredFileChunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("fileId", "seq"),
    CONSTRAINT "StoredFileChunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (columns with a default: added in place, no table rebuild)
ALTER TABLE "ExportJob" ADD COLUMN "fileId" TEXT;
ALTER TABLE "ExportJob" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ExportJob" ADD COLUMN "runner" TEXT;

-- CreateIndex
CREATE INDEX "StoredFile_key_finishedAt_idx" ON "StoredFile"("key", "finishedAt");

-- CreateIndex
CREATE INDEX "StoredFile_expiresAt_idx" ON "StoredFile"("expiresAt");

-- CreateIndex
CREATE INDEX "StoredFile_finishedAt_touchedAt_idx" ON "StoredFile"("finishedAt", "touchedAt");
