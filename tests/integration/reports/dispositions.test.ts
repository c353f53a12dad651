import { beforeAll, expect, it } from "vitest";
import { parseReportFilters } from "~/reports/filters.ts";
import { describeFilters } from "~/reports/export/describe.server.ts";
import { countOpinions, opinionBatches } from "~/reports/export/rows.server.ts";
import { reportQuery, reportWhere, type Viewer } from "~/reports/query.server.ts";
import { countByDisposition, loadStatistics } from "~/reports/statistics.server.ts";
import { createAnswer, publishCopy } from "../../support/answers.ts";
import { createStaffUser, seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The staff statistics and exports filtered by the version the opinions were written on and by what
// became of them (a disposition, or not answered yet), over the reports' fixture (11 approved opinions)
// with one more opinion on version 2.

describeEachDatabase("reports by version and disposition", (ctx) => {
  let f: Fixture;
  let admin: Viewer;
  let repB: Viewer;

  beforeAll(async () => {
    f = await seedReportFixture(ctx.db);
    admin = await createStaffUser(ctx.db, "ADMIN", null);
    repB = await createStaffUser(ctx.db, "ORG_REP", f.organizations.districtB);
    const v2 = await publishCopy(ctx.db, f.consultationId);
    await ctx.db.comment.create({
      data: {
        consultationId: f.consultationId,
        versionId: v2.id,
        blockKey: f.blocks.k1,
        sectionKey: f.sections.one,
        stance: "AGREE",
        originalText: "Ý kiến trên bản số 2.",
        status: "APPROVED",
        authorName: "Mai Văn Sơn",
        provinceCode: "01",
        consentAt: new Date("2026-12-01T02:00:00Z"),
        contentHash: `v2s-${f.run}`,
        receiptToken: `v2s-${f.run}`,
        createdAt: new Date("2026-12-01T02:00:00Z"),
      },
    });
    const { ids } = f;
    await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.o1!, ids.b1!, ids.b2!],
      disposition: "ADOPTED",
      explanation: "Tiếp thu.",
      sectionKey: f.sections.one,
    });
    await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.a1!, ids.l1!],
      disposition: "EXPLAINED",
      explanation: "Giải trình.",
      sectionKey: f.sections.two,
    });
  });

  const query = async (viewer: Viewer, raw: Record<string, string>) => reportQuery(ctx.db, viewer, f.consultationId, parseReportFilters(raw));

  it("validates the two filters: a version number and one of the dispositions or UNANSWERED", () => {
    expect(parseReportFilters({ version: "2", disposition: "UNANSWERED" })).toMatchObject({ version: 2, disposition: "UNANSWERED" });
    expect(parseReportFilters({ version: "hai", disposition: "REJECTED" })).toEqual({ status: "approved" });
  });

  it("counts opinions per disposition, within the viewer's scope", async () => {
    expect(await countByDisposition(ctx.sql, await query(admin, {}))).toEqual({
      ADOPTED: 3,
      PARTLY_ADOPTED: 0,
      EXPLAINED: 2,
      ALREADY_IN_DRAFT: 0,
      UNANSWERED: 7,
    });
    // District B gathered b1, b2 (answered ADOPTED) and l1 (EXPLAINED).
    expect(await countByDisposition(ctx.sql, await query(repB, {}))).toEqual({
      ADOPTED: 2,
      PARTLY_ADOPTED: 0,
      EXPLAINED: 1,
      ALREADY_IN_DRAFT: 0,
      UNANSWERED: 0,
    });
  });

  it("filters the statistics and the export rows by version and disposition alike", async () => {
    const check = async (raw: Record<string, string>, expected: number) => {
      const q = await query(admin, raw);
      expect((await loadStatistics(ctx.db, ctx.sql, q, f.versionId)).total.total, JSON.stringify(raw)).toBe(expected);
      expect(await countOpinions(ctx.sql, q)).toBe(expected);
      expect(await ctx.db.comment.count({ where: reportWhere(q) })).toBe(expected);
      let rows = 0;
      for await (const batch of opinionBatches(ctx.db, ctx.sql, q, { seesPersonalData: false, publishedVersionId: f.versionId })) rows += batch.length;
      expect(rows).toBe(expected);
    };
    await check({}, 12);
    await check({ version: "1" }, 11);
    await check({ version: "2" }, 1);
    await check({ disposition: "ADOPTED" }, 3);
    await check({ disposition: "EXPLAINED", version: "1" }, 2);
    await check({ disposition: "UNANSWERED" }, 7);
    await check({ disposition: "UNANSWERED", version: "2" }, 1);
  });

  it("drops a version the consultation does not have, and says the filters in words", async () => {
    const unknown = await query(admin, { version: "9" });
    expect(unknown.filters.version).toBeUndefined();
    expect(unknown.versionId).toBeNull();
    const lines = await describeFilters(ctx.db, await query(admin, { version: "2", disposition: "UNANSWERED" }));
    expect(lines).toContain("Ý kiến viết trên bản số 2");
    expect(lines).toContain("Kết quả xử lý: Chưa xử lý");
  });
});
