import { beforeAll, expect, it } from "vitest";
import { vietnamDay, type ReportFilters } from "~/reports/filters.ts";
import { reportQuery, reportWhere, type ReportQuery, type Viewer } from "~/reports/query.server.ts";
import { countByDisposition, loadStatistics, type ReportStatistics } from "~/reports/statistics.server.ts";
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { createStaffUser, seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The statistics page counts with aggregates over the covering index (statistics.server.ts); here the same
// numbers are counted the plain way, opinion by opinion from the rows Prisma reads under `reportWhere`,
// on a few hundred opinions spread over every dimension (statuses, channels, stances, blocks including
// none and one the version no longer has, provinces and communes, organizations, occupations and age
// groups in and out of the lists, hours either side of Viet Nam's midnight, answered or not). Any
// faster way of counting must keep every one of these numbers.

type Split = { total: number; channels: Record<string, number>; stances: Record<string, number> };
const split = (): Split => ({ total: 0, channels: { ONLINE: 0, CONFERENCE: 0, LETTER: 0 }, stances: { AGREE: 0, DISAGREE: 0, OTHER: 0 } });

/** A fixed sequence (the same on every run and database). */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
}

describeEachDatabase("statistics against a plain count", (ctx) => {
  let f: Fixture;
  let admin: Viewer;
  let repA: Viewer;
  let repHanoi: Viewer;

  beforeAll(async () => {
    f = await seedReportFixture(ctx.db);
    admin = await createStaffUser(ctx.db, "ADMIN", null, "Quản Trị Viên");
    repA = await createStaffUser(ctx.db, "ORG_REP", f.organizations.districtA, "Đại Diện Khu Vực A");
    repHanoi = await createStaffUser(ctx.db, "ORG_REP", f.organizations.hanoi, "Đại Diện Hà Nội");
    const conferences = await ctx.db.conference.findMany({
      where: { consultationId: f.consultationId },
      select: { id: true, channel: true, organizationId: true },
    });
    const answer = await ctx.db.answer.create({
      data: {
        consultationId: f.consultationId,
        disposition: "ADOPTED",
        explanation: "Tiếp thu, chỉnh sửa câu chữ của đoạn này.",
        scope: "SELECTION",
        createdById: admin.id,
        updatedById: admin.id,
      },
    });
    const next = sequence(20_261_207);
    const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
    const blocks = [f.blocks.k1, f.blocks.k2, f.blocks.k3, null, "khoi-da-bo"];
    const localities: [string | null, string | null][] = [
      ["01", "00004"],
      ["01", "00292"],
      ["01", null],
      ["79", null],
      ["79", "26734"],
      [null, null],
    ];
    const start = Date.parse("2026-11-18T12:00:00Z");
    const rows = Array.from({ length: 360 }, (_, i) => {
      const source = next(4) === 0 ? null : pick(conferences);
      const [provinceCode, communeCode] = pick(localities);
      const createdAt = new Date(start + next(10) * 86_400_000 + pick([0, 5, 6, 7, 8, 12, 16, 17, 18, 23]) * 3_600_000 + next(3_600_000));
      return {
        id: `dem${i}${f.run}`,
        consultationId: f.consultationId,
        versionId: f.versionId,
        blockKey: pick(blocks),
        stance: pick(["AGREE", "AGREE", "DISAGREE", "OTHER"] as const),
        status: pick(["APPROVED", "APPROVED", "APPROVED", "PENDING", "REJECTED"] as const),
        channel: source ? source.channel : ("ONLINE" as const),
        conferenceId: source?.id ?? null,
        organizationId: source?.organizationId ?? null,
        provinceCode,
        communeCode,
        occupation: pick([...OCCUPATIONS.slice(0, 4), "Nghề tự do khác", null]),
        ageGroup: pick([...AGE_GROUPS, null]),
        answerId: next(6) === 0 ? answer.id : null,
        originalText: `Ý kiến thử số ${i} về dự thảo.`,
        authorName: "Người Góp Ý",
        consentAt: createdAt,
        contentHash: `dem${i}-${f.run}`,
        receiptToken: `dem${i}-${f.run}`,
        createdAt,
      };
    });
    await ctx.db.comment.createMany({ data: rows });
  });

  /** Every figure the statistics show, counted one opinion at a time. */
  async function plainCount(query: ReportQuery) {
    const rows = await ctx.db.comment.findMany({
      where: reportWhere(query),
      select: {
        channel: true,
        stance: true,
        blockKey: true,
        organizationId: true,
        provinceCode: true,
        communeCode: true,
        occupation: true,
        ageGroup: true,
        createdAt: true,
        answer: { select: { disposition: true } },
      },
    });
    const by = (key: (row: (typeof rows)[number]) => string | null | undefined) => {
      const result = new Map<string, Split>();
      for (const row of rows) {
        const k = key(row) ?? "";
        const s = result.get(k) ?? split();
        s.total += 1;
        s.channels[row.channel] = (s.channels[row.channel] ?? 0) + 1;
        s.stances[row.stance] = (s.stances[row.stance] ?? 0) + 1;
        result.set(k, s);
      }
      return result;
    };
    const dispositions = new Map<string, number>();
    for (const row of rows) dispositions.set(row.answer?.disposition ?? "UNANSWERED", (dispositions.get(row.answer?.disposition ?? "UNANSWERED") ?? 0) + 1);
    return {
      total: by(() => "all").get("all") ?? split(),
      block: by((r) => r.blockKey),
      province: by((r) => r.provinceCode),
      commune: by((r) => r.communeCode),
      organization: by((r) => r.organizationId),
      occupation: by((r) => r.occupation),
      age: by((r) => r.ageGroup),
      day: by((r) => vietnamDay(r.createdAt)),
      dispositions,
    };
  }

  const rowsOf = (rows: { key: string; split: Split }[]) => new Map(rows.map((r) => [r.key, r.split]));
  const nonEmpty = (map: Map<string, Split>) => new Map([...map].filter(([, s]) => s.total > 0));

  function expectSame(s: ReportStatistics, plain: Awaited<ReturnType<typeof plainCount>>, query: ReportQuery) {
    expect(s.total).toEqual(plain.total);
    expect(s.wholeDocument).toEqual(plain.block.get("") ?? split());
    const onVersion = new Set(s.blocks.map((b) => b.key));
    for (const block of s.blocks) expect(block.split, `block ${block.key}`).toEqual(plain.block.get(block.key) ?? split());
    const elsewhere = [...plain.block].filter(([key]) => key !== "" && !onVersion.has(key)).reduce((n, [, x]) => n + x.total, 0);
    expect(s.elsewhere.total).toBe(elsewhere);
    expect(s.sections.reduce((n, x) => n + x.split.total, 0)).toBe(s.total.total - s.wholeDocument.total - s.elsewhere.total);
    const locality = query.filters.province ? plain.commune : plain.province;
    expect(rowsOf(s.localities.rows)).toEqual(locality);
    expect(rowsOf(s.occupations)).toEqual(plain.occupation);
    expect(rowsOf(s.ageGroups)).toEqual(plain.age);
    expect(nonEmpty(new Map(s.days.map((d) => [d.day, d.split])))).toEqual(plain.day);
    // Organizations are rolled up below the report's root: every opinion in exactly one row.
    expect(s.organizations.reduce((n, r) => n + r.split.total, 0)).toBe(plain.total.total);
    expect(s.organizations.find((r) => r.key === "")?.split ?? split()).toEqual(plain.organization.get("") ?? split());
  }

  const cases: [string, () => Viewer, Partial<ReportFilters>][] = [
    ["an administrator, approved", () => admin, {}],
    ["approved and pending", () => admin, { status: "approved-pending" }],
    ["pending", () => admin, { status: "pending" }],
    ["one channel", () => admin, { channel: "CONFERENCE" }],
    ["a province (by commune)", () => admin, { province: "01" }],
    ["a province and a commune", () => admin, { province: "01", commune: "00292" }],
    ["days", () => admin, { from: "2026-11-20", to: "2026-11-24" }],
    ["an organization", () => admin, { org: "districtB" }],
    ["answered, adopted", () => admin, { disposition: "ADOPTED" }],
    ["not answered", () => admin, { disposition: "UNANSWERED" }],
    ["a district representative", () => repA, {}],
    ["a provincial representative, approved and pending", () => repHanoi, { status: "approved-pending" }],
  ];

  it.each(cases)("counts as a plain count does: %s", async (_, viewer, filters) => {
    const requested = { status: "approved" as const, ...filters };
    if (requested.org) requested.org = f.organizations[requested.org as keyof Fixture["organizations"]];
    const query = await reportQuery(ctx.db, viewer(), f.consultationId, requested);
    const plain = await plainCount(query);
    expect(plain.total.total).toBeGreaterThan(0);
    expectSame(await loadStatistics(ctx.db, ctx.sql, query, f.versionId), plain, query);
    const dispositions = await countByDisposition(ctx.sql, query);
    expect(Object.fromEntries(Object.entries(dispositions).filter(([, n]) => n > 0))).toEqual(Object.fromEntries(plain.dispositions));
  });
});
