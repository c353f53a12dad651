-- CreateTable
CREATE TABLE "Support" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "sourceHash" TEXT,
    "contactHash" TEXT,
    "withScript" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Support_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a column with a default: SQLite adds it in place)
ALTER TABLE "Comment" ADD COLUMN "supportCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DuplicateGroup" ADD COLUMN "supportCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Support_sourceHash_idx" ON "Support"("sourceHash");

-- CreateIndex
CREATE INDEX "Support_contactHash_idx" ON "Support"("contactHash");

-- CreateIndex
CREATE INDEX "Support_consultationId_createdAt_idx" ON "Support"("consultationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Support_commentId_sourceHash_key" ON "Support"("commentId", "sourceHash");
