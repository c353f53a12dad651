-- DropForeignKey
ALTER TABLE "ModerationEvent" DROP CONSTRAINT "ModerationEvent_actorId_fkey";

-- DropForeignKey
ALTER TABLE "ModerationEvent" DROP CONSTRAINT "ModerationEvent_commentId_fkey";

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "band0" INTEGER,
ADD COLUMN     "band1" INTEGER,
ADD COLUMN     "band2" INTEGER,
ADD COLUMN     "band3" INTEGER,
ADD COLUMN     "claimedById" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "flags" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "groupId" TEXT,
ADD COLUMN     "sectionKey" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "failedSignIns" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);

-- DropTable
DROP TABLE "ModerationEvent";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "csrfSecret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolePermission" (
    "role" "Role" NOT NULL,
    "permission" TEXT NOT NULL,

    CONSTRAINT "RolePermission_pkey" PRIMARY KEY ("role","permission")
);

-- CreateTable
CREATE TABLE "DuplicateGroup" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "blockKey" TEXT,
    "representativeId" TEXT NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 1,
    "pendingCount" INTEGER NOT NULL DEFAULT 0,
    "approvedCount" INTEGER NOT NULL DEFAULT 0,
    "publicCommentId" TEXT,
    "claimedById" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DuplicateGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejectReason" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "RejectReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "commentId" TEXT,
    "groupId" TEXT,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "commentId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "DuplicateGroup_consultationId_pendingCount_idx" ON "DuplicateGroup"("consultationId", "pendingCount");

-- CreateIndex
CREATE UNIQUE INDEX "RejectReason_label_key" ON "RejectReason"("label");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_commentId_idx" ON "AuditEvent"("commentId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_nextAt_idx" ON "Notification"("nextAt");

-- CreateIndex
CREATE INDEX "Comment_consultationId_status_createdAt_idx" ON "Comment"("consultationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_consultationId_sectionKey_status_createdAt_idx" ON "Comment"("consultationId", "sectionKey", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_groupId_status_idx" ON "Comment"("groupId", "status");

-- CreateIndex
CREATE INDEX "Comment_consultationId_band0_idx" ON "Comment"("consultationId", "band0");

-- CreateIndex
CREATE INDEX "Comment_consultationId_band1_idx" ON "Comment"("consultationId", "band1");

-- CreateIndex
CREATE INDEX "Comment_consultationId_band2_idx" ON "Comment"("consultationId", "band2");

-- CreateIndex
CREATE INDEX "Comment_consultationId_band3_idx" ON "Comment"("consultationId", "band3");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DuplicateGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Seed: what each role may do (permissions are data, an administrator can change them).
INSERT INTO "RolePermission" ("role", "permission") VALUES
  (CAST('ADMIN' AS "Role"), 'moderation.view'),
  (CAST('ADMIN' AS "Role"), 'moderation.decide'),
  (CAST('ADMIN' AS "Role"), 'moderation.bulk'),
  (CAST('ADMIN' AS "Role"), 'audit.view'),
  (CAST('ADMIN' AS "Role"), 'audit.export'),
  (CAST('ADMIN' AS "Role"), 'dashboard.view'),
  (CAST('ADMIN' AS "Role"), 'users.manage'),
  (CAST('ADMIN' AS "Role"), 'settings.manage'),
  (CAST('ADMIN' AS "Role"), 'personal-data.view'),
  (CAST('ADMIN' AS "Role"), 'reports.view'),
  (CAST('ADMIN' AS "Role"), 'consultations.manage'),
  (CAST('EDITOR' AS "Role"), 'moderation.view'),
  (CAST('EDITOR' AS "Role"), 'moderation.decide'),
  (CAST('EDITOR' AS "Role"), 'moderation.bulk'),
  (CAST('EDITOR' AS "Role"), 'audit.view'),
  (CAST('EDITOR' AS "Role"), 'audit.export'),
  (CAST('EDITOR' AS "Role"), 'dashboard.view'),
  (CAST('EDITOR' AS "Role"), 'personal-data.view'),
  (CAST('EDITOR' AS "Role"), 'reports.view'),
  (CAST('EDITOR' AS "Role"), 'consultations.manage'),
  (CAST('MODERATOR' AS "Role"), 'moderation.view'),
  (CAST('MODERATOR' AS "Role"), 'moderation.decide'),
  (CAST('MODERATOR' AS "Role"), 'dashboard.view'),
  (CAST('ORG_REP' AS "Role"), 'reports.view');

-- Seed: the starter list of rejection reasons (an administrator edits it).
INSERT INTO "RejectReason" ("id", "label", "position", "active") VALUES
  ('reason-1', 'Không liên quan đến nội dung dự thảo', 1, true),
  ('reason-2', 'Ngôn từ thiếu văn hóa, xúc phạm', 2, true),
  ('reason-3', 'Quảng cáo, đường dẫn không phù hợp', 3, true),
  ('reason-4', 'Nội dung trùng lặp, gửi nhiều lần', 4, true),
  ('reason-5', 'Thông tin cá nhân của người khác', 5, true),
  ('reason-6', 'Vi phạm pháp luật, xuyên tạc', 6, true),
  ('reason-7', 'Viết không dấu, khó đọc', 7, true);
