-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN "lexemes" tsvector;

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL PRIMARY KEY
);

-- CreateIndex
CREATE INDEX "SearchEntry_provinceCode_createdAt_idx" ON "SearchEntry"("provinceCode", "createdAt");
