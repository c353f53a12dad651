import { describe, expect, it } from "vitest";
import { buildSearchQuery, cleanQuery, dayEnd, dayStart, MAX_QUERY_LENGTH, parseDay, parseSearchParams, searchHref } from "~/search/query.ts";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));
const PUBLIC = { seesAllStatuses: false };
const MODERATOR = { seesAllStatuses: true };

describe("who sees which comments", () => {
  it("gives the public approved comments only, whatever the URL asks", () => {
    for (const qs of [
      "q=a",
      "q=a&status=PENDING",
      "q=a&status=REJECTED&status=PENDING",
      "q=a&status=pending",
      "q=a&statuses=PENDING",
      "q=a&status[]=PENDING",
    ]) {
      expect(buildSearchQuery(parse(qs), PUBLIC).filters.statuses).toEqual(["APPROVED"]);
    }
    expect(buildSearchQuery(parse("q=a"), PUBLIC).facets).not.toContain("status");
  });

  it("gives a moderator every status by default, or the ones chosen, and the status facet", () => {
    expect(buildSearchQuery(parse("q=a"), MODERATOR).filters.statuses).toEqual(["PENDING", "APPROVED", "REJECTED"]);
    expect(buildSearchQuery(parse("q=a&status=REJECTED&status=PENDING&status=bogus"), MODERATOR).filters.statuses).toEqual(["PENDING", "REJECTED"]);
    expect(buildSearchQuery(parse("q=a"), MODERATOR).facets).toContain("status");
  });
});

describe("the query", () => {
  it("is NFC, trimmed, with spaces collapsed and control, invisible and direction characters removed", () => {
    expect(parse(`q=${encodeURIComponent("  pha\u0301t   trie\u0302\u0309n\u0000\u0007 kinh\u200B te\u0302\u0301\u202E \t")}`).q).toBe("phát triển kinh tế");
    expect(parse("q=%0D%0Agóp%09ý").q).toBe("góp ý");
  });

  it("keeps 200 characters of a longer query and says it was cut", () => {
    const long = "đổi mới ".repeat(40); // 320 characters
    const parsed = parse(`q=${encodeURIComponent(long)}`);
    expect([...parsed.q].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(long.startsWith(parsed.q)).toBe(true);
    expect(parsed.truncated).toBe(true);
    expect(parse("q=ngắn").truncated).toBe(false);
    // A huge parameter is cut before any work is done on it.
    const huge = cleanQuery("a".repeat(1_000_000));
    expect(huge).toEqual({ q: "a".repeat(MAX_QUERY_LENGTH), truncated: true });
  });

  it("counts characters, not UTF-16 units, and never keeps half of a surrogate pair", () => {
    const emoji = "😀".repeat(250);
    const parsed = cleanQuery(emoji);
    expect([...parsed.q]).toHaveLength(MAX_QUERY_LENGTH);
    expect(parsed.q).toBe("😀".repeat(MAX_QUERY_LENGTH));
    expect(cleanQuery("a\uD800b").q).toBe("ab");
  });

  it("takes the first of repeated values and treats a missing query as empty", () => {
    expect(parse("q=một&q=hai").q).toBe("một");
    expect(parse("").q).toBe("");
  });
});

describe("hostile or malformed filters are ignored", () => {
  it("drops values that are not of the expected shape", () => {
    const p = parse(
      "q=x&consultation=' OR 1=1 --&section=<script>&kind=all&stance=YES&province=HN&commune=x&organization=" +
        encodeURIComponent("a".repeat(100)) +
        "&from=hôm nay&to=2026-13-01&page=-3",
    );
    expect(p).toMatchObject({
      consultation: undefined,
      section: undefined,
      kind: undefined,
      stance: undefined,
      province: undefined,
      commune: undefined,
      organization: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    });
  });

  it("keeps well-formed ones", () => {
    const p = parse("consultation=ckabc123&section=k1x2&kind=comment&stance=DISAGREE&province=01&commune=00004&organization=org_1&page=3");
    expect(p).toMatchObject({
      consultation: "ckabc123",
      section: "k1x2",
      kind: "comment",
      stance: "DISAGREE",
      province: "01",
      commune: "00004",
      organization: "org_1",
      page: 3,
    });
  });

  it("reads the version filter: every version by default, the current one only when asked", () => {
    expect(parse("q=a").version).toBeUndefined();
    expect(buildSearchQuery(parse("q=a"), PUBLIC).filters.currentOnly).toBeUndefined();
    expect(buildSearchQuery(parse("q=a&version=current"), PUBLIC).filters.currentOnly).toBe(true);
    expect(parse("q=a&version=1' OR 1=1").version).toBeUndefined();
    expect(searchHref(parse("q=a&version=current&page=2"))).toBe("/tim-kiem?q=a&version=current");
  });

  it("drops a section without its consultation and a commune without its province", () => {
    expect(parse("section=k1&commune=00004")).toMatchObject({ section: undefined, commune: undefined });
  });

  it("bounds the page", () => {
    expect(parse("page=1e9").page).toBe(1);
    expect(parse("page=2.5").page).toBe(1);
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=50").page).toBe(50);
  });
});

describe("dates", () => {
  it("reads dd/mm/yyyy as people write it and yyyy-mm-dd as the date input sends it", () => {
    expect(parseDay("05/10/2026")).toBe("2026-10-05");
    expect(parseDay("5/1/2026")).toBe("2026-01-05");
    expect(parseDay("05-10-2026")).toBe("2026-10-05");
    expect(parseDay("05.10.2026")).toBe("2026-10-05");
    expect(parseDay("2026-10-05")).toBe("2026-10-05");
    expect(parseDay(" 2026-1-5 ")).toBe("2026-01-05");
  });

  it("refuses days that do not exist and years out of range", () => {
    for (const bad of ["31/02/2026", "29/02/2025", "00/10/2026", "10/13/2026", "2026-02-30", "01/01/1900", "01/01/99999", "hôm qua", "2026/10/05"]) {
      expect(parseDay(bad), bad).toBeUndefined();
    }
    expect(parseDay("29/02/2028")).toBe("2028-02-29");
  });

  it("searches whole days in Viet Nam's time, inclusive, and swaps a reversed range", () => {
    const p = parse("q=a&from=20/10/2026&to=2026-10-05");
    expect([p.from, p.to]).toEqual(["2026-10-05", "2026-10-20"]);
    const { from, to } = buildSearchQuery(p, PUBLIC).filters;
    expect(new Date(from!).toISOString()).toBe("2026-10-04T17:00:00.000Z");
    expect(new Date(to!).toISOString()).toBe("2026-10-20T16:59:59.999Z");
    expect(dayEnd("2026-10-05") - dayStart("2026-10-05")).toBe(86_400_000 - 1);
  });
});

describe("the engine query and the page's links", () => {
  it("asks for section and commune counts only when their parent is chosen", () => {
    expect(buildSearchQuery(parse("q=a"), PUBLIC).facets).toEqual(["kind", "consultationId", "stance", "provinceCode", "organizationId"]);
    const q = buildSearchQuery(parse("q=a&consultation=c1&section=s1&province=01&commune=00004&page=2"), PUBLIC);
    expect(q.facets).toEqual(expect.arrayContaining(["sectionKey", "communeCode"]));
    expect(q).toMatchObject({ q: "a", page: 2, perPage: 20, filters: { consultationId: "c1", sectionKey: "s1", provinceCode: "01", communeCode: "00004" } });
  });

  it("builds addresses that round-trip, resetting the page and the dependent filter", () => {
    const p = parse("q=phát triển&consultation=c1&section=s1&province=01&commune=00004&status=PENDING&page=3");
    const again = (href: string) => parseSearchParams(new URL(href, "http://x").searchParams);
    expect(again(searchHref(p, { page: 3 }))).toMatchObject({ ...p, truncated: false });
    expect(searchHref(p, { stance: "AGREE" })).not.toContain("page=");
    expect(again(searchHref(p, { consultation: "c2" }))).toMatchObject({ consultation: "c2", section: undefined, province: "01", commune: "00004" });
    expect(again(searchHref(p, { province: "79" }))).toMatchObject({ province: "79", commune: undefined, section: "s1" });
    expect(searchHref(parse(""))).toBe("/tim-kiem");
    expect(searchHref(parse("q=a b&x=1"))).toBe("/tim-kiem?q=a+b");
  });
});
