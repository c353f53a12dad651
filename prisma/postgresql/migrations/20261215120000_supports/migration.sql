-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "supportCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DuplicateGroup" ADD COLUMN     "supportCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Support" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "sourceHash" TEXT,
    "contactHash" TEXT,
    "withScript" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Support_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Support_sourceHash_idx" ON "Support"("sourceHash");

-- CreateIndex
CREATE INDEX "Support_contactHash_idx" ON "Support"("contactHash");

-- CreateIndex
CREATE INDEX "Support_consultationId_createdAt_idx" ON "Support"("consultationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Support_commentId_sourceHash_key" ON "Support"("commentId", "sourceHash");

-- AddForeignKey
ALTER TABLE "Support" ADD CONSTRAINT "Support_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
