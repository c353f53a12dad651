-- CreateEnum
CREATE TYPE "Disposition" AS ENUM ('ADOPTED', 'PARTLY_ADOPTED', 'EXPLAINED', 'ALREADY_IN_DRAFT');

-- CreateEnum
CREATE TYPE "AnswerScope" AS ENUM ('COMMENT', 'SELECTION', 'GROUP', 'THEME');

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "answerId" TEXT,
ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "mayContact" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "basedOnId" TEXT,
ADD COLUMN     "matchReport" JSONB;

-- CreateTable
CREATE TABLE "Answer" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "disposition" "Disposition" NOT NULL,
    "explanation" TEXT NOT NULL,
    "scope" "AnswerScope" NOT NULL,
    "groupId" TEXT,
    "theme" TEXT,
    "versionId" TEXT,
    "blockKeys" TEXT NOT NULL DEFAULT '[]',
    "sectionKey" TEXT,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerRevision" (
    "id" TEXT NOT NULL,
    "answerId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "disposition" "Disposition" NOT NULL,
    "explanation" TEXT NOT NULL,
    "versionId" TEXT,
    "blockKeys" TEXT NOT NULL DEFAULT '[]',
    "editedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Answer_consultationId_sectionKey_idx" ON "Answer"("consultationId", "sectionKey");

-- CreateIndex
CREATE INDEX "Answer_consultationId_disposition_idx" ON "Answer"("consultationId", "disposition");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerRevision_answerId_revision_key" ON "AnswerRevision"("answerId", "revision");

-- CreateIndex
CREATE INDEX "Comment_answerId_idx" ON "Comment"("answerId");

-- CreateIndex
CREATE INDEX "Comment_consultationId_status_sectionKey_answerId_idx" ON "Comment"("consultationId", "status", "sectionKey", "answerId");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerRevision" ADD CONSTRAINT "AnswerRevision_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Answers (tiếp thu, giải trình): the drafting team and administrators record them, everyone who reads
-- reports sees them (organization representatives within their scope).
INSERT INTO "RolePermission" ("role", "permission") VALUES
  (CAST('ADMIN' AS "Role"), 'answers.manage'),
  (CAST('EDITOR' AS "Role"), 'answers.manage'),
  (CAST('ADMIN' AS "Role"), 'answers.view'),
  (CAST('EDITOR' AS "Role"), 'answers.view'),
  (CAST('MODERATOR' AS "Role"), 'answers.view'),
  (CAST('ORG_REP' AS "Role"), 'answers.view');
