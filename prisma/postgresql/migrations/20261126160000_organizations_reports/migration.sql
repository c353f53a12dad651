-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('ONLINE', 'CONFERENCE', 'LETTER');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "channel" "Channel" NOT NULL DEFAULT 'ONLINE',
ADD COLUMN     "conferenceId" TEXT,
ADD COLUMN     "organizationId" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "code" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'MTTQ',
ADD COLUMN     "path" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Conference" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "attendees" INTEGER,
    "chairperson" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportJob" (
    "id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "status" "ExportStatus" NOT NULL DEFAULT 'QUEUED',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "filePath" TEXT,
    "fileName" TEXT,
    "error" TEXT,
    "requestedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ExportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Conference_consultationId_organizationId_idx" ON "Conference"("consultationId", "organizationId");

-- CreateIndex
CREATE INDEX "ExportJob_requestedById_createdAt_idx" ON "ExportJob"("requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_consultationId_channel_idx" ON "Comment"("consultationId", "channel");

-- CreateIndex
CREATE INDEX "Comment_organizationId_idx" ON "Comment"("organizationId");

-- CreateIndex
CREATE INDEX "Comment_conferenceId_idx" ON "Comment"("conferenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_code_key" ON "Organization"("code");

-- CreateIndex
CREATE INDEX "Organization_path_idx" ON "Organization"("path");

-- AddForeignKey
ALTER TABLE "Conference" ADD CONSTRAINT "Conference_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conference" ADD CONSTRAINT "Conference_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Seed: who manages the organization tree, records conferences and exports reports.
INSERT INTO "RolePermission" ("role", "permission") VALUES
  (CAST('ADMIN' AS "Role"), 'organizations.manage'),
  (CAST('ADMIN' AS "Role"), 'conferences.manage'),
  (CAST('EDITOR' AS "Role"), 'conferences.manage'),
  (CAST('ORG_REP' AS "Role"), 'conferences.manage'),
  (CAST('ADMIN' AS "Role"), 'reports.export'),
  (CAST('EDITOR' AS "Role"), 'reports.export'),
  (CAST('ORG_REP' AS "Role"), 'reports.export');
