// bench:search-postgres — the PostgreSQL search engine (SEARCH_ENGINE=postgres, ADR 051) on the same
// 200,000 comments, blocks and query mix as bench:search (the embedded engine): the build of the
// "SearchEntry" table, the cost of writing one document (what each change adds to its transaction), query
// latency with filters, the table's size on disk and this process's memory (nothing of the index is held
// in it). Last line: one JSON object. BENCH_COMMENTS and BENCH_QUERIES override the sizes.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SearchDocument } from "@search/engine.ts";
import { createPostgresSearchEngine, writeEntries } from "@search/postgres/engine.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { benchData, benchQueries, type QueryKind } from "./search-data.ts";
import { createDatabase } from "./support.js";

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const WARM_UP = 50;
const WRITES = 200;
const MB = 1024 * 1024;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-search-pg-"));
  const { url, drop } = await createDatabase("postgresql", dir);
  const sql = createSqlDriver(resolveDatabaseTarget(url));
  try {
    const engine = createPostgresSearchEngine({ sql });
    const rssBefore = process.memoryUsage().rss;
    const data = benchData(2026);
    let count = 0;
    let build = performance.now();
    await engine.rebuild(
      (async function* () {
        yield data.blocks;
        count += data.blocks.length;
        let pending: SearchDocument[] = [];
        for (const batch of data.comments(COMMENTS)) {
          pending.push(...batch);
          if (pending.length >= 2_000) {
            count += pending.length;
            yield pending;
            pending = [];
          }
        }
        count += pending.length;
        if (pending.length) yield pending;
      })(),
    );
    build = performance.now() - build;
    await sql.run(`VACUUM ANALYZE "SearchEntry"`, []);
    const [size] = await sql.all<{ total: string; table: string }>(
      `SELECT pg_total_relation_size('"SearchEntry"') AS "total", pg_relation_size('"SearchEntry"') AS "table"`,
      [],
    );
    console.log(
      `postgres build: ${(build / 1000).toFixed(1)} s for ${count.toLocaleString("en")} documents; table ${(Number(size.table) / MB).toFixed(0)} MB, with indexes ${(Number(size.total) / MB).toFixed(0)} MB`,
    );

    // One document written at a time, as a change's transaction writes it.
    const sample = [...data.comments(WRITES)].flat().slice(0, WRITES);
    const writes: number[] = [];
    for (const doc of sample) {
      const started = performance.now();
      await writeEntries(sql, [{ ...doc, id: `${doc.id}_w` }]);
      writes.push(performance.now() - started);
    }

    const queries = benchQueries(data, QUERIES + WARM_UP, 7);
    const times: Record<QueryKind | "all", number[]> = { folded: [], accented: [], phrase: [], typo: [], prefix: [], all: [] };
    let found = 0;
    for (const [i, item] of queries.entries()) {
      const started = performance.now();
      const result = await engine.search(item.query);
      const took = performance.now() - started;
      if (i < WARM_UP) continue;
      if (result.total > 0) found++;
      times[item.kind].push(took);
      times.all.push(took);
    }
    const rss = process.memoryUsage().rss;
    console.log("query kind   count   p50 ms   p95 ms");
    for (const kind of ["folded", "accented", "phrase", "typo", "prefix", "all"] as const) {
      const list = times[kind];
      if (list.length)
        console.log(
          `${kind.padEnd(10)} ${String(list.length).padStart(7)} ${percentile(list, 50).toFixed(2).padStart(8)} ${percentile(list, 95).toFixed(2).padStart(8)}`,
        );
    }
    console.log(
      `${found}/${QUERIES} queries found something; one document written: p50 ${percentile(writes, 50).toFixed(2)} ms, p95 ${percentile(writes, 95).toFixed(2)} ms; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(
      JSON.stringify({
        bench: "search-postgres",
        documents: count,
        build_s: round(build / 1000, 1),
        table_mb: round(Number(size.table) / MB, 0),
        table_with_indexes_mb: round(Number(size.total) / MB, 0),
        write_p50_ms: round(percentile(writes, 50), 2),
        write_p95_ms: round(percentile(writes, 95), 2),
        queries: times.all.length,
        p50_ms: round(percentile(times.all, 50), 2),
        p95_ms: round(percentile(times.all, 95), 2),
        rss_mb: round(rss / MB, 0),
        rss_growth_mb: round((rss - rssBefore) / MB, 0),
        load_average: round(os.loadavg()[0], 1),
      }),
    );
  } finally {
    await sql.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
