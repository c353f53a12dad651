import { describe, expect, it } from "vitest";
import { analyzedVector, entryTags, hourTag, lexeme, upsertEntriesSql, ENTRY_COLUMNS } from "@search/postgres/entry.ts";
import {
  FALLBACK_RANK_WINDOW,
  MAX_LATER_DAYS,
  MAX_LATER_HOURS,
  NARROW_SPANS,
  RANK_WINDOW,
  RECENT_SPANS,
  exactQueries,
  expandable,
  filterTags,
  filterWhere,
  matchPlan,
  planSearch,
  unitQuery,
} from "@search/postgres/query.ts";
import { searchDocument } from "../../../support/search/documents.ts";
import { parseQuery } from "@search/text/query.ts";

describe("PostgreSQL engine: the analysis as tsvector text", () => {
  it("writes every syllable folded and, with diacritics, also as written, at one position; a repeated word once with each position", () => {
    expect(analyzedVector("Hoà bình, hòa hợp").lexemes).toBe("'hoa':1,3 'hòa':1,3 'binh':2 'bình':2 'hop':4 'hợp':4");
    expect(analyzedVector("Đại hội".normalize("NFD")).lexemes).toBe("'dai':1 'đại':1 'hoi':2 'hội':2");
    expect(analyzedVector("Góp ý 2026").lexemes).toBe("'gop':1 'góp':1 'y':2 'ý':2 '2026':3");
  });

  it("gives the folded words of 2 to 24 letters to the vocabulary, once each", () => {
    expect(analyzedVector("Nguyên nhân chủ quan, nguyên tắc chuyển đổi ở").terms).toEqual(["nguyen", "nhan", "chu", "quan", "tac", "chuyen", "doi"]);
    expect(analyzedVector(`${"a".repeat(25)} ${"b".repeat(24)}`).terms).toEqual(["b".repeat(24)]);
  });

  it("quotes every lexeme, doubling quotes and backslashes, so typed text is never tsquery syntax", () => {
    expect(lexeme("a'b")).toBe("'a''b'");
    expect(lexeme("a\\b")).toBe("'a\\\\b'");
    expect(lexeme("x & !y | (z) <-> w:*")).toBe("'x & !y | (z) <-> w:*'");
  });

  it("writes one placeholder per column but the database's clock for indexedAt", () => {
    const statement = upsertEntriesSql(2);
    expect(statement.match(/\?/g)).toHaveLength(2 * (ENTRY_COLUMNS.length - 1));
    expect(statement).toContain("CAST(? AS tsvector)");
    expect(statement).toContain(`ON CONFLICT ("id") DO UPDATE`);
  });
});

describe("PostgreSQL engine: query building", () => {
  it("makes a word, a word still being typed and a phrase over the folded forms", () => {
    const [word, phrase, last] = parseQuery('hòa "dự thảo" nghị q');
    expect(unitQuery(word!)).toBe("'hoa'");
    expect(unitQuery(phrase!)).toBe("'du' <-> 'thao'");
    expect(parseQuery("nghị qu").map((unit) => unitQuery(unit))).toEqual(["'nghi'", "'qu':*"]);
    // One letter being typed is a word of its own, as in the embedded engine.
    expect(parseQuery("nghị q").map((unit) => unitQuery(unit))).toEqual(["'nghi'", "'q'"]);
    expect(last).toMatchObject({ words: [{ folded: "nghi" }] });
  });

  it("asks a word still being typed as the vocabulary's words it begins, when it can list them, else as a prefix", () => {
    const units = parseQuery("y tế cơ sở");
    const [done, typing] = [units[0], units.at(-1)];
    expect(unitQuery(typing!, [], ["soan", "song"])).toBe("('so' | 'soan' | 'song')");
    expect(unitQuery(typing!, [])).toBe("'so':*");
    expect(unitQuery(done!, [], ["yen"])).toBe("'y'"); // a finished word is itself only
    expect(expandable(typing!)).toBe(true);
    expect(expandable(parseQuery("北京")[0]!)).toBe(false); // not ASCII: the vocabulary may not list its words
    expect(expandable(parseQuery("a".repeat(25))[0]!)).toBe(false);
    expect(expandable(parseQuery("sở ")[0]!)).toBe(false); // finished
    const plan = matchPlan(parseQuery("giao thong"), true, new Map(), new Map([["thong", ["thong", "thongs"]]]));
    expect(plan.units).toEqual(["'giao'", "('thong' | 'thongs')"]);
    expect(plan.whole).toEqual(["'thong'"]); // ranked as before: the word typed, found whole
  });

  it("ranks the exact spelling only of words typed with diacritics", () => {
    expect(exactQueries(parseQuery("hoa bình chuyển"))).toEqual(["'bình'", "'chuyển':*"]);
  });

  it("passes filter values and the query as parameters, never inside the SQL", () => {
    const hostile = `01' OR '1'='1`;
    const where = filterWhere({ statuses: ["APPROVED"], provinceCode: hostile, organizationId: "", currentOnly: true, from: 5 });
    expect(where.sql).not.toContain(hostile);
    expect(where.params).toEqual([hostile, "", ["APPROVED"], new Date(5)]);
    expect(where.sql).toContain(`"currentVersion" IS NOT FALSE`);

    const plan = planSearch({ statuses: ["APPROVED"] }, matchPlan(parseQuery("'; DROP TABLE x; --"), true), ["stance", "stance"], 40, 20);
    expect(plan.hits.sql).not.toContain("DROP");
    expect(plan.hits.params.slice(-2)).toEqual([20, 40]);
    expect(plan.hits.sql.match(/\?/g)).toHaveLength(plan.hits.params.length);
    expect(plan.counts).toBeNull(); // a text query counts in the same statement
    expect(plan.hits.sql.match(/GROUPING\("stance"\)/g)).toHaveLength(2); // the facet once (name and value)
    const listing = planSearch({ statuses: ["APPROVED"], provinceCode: hostile }, null, ["kind"], 0, 20);
    expect(listing.counts!.sql).not.toContain(hostile);
    expect(listing.counts!.sql.match(/\?/g)).toHaveLength(listing.counts!.params.length);
  });

  it("lists newest first without a text, and falls back from every unit to any when asked", () => {
    expect(planSearch({ statuses: [] }, null, [], 0, 20).hits.sql).toContain(`ORDER BY "createdAt" DESC, "id" DESC`);
    const units = parseQuery("giáo dục y tế ");
    expect(planSearch({ statuses: [] }, matchPlan(units, true), [], 0, 20).hits.params).toContain("('giao') & ('duc') & ('y') & ('te')");
    expect(planSearch({ statuses: [] }, matchPlan(units, false), [], 0, 20).hits.params).toContain("('giao') | ('duc') | ('y') | ('te')");
    // Every unit: the newest RANK_WINDOW matches ranked; the fallback (the most units first): every match read.
    expect(planSearch({ statuses: [] }, matchPlan(units, true), [], 0, 20).hits.sql).toContain(`WHEN "n" <= ${RANK_WINDOW} THEN "lexemes"`);
    expect(planSearch({ statuses: [] }, matchPlan(units, false), [], 0, 20).hits.sql).toContain(`WHEN "n" <= ${FALLBACK_RANK_WINDOW} THEN "lexemes"`);
    expect(RANK_WINDOW).toBeLessThan(FALLBACK_RANK_WINDOW);
  });
});

describe("PostgreSQL engine: filters as tags, newest hours first", () => {
  const HOUR = 3_600_000;
  const doc = searchDocument({ id: "c_1", kind: "comment", text: "x", provinceCode: "01", createdAt: Date.UTC(2026, 11, 7, 9, 59, 59, 999) });

  it("tags a document with its filter values (not its status), the hour it was written and the narrowing values with the day", () => {
    expect(entryTags(doc)).toBe(`'k:comment' 'c:ct-bao-cao' 'a:OTHER' 'p:01' 'h:2026120709' 'p:01@20261207'`);
    expect(entryTags({ ...doc, kind: "block", status: null, stance: null, provinceCode: null, sectionKey: "s'1" })).toBe(
      `'k:block' 'c:ct-bao-cao' 's:s''1' 'h:2026120709' 's:s''1@20261207'`,
    );
    expect(entryTags({ ...doc, communeCode: "00004", organizationId: "o1", createdAt: Date.UTC(2026, 11, 6, 23, 59) })).toBe(
      `'k:comment' 'c:ct-bao-cao' 'a:OTHER' 'p:01' 'm:00004' 'o:o1' 'h:2026120623' 'p:01@20261206' 'm:00004@20261206' 'o:o1@20261206'`,
    );
    expect(hourTag(Date.UTC(2026, 0, 2, 3))).toBe("h:2026010203");
  });

  it("asks the filters as tags, and keeps as SQL what tags do not hold (the statuses, current version, time)", () => {
    const statuses = `("status" IS NULL OR "status" = ANY(CAST(? AS text[])))`;
    expect(filterTags({ statuses: ["APPROVED", "PENDING"], consultationId: "ct", stance: "AGREE", organizationId: "o'1" })).toEqual({
      tags: `'c:ct' & 'a:AGREE' & 'o:o''1'`,
      where: { sql: statuses, params: [["APPROVED", "PENDING"]] },
    });
    expect(filterTags({ statuses: [], currentOnly: true, from: 5 })).toEqual({
      tags: ``,
      where: { sql: `${statuses} AND "currentVersion" IS NOT FALSE AND "createdAt" >= ?`, params: [[], new Date(5)] },
    });
  });

  it("asks no tags when no filter is a tag: the words alone, or the words and a span's hours", () => {
    const newest = Date.UTC(2026, 11, 7, 9, 30);
    const spans = planSearch({ statuses: ["APPROVED"] }, matchPlan(parseQuery("dat dai"), true), [], 0, 20, { anchor: newest, newest, hours: [newest] });
    expect(spans.hits.sql.match(/\?/g)).toHaveLength(spans.hits.params.length);
    const tagQueries = spans.hits.params.filter((p): p is string => typeof p === "string" && p.includes("'h:"));
    expect(tagQueries).toHaveLength(RECENT_SPANS.length + 1); // the spans, and the hours the rest leaves out
    expect(tagQueries.every((q) => q.startsWith("("))).toBe(true);
    expect(spans.hits.params).not.toContain("");
    const one = planSearch({ statuses: ["APPROVED"] }, matchPlan(parseQuery("dat dai"), true), [], 0, 20);
    expect(one.hits.sql.match(/\?/g)).toHaveLength(one.hits.params.length);
    expect(one.hits.sql).not.toContain(`"tags" @@`);
  });

  it("reads the spans of hours newest first, then the rest of the table, and no document twice", () => {
    const newest = Date.UTC(2026, 11, 7, 9, 30);
    const plan = planSearch({ statuses: ["APPROVED"], stance: "AGREE" }, matchPlan(parseQuery("dat dai"), true), [], 0, 20, {
      anchor: newest,
      newest,
      hours: [newest],
    });
    expect(plan.hits.sql.match(/\?/g)).toHaveLength(plan.hits.params.length);
    expect(plan.hits.sql.match(/UNION ALL/g)).toHaveLength(RECENT_SPANS.length + 1); // the spans and the rest, then the counts
    const tags = plan.hits.params.filter((p): p is string => typeof p === "string" && p.startsWith("'a:AGREE'"));
    expect(tags).toHaveLength(RECENT_SPANS.length + 1);
    const hours = (query: string) => [...query.matchAll(/'h:(\d+)'/g)].map((m) => m[1]);
    // The first span: two hours ahead, the newest hour and five before it; the second: the 42 before those.
    expect(hours(tags[0]!)).toEqual(["2026120711", "2026120710", "2026120709", "2026120708", "2026120707", "2026120706", "2026120705", "2026120704"]);
    expect(hours(tags[1]!)).toHaveLength(42);
    expect(hours(tags[1]!).at(-1)).toBe("2026120510");
    expect(tags[2]).toBe(`'a:AGREE'`);
    // The rest: before the second span's first hour, or after the anchor's hour in an hour no span named.
    const dates = plan.hits.params.filter((p): p is Date => p instanceof Date).map((d) => d.getTime());
    expect(dates).toEqual([Date.UTC(2026, 11, 5, 10), Date.UTC(2026, 11, 7, 10)]);
    expect(dates[1]! - dates[0]!).toBe(RECENT_SPANS.at(-1)![1] * HOUR);
    expect(plan.hits.params.at(plan.hits.params.findIndex((p) => p instanceof Date) + 2)).toBe(`('h:2026120711' | 'h:2026120710')`);
    // Newer documents than the anchor (the 1,000th newest): the first span names the hours that hold them, not
    // every hour up to the newest (ADR 064: each named hour costs the scan, even an empty one), up to a bound.
    const later = planSearch({ statuses: [] }, matchPlan(parseQuery("dat"), true), [], 0, 20, {
      anchor: newest,
      newest: newest + 300 * HOUR,
      hours: [newest, newest + 29 * HOUR + 1, newest + 30 * HOUR, newest + 300 * HOUR],
    });
    const first = later.hits.params.find((p): p is string => typeof p === "string" && p.includes("'h:"))!;
    expect(hours(first)).toEqual(["2026121923", "2026121922", "2026121921", "2026120815", "2026120814", ...hours(tags[0]!).slice(2)]);
    const far = planSearch({ statuses: [] }, matchPlan(parseQuery("dat"), true), [], 0, 20, {
      anchor: newest,
      newest: newest + 1000 * HOUR,
      hours: Array.from({ length: 1000 }, (_, i) => newest + i * HOUR),
    });
    const farFirst = hours(far.hits.params.find((p): p is string => typeof p === "string" && p.includes("'h:"))!);
    expect(farFirst).toHaveLength(MAX_LATER_HOURS + RECENT_SPANS[0]![1]);
    expect(farFirst[0]).toBe(hourTag(newest + 1002 * HOUR).slice(2));
    // The rest leaves out exactly the hours after the anchor's that the first span named.
    expect(far.hits.params.filter((p): p is string => typeof p === "string" && p.startsWith("('h:")).at(-1)).toBe(
      `(${farFirst
        .slice(0, MAX_LATER_HOURS)
        .map((h) => `'h:${h}'`)
        .join(" | ")})`,
    );
    // A narrowing filter (a province, an organization, …): spans of days through its day tags (ADR 071), the
    // other filters as tags, then the rest of the table outside the days named.
    const province = planSearch({ statuses: [], provinceCode: "01", stance: "AGREE" }, matchPlan(parseQuery("dat"), true), [], 0, 20, {
      anchor: newest,
      newest: newest + 30 * HOUR,
      hours: [newest],
    });
    expect(province.hits.sql.match(/\?/g)).toHaveLength(province.hits.params.length);
    expect(province.hits.sql.match(/UNION ALL/g)).toHaveLength(NARROW_SPANS.length + 1);
    const dayTags = province.hits.params.filter((p): p is string => typeof p === "string" && p.includes("@"));
    const days = (query: string) => [...query.matchAll(/'p:01@(\d+)'/g)].map((m) => m[1]);
    expect(dayTags).toHaveLength(NARROW_SPANS.length);
    // The first: the day after the newest document's, the newest's, the anchor's and the one before.
    expect(dayTags[0]).toBe(`'a:AGREE' & ('p:01@20261209' | 'p:01@20261208' | 'p:01@20261207' | 'p:01@20261206')`);
    expect(days(dayTags[1]!)).toEqual(["20261205", "20261204", "20261203", "20261202", "20261201", "20261130", "20261129"]);
    // The rest: the whole filter, outside those days (before 29 Nov, from 10 Dec).
    expect(province.hits.params).toContain(`'a:AGREE' & 'p:01'`);
    expect(province.hits.params.filter((p): p is Date => p instanceof Date).map((d) => d.toISOString())).toEqual([
      "2026-11-29T00:00:00.000Z",
      "2026-12-10T00:00:00.000Z",
    ]);
    // Several narrowing filters: the days of the one that leaves the least (a commune within its province).
    const commune = planSearch({ statuses: [], provinceCode: "01", communeCode: "00004" }, matchPlan(parseQuery("dat"), true), [], 0, 20, {
      anchor: newest,
      newest,
      hours: [newest],
    });
    const communeTags = commune.hits.params.filter((p): p is string => typeof p === "string" && p.includes("@"));
    expect(communeTags[0]).toBe(`'p:01' & ('m:00004@20261208' | 'm:00004@20261207' | 'm:00004@20261206')`);
    // The newest document far after the anchor: at most MAX_LATER_DAYS days after the anchor's are named.
    const farDays = planSearch({ statuses: [], provinceCode: "01" }, matchPlan(parseQuery("dat"), true), [], 0, 20, {
      anchor: newest,
      newest: newest + 100 * 24 * HOUR,
      hours: [newest],
    });
    const farDayTags = farDays.hits.params.filter((p): p is string => typeof p === "string" && p.includes("@"));
    expect(days(farDayTags[0]!)).toHaveLength(MAX_LATER_DAYS + NARROW_SPANS[0]![1]);
    expect(
      farDays.hits.params
        .filter((p): p is Date => p instanceof Date)
        .at(-1)!
        .toISOString(),
    ).toBe("2026-12-15T00:00:00.000Z");
    // Without an anchor (fewer documents than ANCHOR_ROWS): one scan.
    expect(planSearch({ statuses: [] }, matchPlan(parseQuery("dat"), true), [], 0, 20).hits.sql).not.toContain("UNION ALL (");
  });
});
