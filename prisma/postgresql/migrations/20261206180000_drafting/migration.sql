-- CreateEnum
CREATE TYPE "ConsultationKind" AS ENUM ('POLITICAL_REPORT', 'LAW', 'RESOLUTION', 'OTHER');

-- AlterEnum
ALTER TYPE "ConsultationStatus" ADD VALUE 'SCHEDULED';

-- AlterTable
ALTER TABLE "Consultation" ADD COLUMN     "acceptsConference" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "acceptsLetter" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "acceptsOnline" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "firstPublicAt" TIMESTAMP(3),
ADD COLUMN     "issuingBody" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "kind" "ConsultationKind" NOT NULL DEFAULT 'OTHER',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'seed',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updatedById" TEXT;


-- A consultation already public keeps its slug from now on (issue 14).
UPDATE "Consultation" SET "firstPublicAt" = COALESCE("opensAt", "createdAt") WHERE "status" <> 'DRAFT';
