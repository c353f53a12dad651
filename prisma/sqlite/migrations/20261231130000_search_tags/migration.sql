-- AlterTable
ALTER TABLE "SearchEntry" ADD COLUMN "tags" tsvector;
