import { describe, expect, it } from "vitest";
import { analyzedVector, lexeme, upsertEntriesSql, ENTRY_COLUMNS } from "@search/postgres/entry.ts";
import { exactQueries, filterWhere, matchPlan, planSearch, unitQuery } from "@search/postgres/query.ts";
import { parseQuery } from "@search/text/query.ts";

describe("PostgreSQL engine: the analysis as tsvector text", () => {
  it("writes every syllable folded and, with diacritics, also as written, at one position; a repeated word once with each position", () => {
    expect(analyzedVector("Hoà bình, hòa hợp").lexemes).toBe("'hoa':1,3 'hòa':1,3 'binh':2 'bình':2 'hop':4 'hợp':4");
    expect(analyzedVector("Đại hội".normalize("NFD")).lexemes).toBe("'dai':1 'đại':1 'hoi':2 'hội':2");
    expect(analyzedVector("Góp ý 2026").lexemes).toBe("'gop':1 'góp':1 'y':2 'ý':2 '2026':3");
  });

  it("gives the folded words of 5 to 24 letters to the typo vocabulary, once each", () => {
    expect(analyzedVector("Nguyên nhân chủ quan, nguyên tắc chuyển đổi").terms).toEqual(["nguyen", "chuyen"]);
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
  });
});
