import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { configuredDatabase } from "~/platform/config.server.ts";
import type { DatabaseTarget } from "~/platform/database-url.ts";
import { getSql, type SqlDriver } from "~/platform/sql.server.ts";
import { singleton } from "~/platform/singleton.server.ts";

// The queries of reports and exports read hundreds of thousands of rows. On PostgreSQL they run on the
// pool and the event loop is free meanwhile. The SQLite driver is synchronous: an aggregate over
// 200,000 opinions would hold the whole server (citizens' pages and comments included) for a second
// or more. So on SQLite, report queries run in worker threads, each with its own read-only connection
// (WAL lets them read while the app writes); the web server keeps answering. ADR 017.

/** What the reports need of a driver: read queries (and, on PostgreSQL, a transaction for `aggregate`). */
export type ReportSql = Pick<SqlDriver, "provider" | "all"> & Partial<Pick<SqlDriver, "transaction">>;

/**
 * An aggregate over a consultation's opinions. On PostgreSQL it runs without JIT compilation, set for
 * its own transaction: the statistics' passes are index-only scans whose estimated cost grows with the
 * opinions counted and crosses `jit_above_cost` (100,000) between about 550,000 (the day pass before
 * its statistics) and 1,100,000 of them (a consultation of a 2,500,000-opinion run has 1,290,000
 * approved). Compiling then adds 20–35 ms of CPU to a pass (measured on 1,290,000 rows) without making
 * it faster (forced at 515,000: +10–40 ms a pass), and above `jit_optimize_above_cost` (500,000)
 * optimization and inlining would add more. ADR 018.
 */
export function aggregate<T>(sql: ReportSql, text: string, params: unknown[]): Promise<T[]> {
  if (sql.provider !== "postgresql" || !sql.transaction) return sql.all<T>(text, params);
  return sql.transaction(async (tx) => {
    await tx.run("SET LOCAL jit = off", []);
    return tx.all<T>(text, params);
  });
}

// CommonJS, evaluated in the worker: one connection, statements prepared once, one query at a time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true, timeout: 5000 });
const statements = new Map();
parentPort.on("message", ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: error && error.message ? error.message : String(error) });
  }
});
`;

/** Values as the app's SQLite driver writes them: dates as ISO text with "+00:00", booleans as 0/1. */
function toSqlite(params: unknown[]): unknown[] {
  return params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : typeof p === "boolean" ? (p ? 1 : 0) : p));
}

/** Worker threads for report queries: two, so that the passes of one page run side by side on two cores. */
export const REPORT_WORKERS = 2;

export function createWorkerSql(target: Extract<DatabaseTarget, { provider: "sqlite" }>, size = REPORT_WORKERS): ReportSql & { close(): Promise<void> } {
  interface Slot {
    worker: Worker | null;
    pending: Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>;
  }
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, pending: new Map() }));
  let nextId = 0;
  const start = (slot: Slot) => {
    const failAll = (error: Error) => {
      for (const { reject } of slot.pending.values()) reject(error);
      slot.pending.clear();
      slot.worker = null;
    };
    const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename: target.filename, driverPath } });
    started.unref();
    started.on("message", (message: { id: number; rows?: unknown[]; error?: string }) => {
      const waiting = slot.pending.get(message.id);
      if (!waiting) return;
      slot.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.rows ?? []);
    });
    started.on("error", (error: unknown) => failAll(error instanceof Error ? error : new Error(String(error))));
    started.on("exit", (code) => {
      if (slot.worker === started) failAll(new Error(`Report query worker stopped (code ${code})`));
    });
    return started;
  };
  return {
    provider: "sqlite",
    all<T>(sql: string, params: unknown[]): Promise<T[]> {
      // The least busy worker (each runs one query at a time, in order).
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      slot.worker ??= start(slot);
      const id = nextId++;
      return new Promise<T[]>((resolve, reject) => {
        slot.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        slot.worker!.postMessage({ id, sql, params: toSqlite(params) });
      });
    },
    async close() {
      await Promise.all(
        slots.map(async (slot) => {
          const running = slot.worker;
          slot.worker = null;
          await running?.terminate();
        }),
      );
    },
  };
}

/** The process's report queries: the pool on PostgreSQL, a worker thread on SQLite. */
export function reportSql(): ReportSql {
  return singleton("reportSql", () => {
    const target = configuredDatabase();
    return target.provider === "sqlite" && target.filename !== ":memory:" ? createWorkerSql(target) : getSql();
  });
}
