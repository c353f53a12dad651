import { beforeAll, expect, it } from "vitest";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import { allDocuments, answerDocumentId, countAllDocuments, documentsForAnswers } from "@search/documents.server.ts";
import { applyRows } from "@search/indexer.server.ts";
import { presentHit } from "~/search/hits.ts";
import { createAnswer } from "../../support/answers.ts";
import { seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Answers (tiếp thu, giải trình) are search documents "a_<answerId>" of kind "answer": the disposition's
// label and the explanation, in the answer's section; public like a block (no status); an outbox row of
// kind "answer" rebuilds one; none while the consultation is a draft.

describeEachDatabase("search over answers", (ctx) => {
  let f: Fixture;
  let answerId: string;

  beforeAll(async () => {
    f = await seedReportFixture(ctx.db);
    answerId = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [f.ids.a1!, f.ids.a2!],
      disposition: "EXPLAINED",
      explanation: "Chỉ tiêu chuyển đổi số cấp xã thuộc kế hoạch của địa phương, không đưa vào báo cáo chính trị.",
      sectionKey: f.sections.two,
    });
  });

  it("builds the answer's document: disposition label, explanation, section, no status", async () => {
    const { upsert, remove } = await documentsForAnswers(ctx.db, [answerId, "khongcodapan"]);
    expect(remove).toEqual([answerDocumentId("khongcodapan")]);
    expect(upsert).toHaveLength(1);
    expect(upsert[0]).toMatchObject({
      id: `a_${answerId}`,
      kind: "answer",
      consultationSlug: f.slug,
      sectionKey: f.sections.two,
      sectionTitle: "Phần thứ hai. PHƯƠNG HƯỚNG, NHIỆM VỤ",
      text: "Giải trình (không tiếp thu): Chỉ tiêu chuyển đổi số cấp xã thuộc kế hoạch của địa phương, không đưa vào báo cáo chính trị.",
      status: null,
      disposition: "EXPLAINED",
    });
  });

  it("an outbox row of kind answer puts it in the index, where the public finds it with the kind filter and a link to its opinions", async () => {
    const engine = createEmbeddedSearchEngine();
    const applied = await applyRows(ctx.db, engine, [{ id: 1, kind: "answer", entityId: answerId, createdAt: new Date() }]);
    expect(applied).toEqual({ upserted: 1, removed: 0, unknown: 0 });
    const result = await engine.search({
      q: "ke hoach dia phuong",
      filters: { kind: "answer", statuses: ["APPROVED"] },
      page: 1,
      perPage: 10,
      facets: ["kind"],
    });
    expect(result.hits.map((h) => h.id)).toEqual([`a_${answerId}`]);
    expect(result.hits[0]!.document.disposition).toBe("EXPLAINED");
    expect(presentHit(result.hits[0]!).blockHref).toBe(`/du-thao/${f.slug}/tiep-thu-giai-trinh?tra-loi=${answerId}`);
  });

  it("a full rebuild holds the answers too, and a draft's answers leave the index", async () => {
    const ids: string[] = [];
    for await (const batch of allDocuments(ctx.db, 50)) ids.push(...batch.map((d) => d.id));
    expect(ids).toContain(`a_${answerId}`);
    expect(await countAllDocuments(ctx.db)).toBe(ids.length);
    await ctx.db.consultation.update({ where: { id: f.consultationId }, data: { status: "DRAFT" } });
    try {
      expect(await documentsForAnswers(ctx.db, [answerId])).toEqual({ upsert: [], remove: [`a_${answerId}`] });
    } finally {
      await ctx.db.consultation.update({ where: { id: f.consultationId }, data: { status: "OPEN" } });
    }
  });
});
