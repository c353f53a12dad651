import { describe, expect, it } from "vitest";
import { reportWhereSql, type ReportQuery } from "~/reports/query.server.ts";
import { passIndex, type Dimension } from "~/reports/statistics.server.ts";

// Which report index SQLite is told to read for a pass (ADR 061): a narrow one only when it holds every
// column the pass's condition names and groups by; the full Comment_report_idx otherwise.

const query = (filters: Partial<ReportQuery["filters"]> = {}, extra: Partial<ReportQuery> = {}): ReportQuery => ({
  consultationId: "c1",
  filters: { status: "approved", ...filters },
  scope: { kind: "all" },
  organizationScope: null,
  versionId: null,
  ...extra,
});
const indexOf = (q: ReportQuery, dimensions: Dimension[]) => passIndex(reportWhereSql(q, "c").sql, dimensions);
const BLOCK: Dimension[] = ["block", "organization"];
const PLACE: Dimension[] = ["province", "occupation", "age"];
const DAY: Dimension[] = ["day"];

describe("the index a pass reads on SQLite", () => {
  it("reads the narrow indexes with no filter, or only the channel or the statuses", () => {
    for (const q of [query(), query({ channel: "LETTER" }), query({ status: "approved-pending" })]) {
      expect(indexOf(q, BLOCK)).toBe("Comment_report_block_idx");
      expect(indexOf(q, PLACE)).toBe("Comment_report_place_idx");
      expect(indexOf(q, DAY)).toBe("Comment_report_day_idx");
    }
  });

  it("reads the full index as soon as the condition names a column a narrow index lacks", () => {
    const filtered = [query({ province: "01" }), query({ from: "2026-11-20" }), query({ disposition: "UNANSWERED" }), query({}, { versionId: "v1" })];
    for (const q of filtered) expect(indexOf(q, BLOCK)).toBe("Comment_report_idx");
    // The province is in the place index: a province filter with the province pass still reads it.
    expect(indexOf(query({ province: "01" }), PLACE)).toBe("Comment_report_place_idx");
    // By commune (a province filter groups by commune): only the full index has it.
    expect(indexOf(query({ province: "01" }), ["commune", "occupation", "age"])).toBe("Comment_report_idx");
    expect(indexOf(query({ from: "2026-11-20" }), PLACE)).toBe("Comment_report_idx");
    // Days are in the day index: a date filter with the day pass still reads it, not with a province.
    expect(indexOf(query({ from: "2026-11-20", to: "2026-11-24" }), DAY)).toBe("Comment_report_day_idx");
    expect(indexOf(query({ province: "01" }), DAY)).toBe("Comment_report_idx");
  });

  it("follows a representative's scope: the organization column is in the block index only, with the locality in neither", () => {
    const gathered = query({}, { scope: { kind: "subtree", organizationId: "o1", path: "/o1/", localityCode: null } });
    expect(indexOf(gathered, BLOCK)).toBe("Comment_report_block_idx");
    expect(indexOf(gathered, PLACE)).toBe("Comment_report_idx");
    const withProvince = query({}, { scope: { kind: "subtree", organizationId: "o1", path: "/o1/", localityCode: "01" } });
    expect(indexOf(withProvince, BLOCK)).toBe("Comment_report_idx");
    expect(indexOf(withProvince, PLACE)).toBe("Comment_report_idx");
  });

  it("reads only the columns of the table's alias, not those of a subquery", () => {
    expect(passIndex(`c."consultationId" = ? AND c."organizationId" IN (SELECT o."id" FROM "Organization" o WHERE o."path" LIKE ?)`, BLOCK)).toBe(
      "Comment_report_block_idx",
    );
    expect(passIndex(`abc."createdAt" > ? AND c."status" = ?`, BLOCK)).toBe("Comment_report_block_idx");
  });
});
