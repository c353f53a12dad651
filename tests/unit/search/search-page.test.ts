import { afterEach, describe, expect, it, vi } from "vitest";
import { createEngine } from "@search/runtime.server.ts";
import { SearchUnavailableError, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from "@search/engine.ts";
import type { Db } from "~/platform/db.server.ts";
import { safeSnippet } from "~/search/hits.ts";
import { totalLine, withCount } from "~/search/labels.ts";
import { loadSearchPage } from "~/search/search-page.server.ts";

// The search page's data path (app/search/search-page.server.ts) on a stand-in engine and a
// stand-in database: what reaches the page, whatever the engine answers.

const CONSULTATION = { id: "c1", title: "Dự thảo Báo cáo chính trị", publishedVersionId: "v1" };

/** Just the three reads the page makes. */
const db = {
  consultation: { findMany: async () => [CONSULTATION] },
  block: {
    findMany: async () => [
      { key: "s1", kind: "part", level: 1, text: "Phần thứ nhất" },
      { key: "s2", kind: "part", level: 1, text: "Phần thứ hai" },
    ],
  },
  organization: {
    findMany: async ({ where }: { where: { id: { in: string[] } } }) =>
      where.id.in.filter((id) => id === "o1").map((id) => ({ id, name: "Hội Nông dân tỉnh" })),
  },
} as unknown as Db;

function doc(over: Partial<SearchDocument>): SearchDocument {
  return {
    id: "c_1",
    kind: "comment",
    consultationId: "c1",
    consultationSlug: "du-thao",
    consultationTitle: CONSULTATION.title,
    blockKey: "k1",
    blockLabel: "Phần thứ nhất › đoạn 2",
    sectionKey: "s1",
    sectionTitle: "Phần thứ nhất",
    text: "",
    commentId: "1",
    stance: "AGREE",
    status: "APPROVED",
    provinceCode: "01",
    provinceName: "Thành phố Hà Nội",
    communeCode: null,
    communeName: null,
    organizationId: null,
    organizationName: null,
    byline: "N. V. An, Thành phố Hà Nội",
    createdAt: Date.UTC(2026, 9, 20),
    ...over,
  };
}

/** An engine that answers whatever it is given, and remembers what it was asked. */
function fakeEngine(answer: (q: SearchQuery) => Promise<SearchResult> | SearchResult) {
  const asked: SearchQuery[] = [];
  const engine = {
    name: "embedded",
    search: async (q: SearchQuery) => {
      asked.push(q);
      return answer(q);
    },
  } as unknown as SearchEngine;
  return { asked, getEngine: async () => engine };
}

const result = (hits: SearchResult["hits"], facets: SearchResult["facets"] = {}): SearchResult => ({
  hits,
  total: hits.length,
  totalIsEstimate: false,
  facets,
  tookMs: 1,
});
const load = (qs: string, getEngine: () => Promise<SearchEngine>, seesAllStatuses = false, timeoutMs?: number) =>
  loadSearchPage({ searchParams: new URLSearchParams(qs), viewer: { seesAllStatuses }, db, getEngine, timeoutMs });

afterEach(() => vi.restoreAllMocks());

describe("snippets", () => {
  it("keeps <mark> and escapes every other tag, without escaping twice what the engine escaped", () => {
    expect(safeSnippet("phát <mark>triển</mark> &lt;b&gt; &amp; &#39;")).toBe("phát <mark>triển</mark> &lt;b&gt; &amp; &#39;");
    expect(safeSnippet("chưa c\u0000ó <mark>sóng</mark>\u0007")).toBe("chưa có <mark>sóng</mark>");
    expect(safeSnippet('<script>alert(1)</script><img src=x onerror="alert(2)"> & <mark onclick="x">a</mark>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt; &amp; &lt;mark onclick="x"&gt;a</mark>',
    );
  });

  it("reach the page escaped even when an engine returns a document's <script> raw", async () => {
    const text = "Đề nghị <script>alert('xss')</script> phát triển kinh tế";
    const { getEngine } = fakeEngine(() =>
      result([
        { id: "c_1", kind: "comment", document: doc({ text }), snippet: "Đề nghị <script>alert('xss')</script> <mark>phát triển</mark> kinh tế", score: 1 },
      ]),
    );
    const page = await load("q=phat trien", getEngine);
    const [hit] = page.result!.hits;
    expect(hit.snippet).toBe("Đề nghị &lt;script&gt;alert('xss')&lt;/script&gt; <mark>phát triển</mark> kinh tế");
    expect(JSON.stringify(page)).not.toContain("<script");
  });
  it("reach the page escaped through the embedded engine: a document's <script> is text", async () => {
    const engine = createEngine({ engine: "embedded" });
    const text = `Đề nghị <script>alert("xss")</script> <img src=x onerror=alert(1)> phát triển kinh tế & xã hội`;
    await engine.upsert([doc({ id: "c_xss", commentId: "xss", text })]);
    const page = await load("q=phat trien", async () => engine);
    const [hit] = page.result!.hits;
    expect(hit.snippet).toContain("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;");
    expect(hit.snippet).toMatch(/<mark>phát<\/mark> <mark>triển<\/mark>/);
    expect(hit.snippet).toContain("&amp; xã hội");
    expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });
});

describe("what the page receives", () => {
  it("sends the hit's display fields and links, not the whole document", async () => {
    const { getEngine } = fakeEngine(() => result([{ id: "c_1", kind: "comment", document: doc({ text: "toàn văn ý kiến bí mật" }), snippet: "x", score: 1 }]));
    const [hit] = (await load("q=x", getEngine)).result!.hits;
    expect(hit).toMatchObject({
      blockHref: "/du-thao/du-thao#p-k1",
      commentsHref: "/du-thao/du-thao/y-kien?doan=k1",
      consultationHref: "/du-thao/du-thao",
      stance: "AGREE",
      byline: "N. V. An, Thành phố Hà Nội",
      createdAt: "2026-10-20T00:00:00.000Z",
    });
    expect(JSON.stringify(hit)).not.toContain("bí mật");
  });

  it("never shows the public a comment that is not approved, even if the engine returns one", async () => {
    const { getEngine, asked } = fakeEngine(() =>
      result([
        { id: "c_1", kind: "comment", document: doc({ status: "PENDING" }), snippet: "chờ duyệt", score: 2 },
        { id: "b_1", kind: "block", document: doc({ id: "b_1", kind: "block", status: null, stance: null }), snippet: "đoạn", score: 1 },
      ]),
    );
    const page = await load("q=x&status=PENDING", getEngine);
    expect(asked[0].filters.statuses).toEqual(["APPROVED"]);
    expect(page.params.status).toEqual([]);
    expect(page.result!.hits.map((h) => h.id)).toEqual(["b_1"]);
    expect(page.options.statuses).toEqual([]);

    const staff = await load("q=x&status=PENDING", getEngine, true);
    expect(asked[1].filters.statuses).toEqual(["PENDING"]);
    expect(staff.result!.hits.map((h) => h.id)).toEqual(["c_1", "b_1"]);
    expect(staff.options.statuses.map((s) => s.label)).toEqual(["Chờ duyệt", "Đã duyệt", "Bị từ chối"]);
  });

  it("labels facet counts and drops filters that name nothing that exists", async () => {
    const { getEngine, asked } = fakeEngine(() =>
      result([], { stance: { AGREE: 120, OTHER: 1 }, consultationId: { c1: 121 }, sectionKey: { s2: 4 }, organizationId: { o1: 3, gone: 2 } }),
    );
    const page = await load("q=x&consultation=c1&section=nope&province=99&commune=00004&organization=gone", getEngine);
    expect(page.params).toMatchObject({ consultation: "c1", section: undefined, province: undefined, commune: undefined, organization: undefined });
    expect(asked[0].filters).toMatchObject({ consultationId: "c1", sectionKey: undefined, provinceCode: undefined, organizationId: undefined });
    expect(page.options.stances).toEqual([
      { value: "AGREE", label: "Tán thành", count: 120 },
      { value: "DISAGREE", label: "Không tán thành", count: 0 },
      { value: "OTHER", label: "Ý kiến khác", count: 1 },
    ]);
    expect(page.options.sections).toEqual([
      { value: "s1", label: "Phần thứ nhất", count: 0 },
      { value: "s2", label: "Phần thứ hai", count: 4 },
    ]);
    expect(page.options.organizations).toEqual([{ value: "o1", label: "Hội Nông dân tỉnh", count: 3 }]);
    expect(page.options.provinces).toHaveLength(34);
    expect(page.options.communes).toEqual([]);

    const other = await load("q=x&consultation=unknown&section=s1", getEngine);
    expect(other.params).toMatchObject({ consultation: undefined, section: undefined });
  });

  it("keeps a commune only inside its province", async () => {
    const { getEngine } = fakeEngine(() => result([]));
    const page = await load("q=x&province=01", getEngine);
    const commune = page.options.communes[0]!.value;
    expect((await load(`q=x&province=01&commune=${commune}`, getEngine)).params.commune).toBe(commune);
    expect((await load(`q=x&province=79&commune=${commune}`, getEngine)).params.commune).toBeUndefined();
  });

  it("does not search when nothing was asked", async () => {
    const { getEngine, asked } = fakeEngine(() => result([]));
    const page = await load("", getEngine);
    expect(asked).toEqual([]);
    expect(page).toMatchObject({ result: null, unavailable: false });
  });
});

describe("when search cannot answer", () => {
  it("says unavailable when the engine throws SearchUnavailableError", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { getEngine } = fakeEngine(() => {
      throw new SearchUnavailableError("Meilisearch is down");
    });
    expect(await load("q=x", getEngine)).toMatchObject({ result: null, unavailable: true });
  });

  it("says unavailable when the engine takes longer than the deadline", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { getEngine } = fakeEngine(() => new Promise<SearchResult>(() => {}));
    const started = Date.now();
    expect(await load("q=x", getEngine, false, 50)).toMatchObject({ result: null, unavailable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("says unavailable, and logs, when the engine cannot even be started", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const page = await load("q=x", () => Promise.reject(new Error("MEILI_HOST is not a URL")));
    expect(page.unavailable).toBe(true);
    expect(logged).toHaveBeenCalled();
  });
});

describe("search page: a total the engine stopped counting (PostgreSQL, ADR 051)", () => {
  it('says "hơn" for the total and "+" after each facet count, which are lower bounds', () => {
    expect(totalLine(1000, false, true)).toBe("Tìm thấy hơn 1.000 kết quả");
    expect(totalLine(1000, true)).toBe("Tìm thấy khoảng 1.000 kết quả");
    expect(totalLine(12, false)).toBe("Tìm thấy 12 kết quả");
    expect(withCount("Tán thành", 1200, true)).toBe("Tán thành (1.200+)");
    expect(withCount("Tán thành", 1200)).toBe("Tán thành (1.200)");
  });
});
