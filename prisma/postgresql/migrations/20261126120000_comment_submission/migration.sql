-- DropIndex
DROP INDEX "Comment_consultationId_status_blockKey_idx";

-- DropIndex
DROP INDEX "Comment_contentHash_idx";

-- AlterTable
ALTER TABLE "Comment" DROP COLUMN "localityCode",
ADD COLUMN     "communeCode" TEXT,
ADD COLUMN     "diacriticsConfirmed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "provinceCode" TEXT,
ADD COLUMN     "sourceHash" TEXT;

-- CreateTable
CREATE TABLE "CaptchaUse" (
    "signature" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaptchaUse_pkey" PRIMARY KEY ("signature")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "CaptchaUse_expiresAt_idx" ON "CaptchaUse"("expiresAt");

-- CreateIndex
CREATE INDEX "Comment_consultationId_status_blockKey_createdAt_idx" ON "Comment"("consultationId", "status", "blockKey", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_consultationId_contentHash_idx" ON "Comment"("consultationId", "contentHash");
