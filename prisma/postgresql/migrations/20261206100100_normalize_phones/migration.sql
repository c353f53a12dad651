-- Phone numbers stored before the form kept them in the national form (normalizePhone in
-- app/comments/contact.ts): +84 912 345 678, 84.912.345.678, 0084912345678 and (091) 234-5678 all
-- become 0912345678, so that rate limits, duplicate checks and personal-data requests see one number.
-- Only values that then are a Vietnamese number (0 then 3, 5, 7, 8 or 9 then 8 digits, or 02x then
-- 8 digits) change. Anything else (a foreign number, full-width digits, words) is left as typed, for
-- a person to read. The same rules run on SQLite (prisma/sqlite/migrations/20261213100100_normalize_phones).
UPDATE "Comment" AS c SET "authorPhone" = f."phone"
FROM (
  SELECT "id", CASE
    WHEN s LIKE '+84%' THEN '0' || substr(s, 4)
    WHEN s LIKE '0084%' THEN '0' || substr(s, 5)
    WHEN s LIKE '84%' AND length(s) = 11 THEN '0' || substr(s, 3)
    ELSE s END AS "phone"
  FROM (SELECT "id", regexp_replace("authorPhone", '[\s.()\u00a0-]', '', 'g') AS s FROM "Comment" WHERE "authorPhone" IS NOT NULL) AS stripped
) AS f
WHERE c."id" = f."id" AND c."authorPhone" <> f."phone" AND f."phone" ~ '^0(3|5|7|8|9|2[0-9])[0-9]{8}$';
