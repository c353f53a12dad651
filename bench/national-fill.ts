// The fill of bench:national in several processes (BENCH_NATIONAL_FILL_PROCESSES, default the machine's
// cores): each a child process running bench/national-data.ts `fill` over a disjoint share of the rows
// (the batches k with k % processes === part), through the app's own bulk paths. Around the fill, as
// bench:moderation and bench:reports load: the secondary indexes of "Comment" and "SearchEntry" set aside
// (their definitions read from pg_indexes, dropped) and made again from those definitions afterwards,
// two at a time; the foreign keys not checked by a trigger per row (session_replication_role = replica in
// each fill transaction) but once at the end, every foreign key of the filled tables with one query.
// Run as a script, this file is one fill process: it gets its share by IPC and reports each batch.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { appDatabaseUrl } from "./support.js";
import { contextOf, fill, fillCounts, fillSteps, sharedOf, type Context, type SharedContext } from "./national-data.ts";

export const FILL_PROCESSES = Number(process.env.BENCH_NATIONAL_FILL_PROCESSES ?? cpus().length);
/** The tables whose secondary indexes are set aside during a fill (their primary keys stay: the fill's upserts and updates use them). */
export const FILLED_TABLES = ["Comment", "SearchEntry"] as const;

interface Job {
  url: string;
  shared: SharedContext;
  from: number;
  to: number;
  batch: number;
  part: number;
  parts: number;
}

type Report =
  | { kind: "batch"; rows: number }
  | { kind: "done"; steps: typeof fillSteps; counts: typeof fillCounts; cpuMs: number; databaseCpuMs: number | null; connection: string }
  | { kind: "error"; message: string };

export interface FillResult {
  /** Milliseconds of each step, summed over the processes. */
  steps: Record<string, number>;
  transactions: number;
  statements: number;
  retries: number;
  /** CPU time of the fill processes (user + system), ms. */
  cpuMs: number;
  /** CPU time of their PostgreSQL backends (user + system, from /proc), ms; null when the server is not on this machine. */
  databaseCpuMs: number | null;
  /** How the fill processes reach the database ("unix socket" on this machine, as the app does, or "tcp"). */
  connection: string;
}

/**
 * Rows [from, to) in `processes` child processes, `batch` rows a transaction, foreign keys checked by
 * the caller afterwards. `onRows` hears the rows committed so far (all processes).
 */
export async function fillInProcesses(
  url: string,
  ctx: Context,
  from: number,
  to: number,
  { batch, processes, onRows }: { batch: number; processes: number; onRows?: (done: number) => void },
): Promise<FillResult> {
  const shared = sharedOf(ctx);
  const script = fileURLToPath(import.meta.url);
  let done = 0;
  const results = await Promise.all(
    Array.from(
      { length: processes },
      (_, part) =>
        new Promise<Extract<Report, { kind: "done" }>>((resolve, reject) => {
          const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
          let result: Extract<Report, { kind: "done" }> | null = null;
          let failure: string | null = null;
          child.on("message", (report: Report) => {
            if (report.kind === "batch") onRows?.((done += report.rows));
            else if (report.kind === "done") result = report;
            else failure = report.message;
          });
          child.on("error", reject);
          child.on("exit", (code) =>
            result && code === 0 ? resolve(result) : reject(new Error(`tiến trình ghi ${part} dừng (mã ${code}): ${failure ?? "không rõ lỗi"}`)),
          );
          child.send({ url, shared, from, to, batch, part, parts: processes } satisfies Job);
        }),
    ),
  );
  const steps: Record<string, number> = {};
  for (const r of results) for (const [name, ms] of Object.entries(r.steps)) steps[name] = (steps[name] ?? 0) + ms;
  const sum = (key: keyof typeof fillCounts) => results.reduce((n, r) => n + r.counts[key], 0);
  return {
    steps,
    transactions: sum("transactions"),
    statements: sum("statements"),
    retries: sum("retries"),
    cpuMs: results.reduce((n, r) => n + r.cpuMs, 0),
    databaseCpuMs: results.every((r) => r.databaseCpuMs !== null) ? results.reduce((n, r) => n + r.databaseCpuMs!, 0) : null,
    connection: results[0]!.connection,
  };
}

/** The secondary indexes of `tables` (not the primary keys), as pg_indexes defines them: dropped; the definitions come back. */
export async function setAsideIndexes(sql: SqlDriver, tables: readonly string[] = FILLED_TABLES): Promise<string[]> {
  const indexes = await sql.all<{ name: string; definition: string }>(
    `SELECT i.indexname AS "name", i.indexdef AS "definition" FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY(CAST(? AS text[]))
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.contype IN ('p', 'u', 'x'))
     ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  for (const index of indexes) await sql.run(`DROP INDEX "${index.name}"`, []);
  return indexes.map((index) => index.definition);
}

/** Makes the indexes again from their definitions, on two connections (the two cores), one index each at a time. */
export async function restoreIndexes(url: string, definitions: readonly string[], connections = 2): Promise<void> {
  // The GIN index of the search vectors first: the longest one, so the other connection does the rest meanwhile.
  const queue = [...definitions].sort((a, b) => Number(/USING gin/i.test(b)) - Number(/USING gin/i.test(a)));
  await Promise.all(
    Array.from({ length: Math.min(connections, queue.length) }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET maintenance_work_mem = '256MB'`);
        await client.query(`SET max_parallel_maintenance_workers = 0`);
        for (let definition = queue.shift(); definition; definition = queue.shift()) await client.query(definition);
      } finally {
        await client.end();
      }
    }),
  );
}

/**
 * Every foreign key of `tables` checked over all their rows, as the trigger would have checked each row:
 * for each constraint (pg_constraint, its columns in order), the rows whose key is set and names no
 * row of the referenced table. Resolves with the count of such rows per constraint (all 0 when sound).
 */
export async function checkForeignKeys(sql: SqlDriver, tables: readonly string[] = [...FILLED_TABLES, "DuplicateGroup"]): Promise<Record<string, number>> {
  const keys = await sql.all<{ name: string; child: string; parent: string; columns: string[]; referenced: string[] }>(
    `SELECT k.conname AS "name", c.relname AS "child", p.relname AS "parent",
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS "columns",
       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS "referenced"
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND c.relname = ANY(CAST(? AS text[])) ORDER BY k.conname`,
    [tables],
  );
  const missing: Record<string, number> = {};
  for (const key of keys) {
    const set = key.columns.map((column) => `c."${column}" IS NOT NULL`).join(" AND ");
    const match = key.columns.map((column, k) => `p."${key.referenced[k]}" = c."${column}"`).join(" AND ");
    const [{ n }] = await sql.all<{ n: string }>(
      `SELECT COUNT(*) AS "n" FROM "${key.child}" c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM "${key.parent}" p WHERE ${match})`,
      [],
    );
    missing[key.name] = Number(n);
  }
  return missing;
}

/** CPU time (ms) of this database's backends named `application`, read from /proc: null when they are not on this machine. */
async function backendsCpuMs(sql: SqlDriver, application: string): Promise<number | null> {
  const backends = await sql.all<{ pid: number }>(`SELECT "pid" FROM pg_stat_activity WHERE "application_name" = ? AND "datname" = current_database()`, [
    application,
  ]);
  try {
    let ticks = 0;
    for (const { pid } of backends) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    }
    return backends.length ? ticks * 10 : null; // USER_HZ = 100
  } catch {
    return null;
  }
}

/** One fill process: its share of the rows, each batch reported to the parent. */
async function fillProcess(job: Job): Promise<void> {
  // The Unix socket when the server is on this machine (as the app reaches it: bench/support.js), named so its backends' CPU can be read.
  const application = `gopy-fill-${job.part}`;
  const { url, connection } = appDatabaseUrl(job.url);
  const sql = createSqlDriver(resolveDatabaseTarget(`${url}${url.includes("?") ? "&" : "?"}application_name=${application}`));
  const cpu = process.cpuUsage();
  try {
    await fill(sql, contextOf(job.shared), job.from, job.to, {
      batch: job.batch,
      part: job.part,
      parts: job.parts,
      replica: true,
      onBatch: (rows) => process.send!({ kind: "batch", rows } satisfies Report),
    });
    const used = process.cpuUsage(cpu);
    const databaseCpuMs = await backendsCpuMs(sql, application);
    await new Promise((sent) =>
      process.send!(
        { kind: "done", steps: fillSteps, counts: fillCounts, cpuMs: (used.user + used.system) / 1000, databaseCpuMs, connection } satisfies Report,
        sent,
      ),
    );
  } finally {
    await sql.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.once("message", (job: Job) => {
    fillProcess(job).then(
      () => process.disconnect?.(),
      (error: unknown) => {
        process.send!({ kind: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Report, () =>
          process.exit(1),
        );
      },
    );
  });
}
