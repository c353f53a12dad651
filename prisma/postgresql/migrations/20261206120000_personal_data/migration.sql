-- Personal-data requests (Decree 13/2023/NĐ-CP, ADR 027).
-- AlterEnum
ALTER TYPE "CommentStatus" ADD VALUE 'DELETED';

INSERT INTO "RolePermission" ("role", "permission") VALUES
  (CAST('ADMIN' AS "Role"), 'personal-data.manage');
