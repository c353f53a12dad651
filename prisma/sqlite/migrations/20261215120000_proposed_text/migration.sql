-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "proposedText" TEXT;
