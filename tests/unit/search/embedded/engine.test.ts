import { describe, expect, it } from "vitest";
import type { SearchQuery } from "@search/engine.ts";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import { describeSearchEngineContract } from "../../../support/search/contract.ts";
import { searchDocument, searchQuery } from "../../../support/search/documents.ts";

describeSearchEngineContract("embedded", async () => createEmbeddedSearchEngine());

const comment = (id: string, text: string, createdAt = 0) => searchDocument({ id, kind: "comment", text, createdAt });
const ids = (result: { hits: { id: string }[] }) => result.hits.map((hit) => hit.id);

describe("embedded engine: search-as-you-type and typos", () => {
  it("takes the last word as a prefix while it is being typed, not once a space follows", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([comment("c_1", "Phát triển nguồn nhân lực chất lượng cao.", 1), comment("c_2", "Phát huy vai trò của Mặt trận.", 2)]);
    expect(ids(await engine.search(searchQuery("phat tri")))).toEqual(["c_1"]);
    expect(ids(await engine.search(searchQuery("nguồn nh")))).toEqual(["c_1"]);
    expect(ids(await engine.search(searchQuery("nguon nhan luc chat l")))).toEqual(["c_1"]);
    // "tri" as a whole word is in neither: the documents with the most of the words, newest first.
    expect(ids(await engine.search(searchQuery("phat tri ")))).toEqual(["c_2", "c_1"]);
  });

  it("falls back to the documents with the most words when none has them all", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([comment("c_1", "Giáo dục vùng cao.", 3), comment("c_2", "Giáo dục và y tế vùng cao.", 1), comment("c_3", "Y tế cơ sở.", 2)]);
    expect(ids(await engine.search(searchQuery("giáo dục y tế biển đảo")))).toEqual(["c_2", "c_1", "c_3"]);
    expect((await engine.search(searchQuery('"vùng y tế"'))).total).toBe(0);
  });

  it("ranks the word as typed above longer words that start with it", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([comment("c_1", "Kinh tế vùng biển và nghề cá.", 2), comment("c_2", "Doanh nghiệp vừa và nhỏ; nghiệp vụ ngân hàng.", 1)]);
    expect(ids(await engine.search(searchQuery("nghiep vu")))[0]).toBe("c_2");
  });

  it("forgives one typo in a folded word of 6+ letters and two from 9 letters, only for unknown words", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([
      comment("c_1", "Đề nghị giữ nguyên quy định hiện hành."),
      comment("c_2", "Cần tăng cường phòng chống thiên tai."),
      comment("c_3", "Thị trường bất động sản cần minh bạch."),
    ]);
    expect(ids(await engine.search(searchQuery("nguyne quy dinh")))).toEqual(["c_1"]);
    expect(ids(await engine.search(searchQuery("nguyne ")))).toEqual(["c_1"]);
    // Four letters: no typo allowed. Seven letters, two edits: only one allowed.
    expect(ids(await engine.search(searchQuery("tnag ")))).toEqual([]);
    expect(ids(await engine.search(searchQuery("truognn ")))).toEqual([]);
    expect(ids(await engine.search(searchQuery("truogn ")))).toEqual(["c_3"]);
    await engine.upsert([comment("c_4", "Tổ chức hội nghị trực tuyến ở xã.")]);
    expect(ids(await engine.search(searchQuery("truc tuyenn ")))).toEqual(["c_4"]);
  });
});

describe("embedded engine: proximity", () => {
  it("ranks the query's words side by side above the same words apart", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([comment("c_1", "Vững, bền, phát, triển.", 2), comment("c_2", "Cần phát triển bền vững cho tỉnh nhà trong nhiều năm tới.", 1)]);
    expect(ids(await engine.search(searchQuery("phát triển bền vững")))).toEqual(["c_2", "c_1"]);
    expect(ids(await engine.search(searchQuery("phat trien ben vung ")))).toEqual(["c_2", "c_1"]);
  });
});

describe("embedded engine: index upkeep", () => {
  it("keeps answering correctly through many replacements (compaction renumbers documents)", async () => {
    const engine = createEmbeddedSearchEngine();
    const words = ["nông nghiệp", "công nghiệp", "dịch vụ", "du lịch", "giáo dục", "y tế"];
    for (let round = 0; round < 3; round++) {
      const docs = Array.from({ length: 6_000 }, (_, i) => comment(`c_${i}`, `Ý kiến ${i} về ${words[(i + round) % words.length]} vòng ${round}.`, i));
      await engine.upsert(docs);
    }
    await engine.remove(Array.from({ length: 3_000 }, (_, i) => `c_${i * 2}`));
    const stats = engine.stats();
    expect(stats.documents).toBe(3_000);
    const result = await engine.search(searchQuery('"du lich"', { perPage: 100 }));
    // round 2: word index (i + 2) % 6 === 3 for odd i: i % 6 === 1.
    expect(result.total).toBe(1_000);
    for (const hit of result.hits) expect(hit.document.text).toContain("du lịch vòng 2");
    expect((await engine.search(searchQuery('"vòng 0"'))).total).toBe(0);
    expect((await engine.search(searchQuery('"vòng 2"'))).total).toBe(3_000);
  });

  it("keeps changes that arrive during a rebuild", async () => {
    const engine = createEmbeddedSearchEngine();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* batches() {
      yield [comment("c_1", "Văn bản thứ nhất về giáo dục."), comment("c_2", "Văn bản thứ hai về giáo dục.")];
      await gate;
    }
    const rebuilt = engine.rebuild(batches());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.upsert([comment("c_3", "Ý kiến mới về giáo dục trong lúc dựng lại chỉ mục.")]);
    await engine.remove(["c_1"]);
    release();
    await rebuilt;
    expect(ids(await engine.search(searchQuery("giáo dục"))).sort()).toEqual(["c_2", "c_3"]);
  });
});

describe("embedded engine: malformed queries", () => {
  it("answers queries that break the types with sane defaults instead of throwing", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.upsert([comment("c_1", "Đề nghị giữ nguyên.")]);
    const odd = [
      { q: "giữ", page: Number.NaN, perPage: 1e9, facets: ["nope"], filters: { statuses: ["APPROVED"] } },
      { q: 42, page: -3, perPage: 0, facets: null, filters: null },
      { q: "giữ", page: 1, perPage: 20, facets: [], filters: { statuses: "APPROVED", provinceCode: 1, from: "x", kind: "other" } },
      { q: "giữ", page: 1e12, perPage: 20, facets: [], filters: { statuses: ["APPROVED"], from: 10, to: 5 } },
    ] as unknown as SearchQuery[];
    for (const query of odd) {
      const result = await engine.search(query);
      expect(Array.isArray(result.hits)).toBe(true);
      expect(result.hits.length).toBeLessThanOrEqual(100);
    }
    expect((await engine.search(odd[0])).total).toBe(1);
  });
});
