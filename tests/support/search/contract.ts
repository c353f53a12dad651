import { beforeAll, describe, expect, it } from "vitest";
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from "@search/engine.ts";
import { searchDocument, searchQuery } from "./documents.ts";

/**
 * The behaviour every SearchEngine must have, as vitest tests: the embedded engine runs them in
 * tests/unit/search/embedded/engine.test.ts, the Meilisearch engine when a server is configured. Only the
 * interface is used. `makeEngine` must give a new, empty engine on every call.
 */

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 9, 15, 8);
const LONG_FILLER = "Các cấp ủy, chính quyền tiếp tục quán triệt, triển khai thực hiện nghiêm túc các chủ trương, nghị quyết. ";

const block = (id: string, text: string, fields: Partial<SearchDocument> = {}) =>
  searchDocument({
    id,
    kind: "block",
    text,
    blockKey: id.split("_").at(-1)!,
    blockLabel: "Phần thứ nhất › I",
    sectionKey: "sec-1",
    sectionTitle: "Phần thứ nhất",
    createdAt: T0 - 30 * DAY,
    versionNumber: 2,
    currentVersion: true,
    ...fields,
  });
const comment = (id: string, text: string, fields: Partial<SearchDocument> = {}) =>
  searchDocument({ id, kind: "comment", text, byline: "Nguyễn V. A., Hà Nội", ...fields });

const HANOI = { provinceCode: "01", provinceName: "Thành phố Hà Nội", communeCode: "00004", communeName: "Phường Ba Đình" };
const HCMC = { provinceCode: "79", provinceName: "Thành phố Hồ Chí Minh", communeCode: "26734", communeName: "Phường Sài Gòn" };
const CONSTITUTION = { consultationId: "ct-hien-phap", consultationSlug: "hien-phap-2013", consultationTitle: "Hiến pháp năm 2013" };
/** An organization id full of what a filter language might take for syntax. */
export const ODD_ORGANIZATION_ID = 'to-chuc "A" \\ OR organizationId = x';

export const CONTRACT_DOCUMENTS: SearchDocument[] = [
  block("b_v1_p1", "Góp ý dự thảo văn kiện Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI, nhiệm kỳ 2025 - 2030."),
  block("b_v1_p2", "Phát triển kinh tế xanh gắn với bảo vệ môi trường, hướng tới một nền kinh tế bền vững."),
  // The same paragraph in the consultation's earlier version (kept searchable, labelled, not current).
  block("b_v0_p2", "Phát triển kinh tế xanh gắn với bảo vệ môi trường, hướng tới một nền kinh tế bền vững.", {
    versionNumber: 1,
    currentVersion: false,
    createdAt: T0 - 90 * DAY,
  }),
  block("b_v1_p3", "Mục tiêu phát triển bền vững đến năm 2030: tăng trưởng nhanh, bao trùm và phát triển bền vững.", {
    sectionKey: "sec-2",
    sectionTitle: "Phần thứ hai",
  }),
  block("b_v1_p4", `${LONG_FILLER.repeat(12)}Điểm nhấn quan trọng là cơ chế khuyến khích sáng kiến từ cơ sở. ${LONG_FILLER.repeat(12)}`, {
    sectionKey: "sec-2",
    sectionTitle: "Phần thứ hai",
  }),
  block("b_v2_p1", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam là nước độc lập, có chủ quyền, thống nhất và toàn vẹn lãnh thổ.", {
    ...CONSTITUTION,
    sectionKey: "chuong-1",
    sectionTitle: "Chương I",
    createdAt: T0 - 60 * DAY,
    versionNumber: 1,
  }),
  comment("c_1", "Tôi hoàn toàn đồng ý với mục tiêu hòa bình, hữu nghị giữa các dân tộc.", {
    ...HANOI,
    stance: "AGREE",
    sectionKey: "sec-1",
    organizationId: "org-doan-thanh-nien",
    organizationName: "Đoàn Thanh niên",
    createdAt: T0 + 1 * DAY,
  }),
  comment("c_2", "Cần lường trước tai họa từ thiên tai, bão lũ ở miền Trung hằng năm.", {
    ...HCMC,
    stance: "DISAGREE",
    sectionKey: "sec-2",
    createdAt: T0 + 2 * DAY,
  }),
  comment("c_3", "Đề nghị bổ sung nội dung về hoa màu và cây trồng của nông dân.", { ...HANOI, stance: "OTHER", sectionKey: "sec-1", createdAt: T0 + 3 * DAY }),
  comment("c_4", "Chính sách hoà giải ở cơ sở cần được chú trọng hơn.", {
    ...HCMC,
    stance: "AGREE",
    sectionKey: "sec-2",
    organizationId: "org-phu-nu",
    organizationName: "Hội Liên hiệp Phụ nữ",
    createdAt: T0 + 4 * DAY,
  }),
  comment("c_5", "Ý kiến đang chờ duyệt về chuyển đổi số ở cấp xã.", { ...HANOI, status: "PENDING", stance: "AGREE", createdAt: T0 + 5 * DAY }),
  comment("c_6", "Ý kiến đã bị từ chối về chuyển đổi số.", { ...HANOI, status: "REJECTED", stance: "DISAGREE", createdAt: T0 + 6 * DAY }),
  comment("c_7", "Đề nghị làm rõ chỉ tiêu chuyển đổi số ở cấp xã, phường.".normalize("NFD"), { ...HCMC, stance: "OTHER", createdAt: T0 + 7 * DAY }),
  comment("c_8", 'Tôi góp ý <script>alert("x")</script> & <b>đậm</b> về chuyển đổi số.', { ...HANOI, stance: "OTHER", createdAt: T0 + 8 * DAY }),
  comment("c_9", "Đề nghị giữ nguyên Điều 1 về chủ quyền quốc gia.", {
    ...CONSTITUTION,
    ...HANOI,
    stance: "AGREE",
    organizationId: ODD_ORGANIZATION_ID,
    organizationName: 'Tổ chức "A"',
    createdAt: T0 + 9 * DAY,
  }),
  comment("c_10", "toi gop y ve du thao bao cao chinh tri, can ngan gon hon", { ...HCMC, stance: "OTHER", createdAt: T0 + 10 * DAY }),
  ...Array.from({ length: 10 }, (_, i) =>
    comment(`c_${11 + i}`, `Ý kiến thứ ${i + 1} về cải cách hành chính: giảm thủ tục, rút ngắn thời gian giải quyết hồ sơ.`, {
      ...(i % 2 === 0 ? HANOI : HCMC),
      stance: (["AGREE", "DISAGREE", "OTHER"] as const)[i % 3],
      sectionKey: "sec-2",
      createdAt: T0 + (11 + i) * DAY,
    }),
  ),
];

const byId = new Map(CONTRACT_DOCUMENTS.map((doc) => [doc.id, doc]));
const EVERY_STATUS: SearchQuery["filters"]["statuses"] = ["PENDING", "APPROVED", "REJECTED"];

function ids(result: SearchResult): string[] {
  return result.hits.map((hit) => hit.id);
}

/** Every document passing `keep` among those a public search may see. */
function expectedIds(keep: (doc: SearchDocument) => boolean, statuses: SearchQuery["filters"]["statuses"] = ["APPROVED"]): string[] {
  return CONTRACT_DOCUMENTS.filter((doc) => (doc.kind === "block" || statuses.includes(doc.status!)) && keep(doc))
    .map((doc) => doc.id)
    .sort();
}

/** Tags other than <mark> and </mark>, or a raw "<" / "&" that is not an entity: not safe HTML. */
function unsafeHtml(snippet: string): boolean {
  const withoutMarks = snippet.replace(/<\/?mark>/g, "");
  return /</.test(withoutMarks) || /&(?!(amp|lt|gt|quot|#39|#x27|apos);)/.test(withoutMarks);
}

function unescapeSnippet(snippet: string): string {
  return snippet
    .replace(/<\/?mark>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&(#39|#x27|apos);/g, "'")
    .replace(/&amp;/g, "&");
}

export function describeSearchEngineContract(name: string, makeEngine: () => Promise<SearchEngine>): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;
    const search = (q: string, fields: Partial<Omit<SearchQuery, "q">> = {}) => engine.search(searchQuery(q, fields));
    const all = (q: string, filters: Partial<SearchQuery["filters"]> = {}) => search(q, { perPage: 100, filters: { statuses: ["APPROVED"], ...filters } });

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.upsert(CONTRACT_DOCUMENTS);
    });

    describe("indexing and listing", () => {
      it("answers health", async () => {
        const health = await engine.health();
        expect(health.ok).toBe(true);
      });

      it("lists every public document for an empty query, newest first, as it was indexed", async () => {
        const result = await all("");
        expect(ids(result).sort()).toEqual(expectedIds(() => true));
        expect(result.total).toBe(expectedIds(() => true).length);
        const times = result.hits.map((hit) => hit.document.createdAt);
        expect(times).toEqual([...times].sort((a, b) => b - a));
        for (const hit of result.hits) {
          expect(hit.document).toEqual(byId.get(hit.id));
          expect(hit.kind).toBe(hit.document.kind);
        }
      });
    });

    describe("Vietnamese folding", () => {
      it('finds "góp ý dự thảo" from "gop y du thao" and "Đại hội" from "dai hoi"', async () => {
        expect(ids(await all("gop y du thao"))).toContain("b_v1_p1");
        expect(ids(await all("dai hoi"))).toContain("b_v1_p1");
        expect(ids(await all("ĐẠI HỘI"))).toContain("b_v1_p1");
      });

      it("finds text typed without diacritics from a query with them", async () => {
        expect(ids(await all("góp ý dự thảo báo cáo"))).toContain("c_10");
      });

      it('matches "hoà" and "hòa" both ways', async () => {
        for (const q of ["hoà", "hòa", "HOÀ", "hoa"]) {
          const found = ids(await all(q));
          expect(found, q).toContain("c_1");
          expect(found, q).toContain("c_4");
        }
      });

      it("answers an NFD query as its NFC form, and finds NFD text", async () => {
        const nfc = await all("chuyển đổi số cấp xã");
        const nfd = await all("chuyển đổi số cấp xã".normalize("NFD"));
        expect(ids(nfd)).toEqual(ids(nfc));
        expect(ids(nfc)).toContain("c_7");
      });

      it("ranks the query's exact diacritics above folded-only matches", async () => {
        const found = ids(await all("hòa"));
        const exact = ["c_1", "c_4", "b_v2_p1"];
        const foldedOnly = ["c_2", "c_3"];
        for (const id of [...exact, ...foldedOnly]) expect(found, id).toContain(id);
        const worstExact = Math.max(...exact.map((id) => found.indexOf(id)));
        const bestFolded = Math.min(...foldedOnly.map((id) => found.indexOf(id)));
        expect(worstExact).toBeLessThan(bestFolded);
        expect(ids(await all("họa"))[0]).toBe("c_2");
      });
    });

    describe("phrases", () => {
      it("finds the words of a quoted phrase only next to each other, with or without diacritics", async () => {
        for (const q of ['"phát triển bền vững"', '"phat trien ben vung"']) {
          const found = ids(await all(q));
          expect(found, q).toContain("b_v1_p3");
          expect(found, q).not.toContain("b_v1_p2");
        }
        expect(ids(await all("phát triển bền vững"))).toEqual(expect.arrayContaining(["b_v1_p2", "b_v1_p3"]));
      });
    });

    describe("statuses", () => {
      it("shows the public approved comments and blocks only", async () => {
        const found = ids(await all("chuyển đổi số"));
        expect(found).toContain("c_7");
        expect(found).not.toContain("c_5");
        expect(found).not.toContain("c_6");
      });

      it("shows other statuses only when asked, and blocks always", async () => {
        const pending = ids(await all("", { statuses: ["PENDING"] })).sort();
        expect(pending).toEqual(expectedIds(() => true, ["PENDING"]));
        expect(pending).toContain("c_5");
        const none = ids(await all("", { statuses: [] })).sort();
        expect(none).toEqual(expectedIds((doc) => doc.kind === "block", []));
        const every = await all("chuyển đổi số", { statuses: EVERY_STATUS });
        expect(ids(every)).toEqual(expect.arrayContaining(["c_5", "c_6", "c_7", "c_8"]));
      });
    });

    describe("filters", () => {
      const cases: Array<[string, Partial<SearchQuery["filters"]>, (doc: SearchDocument) => boolean]> = [
        ["kind block", { kind: "block" }, (doc) => doc.kind === "block"],
        ["kind comment", { kind: "comment" }, (doc) => doc.kind === "comment"],
        ["consultationId", { consultationId: "ct-hien-phap" }, (doc) => doc.consultationId === "ct-hien-phap"],
        ["sectionKey", { sectionKey: "sec-2" }, (doc) => doc.sectionKey === "sec-2"],
        ["stance", { stance: "AGREE" }, (doc) => doc.stance === "AGREE"],
        ["provinceCode", { provinceCode: "79" }, (doc) => doc.provinceCode === "79"],
        ["communeCode", { communeCode: "00004" }, (doc) => doc.communeCode === "00004"],
        ["organizationId", { organizationId: "org-phu-nu" }, (doc) => doc.organizationId === "org-phu-nu"],
        ["from", { from: T0 + 10 * DAY }, (doc) => doc.createdAt >= T0 + 10 * DAY],
        ["to", { to: T0 + 3 * DAY }, (doc) => doc.createdAt <= T0 + 3 * DAY],
        ["from and to, inclusive", { from: T0 + 2 * DAY, to: T0 + 4 * DAY }, (doc) => doc.createdAt >= T0 + 2 * DAY && doc.createdAt <= T0 + 4 * DAY],
        [
          "several at once",
          { kind: "comment", consultationId: "ct-bao-cao", provinceCode: "01", stance: "AGREE" },
          (doc) => doc.kind === "comment" && doc.consultationId === "ct-bao-cao" && doc.provinceCode === "01" && doc.stance === "AGREE",
        ],
      ];
      for (const [label, filters, keep] of cases) {
        it(`filters by ${label}`, async () => {
          const expected = expectedIds(keep);
          expect(expected.length).toBeGreaterThan(0);
          const result = await all("", filters);
          expect(ids(result).sort()).toEqual(expected);
          expect(result.total).toBe(expected.length);
        });
      }

      it("leaves out earlier versions' blocks when asked for the current version only", async () => {
        const expected = expectedIds((doc) => doc.currentVersion !== false);
        expect(expected).not.toContain("b_v0_p2");
        expect(expected).toContain("b_v1_p2");
        const result = await all("", { currentOnly: true });
        expect(ids(result).sort()).toEqual(expected);
        expect(ids(await all("", { currentOnly: false })).sort()).toEqual(expectedIds(() => true));
      });

      it("ranks the current version's paragraph above the same text in an earlier version (the newer wins the tie)", async () => {
        const found = ids(await all("kinh tế xanh"));
        expect(found).toContain("b_v0_p2");
        expect(found.indexOf("b_v1_p2")).toBeLessThan(found.indexOf("b_v0_p2"));
      });

      it("filters a text query too", async () => {
        const found = ids(await all("cải cách hành chính", { provinceCode: "01", stance: "AGREE" })).sort();
        expect(found).toEqual(expectedIds((doc) => doc.text.includes("cải cách hành chính") && doc.provinceCode === "01" && doc.stance === "AGREE"));
      });

      it("treats filter values as plain values, never as syntax", async () => {
        const hostile = ['01" OR provinceCode = "79', "01' OR '1'='1", "01 OR 79", "01\\", "*", "", "NOT 01"];
        for (const value of hostile) {
          expect((await all("", { provinceCode: value })).total, value).toBe(0);
          expect((await all("", { consultationId: value })).total, value).toBe(0);
          expect((await all("", { sectionKey: value })).total, value).toBe(0);
        }
        expect(ids(await all("", { organizationId: ODD_ORGANIZATION_ID }))).toEqual(["c_9"]);
        expect((await all("", { organizationId: 'to-chuc "A"' })).total).toBe(0);
      });
    });

    describe("facets", () => {
      it("counts the values among the matches", async () => {
        const result = await search("", {
          perPage: 1,
          facets: ["stance", "kind", "provinceCode"],
          filters: { statuses: ["APPROVED"], consultationId: "ct-bao-cao" },
        });
        const matches = CONTRACT_DOCUMENTS.filter((doc) => doc.consultationId === "ct-bao-cao" && (doc.kind === "block" || doc.status === "APPROVED"));
        const count = (key: keyof SearchDocument) => {
          const counts: Record<string, number> = {};
          for (const doc of matches) if (doc[key] !== null) counts[String(doc[key])] = (counts[String(doc[key])] ?? 0) + 1;
          return counts;
        };
        expect(result.facets.stance).toEqual(count("stance"));
        expect(result.facets.kind).toEqual(count("kind"));
        expect(result.facets.provinceCode).toEqual(count("provinceCode"));
      });

      it("counts statuses when staff ask for several, and only what the text matches", async () => {
        const result = await search("chuyển đổi số", { facets: ["status"], filters: { statuses: EVERY_STATUS, kind: "comment" } });
        expect(result.facets.status).toEqual({ PENDING: 1, REJECTED: 1, APPROVED: 2 });
      });
    });

    describe("highlighting", () => {
      it("marks the matched words and escapes everything else", async () => {
        const result = await all("chuyển đổi số");
        const hit = result.hits.find((h) => h.id === "c_8")!;
        expect(hit).toBeDefined();
        expect(hit.snippet).not.toContain("<script");
        expect(hit.snippet).toContain("&lt;script&gt;");
        expect(hit.snippet).toMatch(/<mark>chuyển<\/mark>/);
        for (const h of result.hits) {
          expect(unsafeHtml(h.snippet), h.snippet).toBe(false);
          expect(h.document.text.normalize("NFC")).toContain(unescapeSnippet(h.snippet).replace(/^…|…$/g, "").normalize("NFC"));
        }
      });

      it("marks words found without diacritics in the text's own spelling", async () => {
        const hit = (await all("hoa binh")).hits.find((h) => h.id === "c_1")!;
        expect(hit.snippet).toContain("<mark>hòa</mark>");
        expect(hit.snippet).toContain("<mark>bình</mark>");
      });

      it("crops a long text around the match", async () => {
        const hit = (await all("sáng kiến")).hits.find((h) => h.id === "b_v1_p4")!;
        expect(hit.document.text.length).toBeGreaterThan(2000);
        expect(hit.snippet).toContain("<mark>sáng</mark>");
        expect(unescapeSnippet(hit.snippet).length).toBeLessThan(400);
      });
    });

    describe("pagination", () => {
      it("splits the matches into disjoint pages that add up to the total", async () => {
        const q = "cải cách hành chính";
        const first = await search(q, { perPage: 3, page: 1 });
        expect(first.total).toBe(10);
        const seen: string[] = [];
        for (let page = 1; page <= 4; page++) {
          const result = await search(q, { perPage: 3, page });
          expect(result.total).toBe(10);
          expect(result.hits.length).toBe(page < 4 ? 3 : 1);
          seen.push(...ids(result));
        }
        expect(new Set(seen).size).toBe(10);
        const beyond = await search(q, { perPage: 3, page: 9 });
        expect(beyond.hits).toEqual([]);
      });
    });

    describe("hostile queries", () => {
      const hostile = [
        "x".repeat(10_000),
        "phát triển ".repeat(1_000),
        "!!! ... ??? ;;; --- ***",
        "\u0000\u0001\u0007\u001b[31m\u007f",
        '"phát triển',
        '"""',
        "OR AND NOT ( ) [ ] { } : = ~ ^ * ? \\",
        'provinceCode = "01" OR 1=1',
        "<script>alert(1)</script>",
        "😀🇻🇳 \u200b\u200d\ufeff",
        "\ud800 lẻ cặp",
        "a",
        " ",
      ];
      for (const q of hostile) {
        it(`answers ${JSON.stringify(q.slice(0, 30))}${q.length > 30 ? "…" : ""} without throwing or hanging`, async () => {
          const started = Date.now();
          const result = await search(q, { facets: ["stance"] });
          expect(Date.now() - started).toBeLessThan(5_000);
          expect(Array.isArray(result.hits)).toBe(true);
          expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
          for (const hit of result.hits) {
            expect(unsafeHtml(hit.snippet)).toBe(false);
            expect(hit.document.kind === "block" || hit.document.status === "APPROVED").toBe(true);
          }
        });
      }
    });

    describe("changes", () => {
      it("upserts idempotently and replaces a document's text and attributes", async () => {
        const fresh = await makeEngine();
        const doc = comment("c_100", "Đề nghị tăng cường kiểm tra an toàn thực phẩm.", { status: "PENDING" });
        await fresh.upsert([doc]);
        await fresh.upsert([doc]);
        expect((await fresh.search(searchQuery("thực phẩm"))).total).toBe(0);
        expect((await fresh.search(searchQuery("thực phẩm", { filters: { statuses: ["PENDING"] } }))).total).toBe(1);
        await fresh.upsert([{ ...doc, status: "APPROVED" }]);
        const approved = await fresh.search(searchQuery("thực phẩm"));
        expect(ids(approved)).toEqual(["c_100"]);
        expect(approved.hits[0].document.status).toBe("APPROVED");
        await fresh.upsert([{ ...doc, status: "APPROVED", text: "Đề nghị quan tâm nước sạch nông thôn." }]);
        expect((await fresh.search(searchQuery("thực phẩm"))).total).toBe(0);
        expect(ids(await fresh.search(searchQuery("nuoc sach")))).toEqual(["c_100"]);
        expect((await fresh.search(searchQuery(""))).total).toBe(1);
      });

      it("removes documents, ignoring unknown ids", async () => {
        const fresh = await makeEngine();
        await fresh.upsert(CONTRACT_DOCUMENTS);
        await fresh.remove(["c_1", "c_4", "c_không-có"]);
        const found = ids(await fresh.search(searchQuery("hòa", { perPage: 100 })));
        expect(found).not.toContain("c_1");
        expect(found).not.toContain("c_4");
        expect(found).toContain("b_v2_p1");
      });

      it("keeps answering from the old index during a rebuild, then answers from the new one", async () => {
        const fresh = await makeEngine();
        await fresh.upsert(CONTRACT_DOCUMENTS);
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const newDocs = [
          block("b_v3_p1", "Văn bản mới về phát triển nguồn nhân lực chất lượng cao."),
          comment("c_200", "Đề nghị chú trọng nguồn nhân lực cho chuyển đổi số."),
        ];
        async function* batches() {
          yield [newDocs[0]];
          await gate;
          yield [newDocs[1]];
        }
        const progress: number[] = [];
        const rebuilt = fresh.rebuild(batches(), (done) => progress.push(done));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(ids(await fresh.search(searchQuery("hòa bình")))).toContain("c_1");
        release();
        await rebuilt;
        expect(progress).toEqual([1, 2]);
        expect((await fresh.search(searchQuery("hòa bình"))).total).toBe(0);
        expect(ids(await fresh.search(searchQuery("nguon nhan luc"))).sort()).toEqual(["b_v3_p1", "c_200"]);
        expect((await fresh.search(searchQuery(""))).total).toBe(2);
      });
    });
  });
}
