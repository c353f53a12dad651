import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { contentHash } from "~/text/fold.ts";
import { getPublishedDocument, listPublicConsultations } from "~/consultations/consultations.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { DEMO_SLUGS, seedDemo } from "~/demo/consultations.server.ts";
import { DocumentImportError } from "~/consultations/document/errors.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const SMALL_DRAFT = [
  "DỰ THẢO BÁO CÁO THỬ NGHIỆM",
  "Phần thứ nhất",
  "ĐÁNH GIÁ KẾT QUẢ",
  "I. KẾT QUẢ ĐẠT ĐƯỢC",
  "1. Kinh tế tăng trưởng khá.",
  "a) Nông nghiệp phát triển ổn định.",
  "- Chỉ tiêu thứ nhất",
  "- Chỉ tiêu thứ hai",
  "Đoạn kết luận không đánh số.",
].join("\n\n");

async function addComment(db: Db, consultationId: string, versionId: string, blockKey: string | null, status: "PENDING" | "APPROVED" | "REJECTED") {
  const text = `Ý kiến ${randomBytes(4).toString("hex")}`;
  await db.comment.create({
    data: {
      consultationId,
      versionId,
      blockKey,
      stance: "AGREE",
      originalText: text,
      status,
      authorName: "Nguyễn Văn A",
      authorEmail: "a@example.vn",
      consentAt: NOW,
      contentHash: contentHash(text),
      receiptToken: randomBytes(24).toString("base64url"),
    },
  });
}

/** The count the page shows after a block: its comments' link (ADR 045: none when it has none). */
function countShownFor(html: string, key: string) {
  expect(html).toContain(`id="p-${key}"`);
  const link = new RegExp(`<a class="c" href="[^"]*\\?doan=${key}">(\\d+) ý kiến`).exec(html);
  return link ? Number(link[1]) : 0;
}

describeEachDatabase("consultations data layer", (ctx) => {
  let slug: string;

  beforeAll(async () => {
    slug = "thu-nghiem";
    await createConsultationFromText(
      ctx.db,
      { slug, status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
      SMALL_DRAFT,
    );
  });

  it("publishes a version as block rows whose keys are the document's stable ids", async () => {
    const consultation = await ctx.db.consultation.findUniqueOrThrow({
      where: { slug },
      include: { publishedVersion: { include: { blocks: { orderBy: { position: "asc" } } } } },
    });
    expect(consultation.title).toBe("DỰ THẢO BÁO CÁO THỬ NGHIỆM");
    const version = consultation.publishedVersion!;
    expect(version.status).toBe("PUBLISHED");
    const docIds: string[] = [];
    JSON.stringify(version.content, (k, v) => {
      if (k === "id" && typeof v === "string") docIds.push(v);
      return v;
    });
    expect(version.blocks.map((b) => b.key)).toEqual(docIds);
    expect(version.blocks.map((b) => b.kind)).toEqual(["heading", "part", "section", "clause", "point", "list_item", "list_item", "paragraph"]);
    expect(version.blocks.map((b) => b.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(version.blocks[3].label).toBe("Phần thứ nhất › I › 1");
    expect(version.blocks[4].label).toBe("Phần thứ nhất › I › 1 › a");
  });

  it("counts only approved comments, per block and for the whole document", async () => {
    const page0 = (await getPublishedDocument(ctx.db, slug, NOW))!;
    const versionId = page0.version.id;
    const [, , , clause, point] = await ctx.db.block.findMany({ where: { versionId }, orderBy: { position: "asc" } });
    const { id: consultationId } = page0.consultation;
    expect(countShownFor(page0.bodyHtml, clause.key)).toBe(0);
    await addComment(ctx.db, consultationId, versionId, clause.key, "APPROVED");
    await addComment(ctx.db, consultationId, versionId, clause.key, "APPROVED");
    await addComment(ctx.db, consultationId, versionId, clause.key, "PENDING");
    await addComment(ctx.db, consultationId, versionId, point.key, "REJECTED");
    await addComment(ctx.db, consultationId, versionId, null, "APPROVED");

    const page = (await getPublishedDocument(ctx.db, slug, NOW))!;
    expect(countShownFor(page.bodyHtml, clause.key)).toBe(2);
    expect(countShownFor(page.bodyHtml, point.key)).toBe(0);
    expect(page.approvedComments).toBe(3);
    expect(page.wholeDocumentComments).toBe(1);
    expect(page.bodyHtml).toContain("1. Kinh tế tăng trưởng khá.");
    expect(page.toc.map((entry) => entry.text)).toEqual(["DỰ THẢO BÁO CÁO THỬ NGHIỆM", "Phần thứ nhất. ĐÁNH GIÁ KẾT QUẢ", "I. KẾT QUẢ ĐẠT ĐƯỢC"]);
  });

  it("lists public consultations open first, hides drafts, counts approved comments", async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: "da-ket-thuc", status: "OPEN", opensAt: new Date(NOW.getTime() - 9 * DAY), closesAt: new Date(NOW.getTime() - DAY) },
      SMALL_DRAFT,
    );
    await createConsultationFromText(ctx.db, { slug: "sap-mo", status: "OPEN", opensAt: new Date(NOW.getTime() + DAY) }, SMALL_DRAFT);
    await createConsultationFromText(ctx.db, { slug: "ban-nhap", status: "DRAFT" }, SMALL_DRAFT);

    const { consultations: list } = await listPublicConsultations(ctx.db, NOW);
    expect(list.map((c) => [c.slug, c.publicStatus])).toEqual([
      ["thu-nghiem", "open"],
      ["sap-mo", "upcoming"],
      ["da-ket-thuc", "closed"],
    ]);
    expect(list[0].approvedComments).toBe(3);
    expect(await getPublishedDocument(ctx.db, "ban-nhap", NOW)).toBeNull();
    expect(await getPublishedDocument(ctx.db, "khong-ton-tai", NOW)).toBeNull();
  });

  it("stores nothing when the text cannot be imported", async () => {
    const before = await ctx.db.consultation.count();
    await expect(createConsultationFromText(ctx.db, { slug: "hong" }, "chỉ là một dòng chữ thường")).rejects.toBeInstanceOf(DocumentImportError);
    await expect(createConsultationFromText(ctx.db, { slug: "hong" }, new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).rejects.toBeInstanceOf(DocumentImportError);
    expect(await ctx.db.consultation.count()).toBe(before);
    expect(await ctx.db.documentVersion.count({ where: { consultation: { slug: "hong" } } })).toBe(0);
  });

  it("loads the demo data once: the political report and all 120 articles of the Constitution", async () => {
    const created = await seedDemo(ctx.db, { now: NOW });
    expect(created).toEqual([DEMO_SLUGS.report, DEMO_SLUGS.constitution]);
    expect(await seedDemo(ctx.db, { now: NOW })).toEqual([]);

    const constitution = (await getPublishedDocument(ctx.db, DEMO_SLUGS.constitution, NOW))!;
    const chapters = constitution.toc.filter((entry) => entry.text.startsWith("Chương"));
    expect(chapters).toHaveLength(11);
    const articles = chapters.flatMap((chapter) => chapter.articles.map((a) => a.text));
    expect(articles).toEqual(Array.from({ length: 120 }, (_, i) => `Điều ${i + 1}`));

    const report = (await getPublishedDocument(ctx.db, DEMO_SLUGS.report, NOW))!;
    const kinds = await ctx.db.block.groupBy({ by: ["kind"], where: { versionId: report.version.id }, _count: { _all: true } });
    const countOf = (kind: string) => kinds.find((k) => k.kind === kind)?._count._all ?? 0;
    expect(countOf("paragraph") + countOf("clause") + countOf("point") + countOf("list_item")).toBeGreaterThanOrEqual(60);
    expect(countOf("part")).toBeGreaterThanOrEqual(2);
    expect(report.approvedComments).toBeGreaterThan(0);
    expect(report.bodyHtml).toMatch(/<a class="c" href="[^"]+\/y-kien\?doan=[a-z0-9]+">\d+ ý kiến/);
    // A newcomer sees passages marked: overlapping ones as one mark with their comments counted (ADR 048).
    expect(report.bodyHtml).toMatch(
      /<mark class="passage" data-passage="[^"]+">duy trì tăng trưởng khá<\/mark><a class="passage-count" [^>]*aria-label="Đoạn trích có 3 ý kiến">/,
    );
    expect(constitution.bodyHtml.match(/class="passage-count"/g)).toHaveLength(2);

    // The demo's first paragraph has one opinion four people sent: shown once, first when ordered by support.
    const { id: consultationId, publishedVersionId } = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: DEMO_SLUGS.report } });
    const [first] = await ctx.db.block.findMany({
      where: { versionId: publishedVersionId!, kind: { in: ["clause", "paragraph"] } },
      orderBy: { position: "asc" },
      take: 1,
    });
    const supported = await listPublishedComments(ctx.db, consultationId, first!.key, 1, "supported");
    expect(supported.total).toBe(7);
    expect(supported.comments.map((c) => c.similar)).toEqual([3, 0, 0, 0]);
    const newest = await listPublishedComments(ctx.db, consultationId, first!.key, 1, "newest");
    expect(newest.comments.map((c) => c.similar)).toEqual([0, 0, 0, 3]);
  });
});
