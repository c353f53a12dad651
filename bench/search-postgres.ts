// bench:search-postgres — the two engines an operator chooses between at scale, in one run, on the same
// 200,000 comments, blocks and query mix as bench:search: the PostgreSQL engine (SEARCH_ENGINE=postgres,
// ADR 051) and the embedded one (ADR 013). For each: the build, query latency with filters (the search
// page's five facets), the process's memory; for PostgreSQL also the cost of writing one document inside
// a transaction (what each change adds to its own), the table and index size per document, and the same
// queries again with typo tolerance off. Last line: one JSON object. BENCH_COMMENTS and BENCH_QUERIES
// override the sizes.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import type { Facet, SearchDocument, SearchEngine } from "@search/engine.ts";
import { createPostgresSearchEngine, writeEntries } from "@search/postgres/engine.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { benchData, benchQueries, type BenchData, type BenchQuery, type QueryKind } from "./search-data.ts";
import { createDatabase } from "./support.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const WARM_UP = 50;
const WRITES = 200;
const MB = 1024 * 1024;
/** The facets the search page asks for (app/search/query.ts), not bench:search's two. */
const PAGE_FACETS: Facet[] = ["kind", "consultationId", "stance", "provinceCode", "organizationId"];
const KINDS = ["folded", "accented", "phrase", "typo", "prefix", "all"] as const;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const rssMb = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss / MB;
};

/** Every document, in batches of 2,000 (generated as they are read: the process never holds them all). */
async function* batches(data: BenchData, count: { n: number }) {
  yield data.blocks;
  count.n += data.blocks.length;
  let pending: SearchDocument[] = [];
  for (const batch of data.comments(COMMENTS)) {
    pending.push(...batch);
    if (pending.length >= 2_000) {
      count.n += pending.length;
      yield pending;
      pending = [];
    }
  }
  count.n += pending.length;
  if (pending.length) yield pending;
}

async function timeQueries(engine: SearchEngine, queries: BenchQuery[]) {
  const times: Record<QueryKind | "all", number[]> = { folded: [], accented: [], phrase: [], typo: [], prefix: [], all: [] };
  let found = 0;
  for (const [i, item] of queries.entries()) {
    const started = performance.now();
    const result = await engine.search({ ...item.query, facets: PAGE_FACETS });
    const took = performance.now() - started;
    if (i < WARM_UP) continue;
    if (result.total > 0) found++;
    times[item.kind].push(took);
    times.all.push(took);
  }
  return { times, found };
}

function printTimes(label: string, { times, found }: Awaited<ReturnType<typeof timeQueries>>) {
  console.log(`${label}: ${found}/${times.all.length} queries found something`);
  console.log("query kind   count   p50 ms   p95 ms   p99 ms");
  for (const kind of KINDS) {
    const list = times[kind];
    if (list.length)
      console.log(
        `${kind.padEnd(10)} ${String(list.length).padStart(7)} ${percentile(list, 50).toFixed(2).padStart(8)} ${percentile(list, 95).toFixed(2).padStart(8)} ${percentile(list, 99).toFixed(2).padStart(8)}`,
      );
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-search-pg-"));
  const { url, drop } = await createDatabase("postgresql", dir);
  const sql = createSqlDriver(resolveDatabaseTarget(url));
  const loads: number[] = [os.loadavg()[0]];
  try {
    const rssStart = rssMb();
    const data = benchData(2026);
    const queries = benchQueries(data, QUERIES + WARM_UP, 7);

    // PostgreSQL: the table built, then vacuumed and analysed as autovacuum would.
    const engine = createPostgresSearchEngine({ sql, log: (message) => console.log(message) });
    const count = { n: 0 };
    let build = performance.now();
    await engine.rebuild(batches(data, count));
    build = performance.now() - build;
    await sql.run(`VACUUM ANALYZE "SearchEntry"`, []);
    await sql.run(`VACUUM ANALYZE "SearchTerm"`, []);
    const [size] = await sql.all<{ total: string; table: string; terms: string; vocabulary: string }>(
      `SELECT pg_total_relation_size('"SearchEntry"') AS "total", pg_relation_size('"SearchEntry"') AS "table",
         pg_total_relation_size('"SearchTerm"') AS "terms", (SELECT count(*) FROM "SearchTerm") AS "vocabulary"`,
      [],
    );
    const bytes = Number(size.total) + Number(size.terms);
    console.log(
      `postgres build: ${(build / 1000).toFixed(1)} s for ${count.n.toLocaleString("en")} documents; table ${(Number(size.table) / MB).toFixed(0)} MB, with indexes ${(Number(size.total) / MB).toFixed(0)} MB, vocabulary ${Number(size.vocabulary).toLocaleString("en")} words ${(Number(size.terms) / MB).toFixed(1)} MB: ${Math.round(bytes / count.n)} bytes a document`,
    );

    // One document written in a transaction of its own, as a change's transaction writes it (the entry and its words).
    const sample = [...data.comments(WRITES)].flat().slice(0, WRITES);
    const writes: number[] = [];
    for (const doc of sample) {
      const started = performance.now();
      await sql.transaction((tx) => writeEntries(tx, [{ ...doc, id: `${doc.id}_w` }]));
      writes.push(performance.now() - started);
    }
    console.log(`postgres: one document written in its transaction: p50 ${percentile(writes, 50).toFixed(2)} ms, p95 ${percentile(writes, 95).toFixed(2)} ms`);

    const postgres = await timeQueries(engine, queries);
    printTimes("postgres (typo tolerance on)", postgres);
    const plain = await timeQueries(createPostgresSearchEngine({ sql, typos: false, log: () => undefined }), queries);
    printTimes("postgres (typo tolerance off)", plain);
    const rssPostgres = rssMb();
    loads.push(os.loadavg()[0]);

    // Embedded: the index this process would hold, from the same documents.
    const embedded = createEmbeddedSearchEngine();
    const embeddedCount = { n: 0 };
    let embeddedBuild = performance.now();
    await embedded.rebuild(batches(data, embeddedCount));
    embeddedBuild = performance.now() - embeddedBuild;
    const rssEmbedded = rssMb();
    console.log(`embedded build: ${(embeddedBuild / 1000).toFixed(1)} s for ${embeddedCount.n.toLocaleString("en")} documents`);
    const inMemory = await timeQueries(embedded, queries);
    printTimes("embedded", inMemory);
    loads.push(os.loadavg()[0]);
    const load = Math.max(...loads);
    console.log(
      `process RSS: ${rssStart.toFixed(0)} MB at start, ${rssPostgres.toFixed(0)} MB after the PostgreSQL runs, ${rssEmbedded.toFixed(0)} MB with the embedded index; load average (1 min) ${loads.map((l) => l.toFixed(1)).join(", ")}`,
    );
    console.log(
      JSON.stringify({
        bench: "search-postgres",
        documents: count.n,
        queries: postgres.times.all.length,
        postgres_build_s: round(build / 1000, 1),
        postgres_p50_ms: round(percentile(postgres.times.all, 50), 2),
        postgres_p95_ms: round(percentile(postgres.times.all, 95), 2),
        postgres_no_typos_p95_ms: round(percentile(plain.times.all, 95), 2),
        postgres_write_p50_ms: round(percentile(writes, 50), 2),
        postgres_write_p95_ms: round(percentile(writes, 95), 2),
        postgres_bytes_per_document: Math.round(bytes / count.n),
        postgres_table_with_indexes_mb: round(Number(size.total) / MB, 0),
        postgres_rss_mb: round(rssPostgres, 0),
        embedded_build_s: round(embeddedBuild / 1000, 1),
        embedded_p50_ms: round(percentile(inMemory.times.all, 50), 2),
        embedded_p95_ms: round(percentile(inMemory.times.all, 95), 2),
        embedded_rss_mb: round(rssEmbedded, 0),
        load_average: round(load, 1),
      }),
    );
  } finally {
    await sql.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
