import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresSearchEngine } from "@search/postgres/engine.ts";
import type { SearchDocument, SearchEngine, SearchQuery } from "@search/engine.ts";
import { writeEntries } from "@search/postgres/engine.ts";
import { entryTags } from "@search/postgres/entry.ts";
import { COUNT_CAP, RANK_WINDOW, matchPlan, planSearch } from "@search/postgres/query.ts";
import { parseQuery } from "@search/text/query.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { describeSearchEngineContract } from "../../support/search/contract.ts";
import { searchDocument, searchQuery as searchFor } from "../../support/search/documents.ts";
import { RELEVANCE_QUERIES, scoreRelevance } from "../../support/search/relevance.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";

// The PostgreSQL search engine (ADR 051) runs the contract every engine runs and the relevance set the
// embedded engine is scored on (tests/unit/search/embedded/engine.relevance.test.ts).

/**
 * A fresh PostgreSQL database (migrated) for the PostgreSQL search engine's tests: `ctx.sql` inside
 * tests, `ctx.url` its DATABASE_URL; `ctx.engine(typos)` empties "SearchEntry" and gives an engine on it
 * (typo tolerance with pg_trgm, or without as when the database has no pg_trgm or SEARCH_TYPOS=off).
 */
function usePostgresSearchDatabase() {
  const ctx = {} as { sql: SqlDriver; url: string; engine: (typos: boolean) => Promise<SearchEngine> };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    drop = created.drop;
    ctx.url = created.url;
    ctx.sql = createSqlDriver(resolveDatabaseTarget(created.url));
    ctx.engine = async (typos) => {
      await ctx.sql.run(`DELETE FROM "SearchEntry"`, []);
      await ctx.sql.run(`DELETE FROM "SearchTerm"`, []);
      return createPostgresSearchEngine({ sql: ctx.sql, typos, log: () => undefined });
    };
  });
  afterAll(async () => {
    await ctx.sql?.close();
    await drop?.();
  });
  return ctx;
}

const HOUR = 3_600_000;
const MIN_SUCCESS_AT_3 = 0.9;
const MIN_MRR = 0.85;

const comment = (id: string, text: string): SearchDocument => searchDocument({ id, kind: "comment", text });
const ids = (result: { hits: Array<{ id: string }> }) => result.hits.map((hit) => hit.id);

describe.runIf(postgresEnabled)("PostgreSQL search engine", () => {
  const ctx = usePostgresSearchDatabase();
  const trigramsHere = async () =>
    (await ctx.sql.all<{ n: number }>(`SELECT count(*)::int AS "n" FROM pg_available_extensions WHERE name = 'pg_trgm'`, []))[0]!.n > 0;

  for (const typos of [true, false]) {
    const name = typos ? "postgres (pg_trgm)" : "postgres (no typo tolerance)";
    describeSearchEngineContract(name, () => ctx.engine(typos));

    it(`scores the relevance set above the bounds: ${name}`, async () => {
      const score = await scoreRelevance(await ctx.engine(typos));
      const misses = score.queries.filter((s) => s.firstRelevant !== 1);
      console.log(
        `${name} relevance: success@3 ${score.successAt3.toFixed(3)}, success@10 ${score.successAt10.toFixed(3)}, MRR ${score.mrr.toFixed(3)} over ${RELEVANCE_QUERIES.length} queries` +
          misses
            .map(
              (s) =>
                `\n  ${s.query.category}: ${JSON.stringify(s.query.q)} first relevant at ${s.firstRelevant ?? "none"}; top ${s.top.slice(0, 3).join(", ")}`,
            )
            .join(""),
      );
      expect(score.successAt3).toBeGreaterThanOrEqual(MIN_SUCCESS_AT_3);
      expect(score.mrr).toBeGreaterThanOrEqual(MIN_MRR);
    });
  }

  it("forgives one typo in a folded word of 6+ letters and two from 9 letters, only for unknown words, with pg_trgm", async () => {
    if (!(await trigramsHere())) return;
    const engine = await ctx.engine(true);
    await engine.upsert([
      comment("c_1", "Đề nghị giữ nguyên quy định hiện hành."),
      comment("c_2", "Cần tăng cường phòng chống thiên tai."),
      comment("c_3", "Thị trường bất động sản cần minh bạch."),
      comment("c_5", "Ứng dụng Bluetooth và telemedicine ở trạm y tế."),
    ]);
    expect(ids(await engine.search(searchFor("nguyne quy dinh")))).toEqual(["c_1"]);
    expect(ids(await engine.search(searchFor("nguyne ")))).toEqual(["c_1"]);
    // Four letters: no typo allowed. Seven letters, two edits: only one allowed.
    expect(ids(await engine.search(searchFor("tnag ")))).toEqual([]);
    expect(ids(await engine.search(searchFor("truognn ")))).toEqual([]);
    expect(ids(await engine.search(searchFor("truogn ")))).toEqual(["c_3"]);
    // Nine letters and more: two edits (two swaps here).
    expect(ids(await engine.search(searchFor("tleemedicnie ")))).toEqual(["c_5"]);
    // A word being typed that begins a known word is not a typo.
    expect(ids(await engine.search(searchFor("truon")))).toEqual(["c_3"]);
    await engine.upsert([comment("c_4", "Tổ chức hội nghị trực tuyến ở xã.")]);
    expect(ids(await engine.search(searchFor("truc tuyenn ")))).toEqual(["c_4"]);
    // A real word is searched as typed, never widened to its neighbours ("nguyet" is one edit from "nguyen").
    await engine.upsert([comment("c_6", "Giữ tên gọi Nguyệt Đức của xã.")]);
    expect(ids(await engine.search(searchFor("nguyet ")))).toEqual(["c_6"]);
  });

  it("takes a mistyped word as missing without typo tolerance", async () => {
    const engine = await ctx.engine(false);
    await engine.upsert([comment("c_1", "Đề nghị giữ nguyên quy định hiện hành.")]);
    expect(ids(await engine.search(searchFor("nguyne ")))).toEqual([]);
    expect(ids(await engine.search(searchFor("nguyen ")))).toEqual(["c_1"]);
  });

  it("counts at most COUNT_CAP matches and says so; ranks RANK_WINDOW of them; pages never overlap", async () => {
    const engine = await ctx.engine(false);
    const many = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
      ...comment(`c_${i}`, i % 2 ? "Góp ý về đất đai." : "Gop y ve dat dai."),
      createdAt: 1_000_000 + i,
    }));
    await writeEntries(ctx.sql, many);
    const result = await engine.search({ ...searchFor("đất đai"), facets: ["kind"] });
    expect(result).toMatchObject({ total: COUNT_CAP, totalIsCapped: true, facets: { kind: { comment: COUNT_CAP + 1 } } });
    // Ranked: the written spelling first.
    expect(result.hits.every((hit) => hit.document.text.startsWith("Góp"))).toBe(true);
    const seen = new Set<string>();
    const ranked: boolean[] = [];
    for (let page = 1; page <= COUNT_CAP / 20; page++) {
      const hits = (await engine.search({ ...searchFor("đất đai"), page })).hits;
      for (const hit of hits) {
        expect(seen.has(hit.id)).toBe(false);
        seen.add(hit.id);
        ranked.push(hit.score >= 0);
      }
    }
    expect(seen.size).toBe(COUNT_CAP);
    expect(RANK_WINDOW).toBeLessThanOrEqual(COUNT_CAP);
    // The first RANK_WINDOW matches read are ranked (a score), the others follow unranked, in the order read.
    expect(ranked.indexOf(false)).toBe(RANK_WINDOW);
    expect(ranked.lastIndexOf(true)).toBe(RANK_WINDOW - 1);
    const listed = await engine.search({ ...searchFor(""), facets: ["kind"] });
    expect(listed).toMatchObject({ total: COUNT_CAP, totalIsCapped: true });
    expect(ids(listed)[0]).toBe(`c_${COUNT_CAP + 4}`);
  });

  it("reads the newest hours first and the rest after: every match once, the filters as tags, the cap filled by the newest", async () => {
    const engine = await ctx.engine(false);
    const newest = Date.UTC(2026, 11, 7, 9, 30);
    const at = (hoursAgo: number, i: number) => newest - hoursAgo * HOUR - i * 1000;
    // Written oldest first, so that the table's order (the GIN scan's) meets the old ones first.
    const docs = [200, 30, 5, 0].flatMap((hoursAgo) =>
      Array.from({ length: 6 }, (_, i) => ({
        ...comment(`c_${hoursAgo}_${i}`, i % 2 ? "Góp ý về đất đai." : "Ý kiến về giao thông."),
        createdAt: at(hoursAgo, i),
        provinceCode: i % 3 ? "01" : "79",
        stance: i < 3 ? ("AGREE" as const) : ("DISAGREE" as const),
      })),
    );
    await writeEntries(ctx.sql, docs);
    const expected = (keep: (doc: SearchDocument) => boolean) =>
      docs
        .filter((doc) => doc.text.includes("đất đai") && keep(doc))
        .map((doc) => doc.id)
        .sort();
    const found = async (filters: Partial<SearchQuery["filters"]>) => {
      const result = await engine.search({
        ...searchFor("dat dai", { filters: { statuses: ["APPROVED"], ...filters } }),
        perPage: 100,
        facets: ["provinceCode"],
      });
      expect(result.total).toBe(result.hits.length);
      return ids(result).sort();
    };
    expect(await found({})).toEqual(expected(() => true));
    expect(await found({ provinceCode: "01" })).toEqual(expected((doc) => doc.provinceCode === "01"));
    expect(await found({ provinceCode: "01", stance: "DISAGREE" })).toEqual(expected((doc) => doc.provinceCode === "01" && doc.stance === "DISAGREE"));
    expect(await found({ statuses: [] })).toEqual([]);

    // Spans placed anywhere (the anchor is the 1,000th newest document, a table this small has none): every
    // match once, including those written after the newest time the search read (or by a clock ahead).
    const planned = async (filters: Partial<SearchQuery["filters"]>, anchor: number, newest: number, hours: readonly number[]) => {
      const plan = planSearch({ statuses: ["APPROVED"], ...filters }, matchPlan(parseQuery("dat dai"), true), [], 0, 100, { anchor, newest, hours });
      const rows = await ctx.sql.all<{ document: string | null }>(plan.hits.sql, plan.hits.params);
      return rows.flatMap((row) => (row.document === null ? [] : [(JSON.parse(row.document) as SearchDocument).id])).sort();
    };
    for (const [anchor, newest] of [
      [0, 0],
      [5, 0],
      [30, 5],
      [30, 0],
      [200, 200],
      [300, 300],
      [300, 0],
    ] as const) {
      // The hours named: those of the anchor and the newest, every hour of the documents, or none (documents
      // in hours the first span does not name, as when written since the anchor was read: the rest reads them).
      for (const hours of [[at(anchor, 0), at(newest, 0)], docs.map((doc) => doc.createdAt), []]) {
        expect(await planned({}, at(anchor, 0), at(newest, 0), hours)).toEqual(expected(() => true));
        expect(await planned({ stance: "DISAGREE" }, at(anchor, 0), at(newest, 0), hours)).toEqual(expected((doc) => doc.stance === "DISAGREE"));
      }
    }
    // A narrowing filter reads spans of days through its day tags, then the days they did not name (ADR 071):
    // with the anchor every 7 hours from a day ahead to 25 days back, each day boundary falls between documents.
    for (let anchor = -24; anchor <= 600; anchor += 7) {
      for (const newest of [Math.min(anchor, 0), anchor - 30]) {
        expect(await planned({ provinceCode: "01" }, at(anchor, 0), at(newest, 0), [])).toEqual(expected((doc) => doc.provinceCode === "01"));
        expect(await planned({ provinceCode: "79", stance: "AGREE" }, at(anchor, 0), at(newest, 0), [])).toEqual(
          expected((doc) => doc.provinceCode === "79" && doc.stance === "AGREE"),
        );
      }
    }

    // The migration gives the entries already there the day tags entryTags gives new ones.
    await ctx.sql.run(
      `UPDATE "SearchEntry" SET "tags" = array_to_tsvector(array(SELECT t FROM unnest(tsvector_to_array("tags")) AS t WHERE t NOT LIKE '%@%'))`,
      [],
    );
    await ctx.sql.run(
      readFileSync(path.resolve(import.meta.dirname, "../../../prisma/postgresql/migrations/20270103090000_search_day_tags/migration.sql"), "utf8"),
      [],
    );
    const stored = await ctx.sql.all<{ id: string; tags: string }>(`SELECT "id", CAST("tags" AS text) AS "tags" FROM "SearchEntry" ORDER BY "id"`, []);
    const sorted = (tags: string) => tags.split(" ").sort().join(" ");
    expect(stored.map((row) => [row.id, sorted(row.tags)])).toEqual(
      [...docs].sort((a, b) => (a.id < b.id ? -1 : 1)).map((doc) => [doc.id, sorted(entryTags(doc))]),
    );

    // More than the cap in the newest hours: the old matches, met first in the table, are not read at all.
    await writeEntries(
      ctx.sql,
      Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({ ...comment(`c_new_${i}`, "Gop y ve dat dai."), createdAt: at(1, i) })),
    );
    const capped = await engine.search({ ...searchFor("dat dai"), facets: ["provinceCode"] });
    // Counted over the newest hours only: the 6 matches of 0 and 5 hours ago (4 in "01"), none older.
    expect(capped).toMatchObject({ total: COUNT_CAP, totalIsCapped: true, facets: { provinceCode: { "01": 4, "79": 2 } } });
    expect(ids(capped).every((id) => id.startsWith("c_new_") || /^c_(0|5)_/.test(id))).toBe(true);
  });

  it("keeps the id and the filter columns in the row: only the document and the vector go to TOAST", async () => {
    await ctx.engine(false);
    const storage = await ctx.sql.all<{ name: string; storage: string }>(
      `SELECT attname AS "name", attstorage AS "storage" FROM pg_attribute WHERE attrelid = CAST('"SearchEntry"' AS regclass) AND attnum > 0 AND NOT attisdropped`,
      [],
    );
    const inline = ["id", "kind", "consultationId", "sectionKey", "stance", "status", "provinceCode", "communeCode", "organizationId", "tags"];
    expect(storage.filter((column) => inline.includes(column.name)).map((column) => column.storage)).toEqual(inline.map(() => "m"));
    // One row whose ids are longer than a TOAST pointer and do not compress (as the app's are): two values in TOAST.
    const long = createHash("sha256").update("inline").digest("hex").slice(0, 36);
    const text = Array.from({ length: 300 }, (_, i) => `Ý kiến ${i} về đất đai và nhà ở ${i * 7919}.`).join(" ");
    await writeEntries(ctx.sql, [
      searchDocument({
        id: `c_${long}`,
        kind: "comment",
        text,
        consultationId: `ct_${long}`,
        sectionKey: `s_${long}`,
        provinceCode: "01",
        communeCode: `x_${long}`,
        organizationId: `o_${long}`,
      }),
    ]);
    const [toast] = await ctx.sql.all<{ name: string }>(
      `SELECT CAST(reltoastrelid AS regclass)::text AS "name" FROM pg_class WHERE oid = CAST('"SearchEntry"' AS regclass)`,
      [],
    );
    const [{ values }] = await ctx.sql.all<{ values: number }>(`SELECT count(DISTINCT chunk_id)::int AS "values" FROM ${toast!.name}`, []);
    expect(values).toBe(2);
    const [row] = await ctx.sql.all<{ consultationId: string }>(`SELECT "consultationId" FROM "SearchEntry" WHERE "id" = ?`, [`c_${long}`]);
    expect(row?.consultationId).toBe(`ct_${long}`);
  });
  it("rewrites a decided comment's entry as a HOT update (no indexed column changes, the same vector); an edited text is analyzed again", async () => {
    const engine = await ctx.engine(false);
    const text = "Đề nghị giữ nguyên chỉ tiêu đường ô tô đến trung tâm xã được cứng hóa.";
    await writeEntries(ctx.sql, [searchDocument({ id: "c_hot", kind: "comment", text, status: "PENDING" }), comment("c_other", "Một ý kiến khác về nhà ở.")]);
    const stored = () =>
      ctx.sql.all<{ status: string; document: string; vector: string }>(
        `SELECT "status", "document", CAST("lexemes" AS text) AS "vector" FROM "SearchEntry" WHERE "id" = 'c_hot'`,
        [],
      );
    const [before] = await stored();
    expect(before!.status).toBe("PENDING");
    expect(ids(await engine.search(searchFor("cứng hóa")))).toEqual([]);

    // The decision: the status and the document change, the words do not, so no indexed column does (ADR 060:
    // what makes a group decision's rewrite HOT, with the room fillfactor leaves). Counted inside one transaction
    // (pg_stat_xact_user_tables: this backend's counts not yet reported, so read before and after): an
    // update, HOT, no insert.
    const counts = await ctx.sql.transaction(async (tx) => {
      const read = async () =>
        (
          await tx.all<{ updated: number; hot: number; inserted: number }>(
            `SELECT n_tup_upd::int AS "updated", n_tup_hot_upd::int AS "hot", n_tup_ins::int AS "inserted" FROM pg_stat_xact_user_tables WHERE relname = 'SearchEntry'`,
            [],
          )
        )[0] ?? { updated: 0, hot: 0, inserted: 0 };
      const start = await read();
      await writeEntries(tx, [searchDocument({ id: "c_hot", kind: "comment", text, status: "APPROVED" })]);
      const end = await read();
      return { updated: end.updated - start.updated, hot: end.hot - start.hot, inserted: end.inserted - start.inserted };
    });
    expect(counts).toEqual({ updated: 1, hot: 1, inserted: 0 });
    const [after] = await stored();
    expect(after!.status).toBe("APPROVED");
    // The status is the column's alone (ADR 063): the stored document leaves it out, the hit has it.
    expect(JSON.parse(after!.document)).toMatchObject({ id: "c_hot", text });
    expect(JSON.parse(after!.document)).not.toHaveProperty("status");
    expect((await engine.search(searchFor("cứng hóa"))).hits[0]!.document.status).toBe("APPROVED");
    expect(after!.vector).toBe(before!.vector);
    expect(ids(await engine.search(searchFor("cứng hóa")))).toEqual(["c_hot"]);

    // An edited text: analyzed again, the old words gone, the new found (and a new document inserted beside it).
    await writeEntries(ctx.sql, [
      searchDocument({ id: "c_hot", kind: "comment", text: "Đề nghị bổ sung chính sách hỗ trợ nông dân vùng lũ." }),
      comment("c_new", "Ý kiến mới về cứng hóa kênh mương."),
    ]);
    expect(ids(await engine.search(searchFor("nông dân")))).toEqual(["c_hot"]);
    expect(ids(await engine.search(searchFor("cứng hóa")))).toEqual(["c_new"]);
    const [{ n }] = await ctx.sql.all<{ n: number }>(`SELECT count(*)::int AS "n" FROM "SearchEntry"`, []);
    expect(n).toBe(3);
  });

  it("rewrites a decided entry HOT when its vector is long enough to be stored compressed or out of line", async () => {
    const engine = await ctx.engine(false);
    // A long opinion: its vector (a few kB) is compressed and moved to TOAST, so a freshly built equal value
    // differs from the stored one byte for byte, and PostgreSQL would count the GIN-indexed column as changed
    // (every word inserted into the index again). The upsert keeps the stored value when it is equal.
    const sentences = [
      "Đề nghị bổ sung chính sách hỗ trợ nông dân vùng lũ và đồng bào dân tộc thiểu số",
      "cần làm rõ trách nhiệm người đứng đầu trong phòng chống tham nhũng lãng phí",
      "phát triển hạ tầng giao thông kết nối các vùng kinh tế trọng điểm phía nam",
      "nâng cao chất lượng giáo dục phổ thông và đào tạo nghề cho thanh niên nông thôn",
      "bảo vệ môi trường sinh thái rừng đầu nguồn và nguồn nước sông Mê Kông",
    ];
    const text = Array.from({ length: 40 }, (_, i) => `${sentences[i % sentences.length]} lần thứ ${i + 1}.`).join(" ");
    await writeEntries(ctx.sql, [searchDocument({ id: "c_long", kind: "comment", text, status: "PENDING" })]);
    const counts = await ctx.sql.transaction(async (tx) => {
      const read = async () =>
        (
          await tx.all<{ updated: number; hot: number }>(
            `SELECT n_tup_upd::int AS "updated", n_tup_hot_upd::int AS "hot" FROM pg_stat_xact_user_tables WHERE relname = 'SearchEntry'`,
            [],
          )
        )[0] ?? { updated: 0, hot: 0 };
      const start = await read();
      await writeEntries(tx, [searchDocument({ id: "c_long", kind: "comment", text, status: "APPROVED" })]);
      const end = await read();
      return { updated: end.updated - start.updated, hot: end.hot - start.hot };
    });
    expect(counts).toEqual({ updated: 1, hot: 1 });
    expect(ids(await engine.search(searchFor("lũ")))).toContain("c_long");
  });

  it("leaves a fifth of each page of SearchEntry free (fillfactor 80), the room a HOT rewrite needs", async () => {
    const [row] = await ctx.sql.all<{ options: string[] | null }>(
      `SELECT reloptions AS "options" FROM pg_class WHERE oid = CAST('"SearchEntry"' AS regclass)`,
      [],
    );
    expect(row!.options).toContain("fillfactor=80");
  });
});
