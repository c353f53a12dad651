-- A hash of the idempotency key sent by the comment form (app/comments/idempotency.server.ts, ADR 025):
-- a retry of the same submission finds its comment and gets the same receipt, and the unique index stops a second row.
-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_idempotencyKey_key" ON "Comment"("idempotencyKey");
