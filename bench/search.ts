// bench:search — the embedded search engine on 200,000 comments plus the demo drafts' blocks:
// index build time, memory held by the index, query latency for a realistic filtered query mix;
// and, as the reference in the same run, the same queries as a plain LIKE '%…%' scan over the same
// rows in SQLite (better-sqlite3). Last line: one JSON object. BENCH_COMMENTS and BENCH_QUERIES
// override the sizes.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Database from "better-sqlite3";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import type { SearchDocument } from "@search/engine.ts";
import { foldVietnamese } from "~/text/fold.ts";
import { benchData, benchQueries, type BenchQuery, type QueryKind } from "./search-data.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const WARM_UP = 50;
const MB = 1024 * 1024;

function memory() {
  for (let i = 0; i < 3; i++) gc();
  const usage = process.memoryUsage();
  // `external` includes the ArrayBuffers (typed arrays) and Buffers.
  return { heap: usage.heapUsed, external: usage.external, rss: usage.rss };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main() {
  const before = memory();
  const data = benchData(2026);
  let generated = performance.now();
  const docs: SearchDocument[] = [...data.blocks];
  for (const batch of data.comments(COMMENTS)) docs.push(...batch);
  generated = performance.now() - generated;
  console.log(`generated ${docs.length.toLocaleString("en")} documents (${data.blocks.length} blocks) in ${(generated / 1000).toFixed(1)} s`);

  // The reference table first, so that its memory is not counted as the index's.
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-search-"));
  const db = new Database(path.join(dir, "like.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("case_sensitive_like = ON"); // both columns are already lower case
  db.exec(`CREATE TABLE doc (id TEXT PRIMARY KEY, kind TEXT, consultation TEXT, stance TEXT, status TEXT, province TEXT,
    created REAL, text TEXT, lower_text TEXT, folded TEXT)`);
  const insert = db.prepare("INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (const d of docs) {
      const lower = d.text.normalize("NFC").toLowerCase();
      insert.run(d.id, d.kind, d.consultationId, d.stance, d.status, d.provinceCode, d.createdAt, d.text, lower, foldVietnamese(lower));
    }
  })();
  db.exec("CREATE INDEX doc_created ON doc (created)");

  const engine = createEmbeddedSearchEngine();
  const withDocs = memory();
  let build = performance.now();
  await engine.rebuild(
    (async function* () {
      for (let i = 0; i < docs.length; i += 10_000) yield docs.slice(i, i + 10_000);
    })(),
  );
  build = performance.now() - build;
  const stats = engine.stats();
  docs.length = 0;
  const after = memory();
  const heapMb = (after.heap - before.heap) / MB;
  const externalMb = (after.external - before.external) / MB;
  const rssMb = (after.rss - before.rss) / MB;
  console.log(
    `embedded build: ${(build / 1000).toFixed(1)} s for ${stats.documents.toLocaleString("en")} documents, ${stats.terms.toLocaleString("en")} terms`,
  );
  console.log(
    `memory held by the index: heap ${heapMb.toFixed(0)} MB + typed arrays ${externalMb.toFixed(0)} MB ` +
      `(of which postings/columns/text ${(stats.typedBytes / MB).toFixed(0)} MB, UTF-8 text ${(stats.textBytes / MB).toFixed(0)} MB); ` +
      `RSS +${rssMb.toFixed(0)} MB (with the generated documents: heap was ${((withDocs.heap - before.heap) / MB).toFixed(0)} MB)`,
  );

  const queries = benchQueries(data, QUERIES + WARM_UP, 7);
  const embedded: Record<QueryKind | "all", number[]> = { folded: [], accented: [], phrase: [], typo: [], prefix: [], all: [] };
  let found = 0;
  for (const [i, item] of queries.entries()) {
    const started = performance.now();
    const result = await engine.search(item.query);
    const took = performance.now() - started;
    if (i < WARM_UP) continue;
    if (result.total > 0) found++;
    embedded[item.kind].push(took);
    embedded.all.push(took);
  }

  const like: number[] = [];
  const statements = new Map<string, Database.Statement>();
  for (const [i, item] of queries.entries()) {
    const { sql, params } = likeQuery(item);
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    const started = performance.now();
    statement.all(...params);
    if (i >= WARM_UP) like.push(performance.now() - started);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const figures = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
  console.log("query kind   count   p50 ms   p95 ms");
  for (const kind of ["folded", "accented", "phrase", "typo", "prefix", "all"] as const) {
    const f = figures(embedded[kind]);
    console.log(`${kind.padEnd(10)} ${String(embedded[kind].length).padStart(7)} ${f.p50.toFixed(2).padStart(8)} ${f.p95.toFixed(2).padStart(8)}`);
  }
  const e = figures(embedded.all);
  const l = figures(like);
  console.log(`SQLite LIKE reference: p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms; ${found}/${QUERIES} embedded queries found something`);
  console.log(
    JSON.stringify({
      bench: "search",
      documents: stats.documents,
      build_s: round(build / 1000, 1),
      index_heap_mb: round(heapMb, 0),
      index_typed_arrays_mb: round(externalMb, 0),
      rss_mb: round(rssMb, 0),
      queries: embedded.all.length,
      p50_ms: round(e.p50, 2),
      p95_ms: round(e.p95, 2),
      like_p50_ms: round(l.p50, 1),
      like_p95_ms: round(l.p95, 1),
      ratio_p50: round(e.p50 / l.p50, 3),
      ratio_p95: round(e.p95 / l.p95, 3),
    }),
  );
}

/** The reference: the same filters as WHERE clauses, the words as LIKE '%…%', a page of 20 and the total. */
function likeQuery(item: BenchQuery): { sql: string; params: unknown[] } {
  const where = ["(kind = 'block' OR status = 'APPROVED')"];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const { filters } = item.query;
  if (filters.consultationId) add("consultation = ?", filters.consultationId);
  if (filters.stance) add("stance = ?", filters.stance);
  if (filters.provinceCode) add("province = ?", filters.provinceCode);
  for (const pattern of item.like.patterns) add(`${item.like.column} LIKE ?`, pattern);
  return { sql: `SELECT id, COUNT(*) OVER () AS total FROM doc WHERE ${where.join(" AND ")} ORDER BY created DESC LIMIT 20`, params };
}

await main();
