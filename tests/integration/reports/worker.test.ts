import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, tuneDb, type Db } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { reportQuery } from "~/reports/query.server.ts";
import { createWorkerSql } from "~/reports/report-sql.server.ts";
import { loadStatistics } from "~/reports/statistics.server.ts";
import { createStaffUser, seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { createDatabaseFromTemplate } from "../../support/databases.ts";

// On SQLite the report queries run in a worker thread with its own read-only connection: the same
// numbers as on the main thread, dates passed the way the app's driver passes them, errors reported,
// and the event loop free while a query runs.
describe("report queries in a worker thread (SQLite)", () => {
  let db: Db;
  let sql: SqlDriver;
  let worker: ReturnType<typeof createWorkerSql>;
  let f: Fixture;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("sqlite");
    drop = created.drop;
    const target = resolveDatabaseTarget(created.url);
    db = createDb(target);
    await tuneDb(db, target);
    sql = createSqlDriver(target);
    f = await seedReportFixture(db);
    if (target.provider !== "sqlite") throw new Error("SQLite expected");
    worker = createWorkerSql(target);
  });
  afterAll(async () => {
    await worker?.close();
    await sql?.close();
    await db?.$disconnect();
    await drop?.();
  });

  it("counts what the main-thread driver counts, with date filters", async () => {
    const admin = await createStaffUser(db, "ADMIN", null);
    for (const filters of [
      { status: "approved" as const },
      { status: "approved" as const, from: "2026-11-21", to: "2026-11-23" },
      { status: "approved-pending" as const, province: "01" },
    ]) {
      const query = await reportQuery(db, admin, f.consultationId, filters);
      const [inWorker, onMain] = await Promise.all([loadStatistics(db, worker, query, f.versionId), loadStatistics(db, sql, query, f.versionId)]);
      expect(inWorker).toEqual(onMain);
    }
  });

  it("reports a failed query and keeps working", async () => {
    await expect(worker.all("SELECT * FROM nothing_here", [])).rejects.toThrow(/no such table/);
    expect(await worker.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "Comment" WHERE "createdAt" < ?`, [new Date("2026-11-21T00:00:00Z")])).toEqual([
      { n: 2 },
    ]);
  });

  it("leaves the event loop free while a long query runs", async () => {
    const slow = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT COUNT(*) AS n FROM n`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    await worker.all(slow, []);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });
});
