-- Phone numbers stored before the form kept them in the national form (normalizePhone in
-- app/comments/contact.ts): +84 912 345 678, 84.912.345.678, 0084912345678 and (091) 234-5678 all
-- become 0912345678, so that rate limits, duplicate checks and personal-data requests see one number.
-- Only values that then are a Vietnamese number (0 then 3, 5, 7, 8 or 9 then 8 digits, or 02x then
-- 8 digits) change. Anything else (a foreign number, full-width digits, words) is left as typed, for
-- a person to read. The same rules run on PostgreSQL (prisma/postgresql/migrations/20261213100100_normalize_phones).
CREATE TEMP TABLE "PhoneFix" AS
  SELECT "id", replace(replace(replace(replace(replace(replace(replace(replace("authorPhone", ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), char(160), ''), char(9), ''), char(10), '') AS "phone"
  FROM "Comment" WHERE "authorPhone" IS NOT NULL;

UPDATE "PhoneFix" SET "phone" = CASE
  WHEN "phone" LIKE '+84%' THEN '0' || substr("phone", 4)
  WHEN "phone" LIKE '0084%' THEN '0' || substr("phone", 5)
  WHEN "phone" LIKE '84%' AND length("phone") = 11 THEN '0' || substr("phone", 3)
  ELSE "phone" END;

UPDATE "Comment" SET "authorPhone" = (SELECT "phone" FROM "PhoneFix" WHERE "PhoneFix"."id" = "Comment"."id")
WHERE "id" IN (
  SELECT "PhoneFix"."id" FROM "PhoneFix" JOIN "Comment" AS c ON c."id" = "PhoneFix"."id"
  WHERE c."authorPhone" <> "PhoneFix"."phone"
    AND ("phone" GLOB '0[35789][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' OR "phone" GLOB '02[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
);

DROP TABLE "PhoneFix";
