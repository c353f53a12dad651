-- Personal-data requests (Decree 13/2023/NĐ-CP, ADR 027). The comment status DELETED needs no change
-- here, SQLite keeps enums as TEXT.
INSERT INTO "RolePermission" ("role", "permission") VALUES
  ('ADMIN', 'personal-data.manage');
