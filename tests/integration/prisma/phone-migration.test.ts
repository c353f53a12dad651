import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { normalizePhone } from "~/comments/contact.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The data migration that puts phone numbers stored before normalizePhone into its national form,
// run as SQL on rows written the old way, on both databases. It must agree with normalizePhone
// wherever that gives a number, and leave everything else as typed.
const migration = (provider: string) =>
  readFileSync(path.resolve(import.meta.dirname, `../../../prisma/${provider}/migrations/20261206100100_normalize_phones/migration.sql`), "utf8");

const STORED = [
  "0912345678",
  "+84912345678",
  "+84 912 345 678",
  "84912345678",
  "84.912.345.678",
  "0084 912 345 678",
  "(091) 234-5678",
  "0912\u00a0345\u00a0678",
  "024 3825 1234", // fixed line, Hà Nội
  "+84 24 3825 1234",
  "+1 202 555 0100", // foreign: left as typed
  "0912345", // too short: left
  "０９１２３４５６７８", // full-width digits: normalizePhone reads them, this SQL does not: left
  "gọi giờ hành chính",
];

describeEachDatabase("normalizing stored phone numbers (migration 20261206100100_normalize_phones)", (ctx) => {
  it("stores each Vietnamese number in the national form and leaves the rest untouched", async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: "so-dien-thoai", status: "OPEN" },
      ["DỰ THẢO", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Một đoạn văn."].join("\n\n"),
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "so-dien-thoai" }, select: { id: true, publishedVersionId: true } });
    for (const [i, phone] of STORED.entries()) {
      await ctx.db.comment.create({
        data: {
          consultationId: consultation.id,
          versionId: consultation.publishedVersionId!,
          stance: "AGREE",
          originalText: `Ý kiến số ${i}`,
          authorName: "Người Gửi",
          authorPhone: phone,
          consentAt: new Date(),
          contentHash: `h${i}`,
          receiptToken: `phone-migration-token-${String(i).padStart(10, "0")}`,
        },
      });
    }
    const statements = migration(ctx.provider)
      .split(/;\s*\n/)
      .map((s) =>
        s
          .split("\n")
          .filter((line) => !line.startsWith("--"))
          .join("\n")
          .trim(),
      )
      .filter(Boolean);
    // Twice: running it again changes nothing.
    for (let round = 0; round < 2; round++) for (const statement of statements) await ctx.sql.run(statement, []);

    const rows = await ctx.db.comment.findMany({ where: { consultationId: consultation.id }, select: { originalText: true, authorPhone: true } });
    const byIndex = new Map(rows.map((r) => [Number(r.originalText.split(" ").at(-1)), r.authorPhone]));
    const expected = [...Array(8).fill("0912345678"), "02438251234", "02438251234", "+1 202 555 0100", "0912345", "０９１２３４５６７８", "gọi giờ hành chính"];
    expect(STORED.map((_, i) => byIndex.get(i))).toEqual(expected);
    // The same answer as the form's own normalization, for every value SQL can handle (ASCII digits).
    for (const [i, phone] of STORED.entries()) if (!/[０-９]/.test(phone)) expect(byIndex.get(i)).toBe(normalizePhone(phone) ?? phone);
  });
});
