import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, groupCommitCounts, transactGrouped, type SqlDriver } from "~/platform/sql.server.ts";
import { createDatabaseFromTemplate } from "../../support/databases.ts";

// Two app workers on one SQLite file take turns at its write lock. While one holds it, the other's
// statements wait with timers, and that process keeps serving: SQLite's own busy wait would stop it.
describe("SQLite driver while another connection holds the write lock", () => {
  let drop: () => Promise<void>;
  let sql: SqlDriver;
  let other: Database.Database;
  const INSERT = `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`;
  const count = async () => (await sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "Setting" WHERE "key" LIKE 'khoa-%'`, []))[0]!.n;

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("sqlite");
    drop = created.drop;
    const target = resolveDatabaseTarget(created.url);
    if (target.provider !== "sqlite") throw new Error("expected a SQLite database");
    sql = createSqlDriver(target);
    other = new Database(target.filename);
  });
  afterAll(async () => {
    other?.close();
    await sql?.close();
    await drop?.();
  });

  /** Holds the lock for `ms` (in another connection, as the other worker would); counts timer ticks meanwhile. */
  async function whileLocked<T>(ms: number, write: () => Promise<T>) {
    other.exec("BEGIN IMMEDIATE");
    let settled = false;
    const pending = write().finally(() => (settled = true));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    await new Promise((resolve) => setTimeout(resolve, ms));
    const settledWhileLocked = settled;
    other.exec("COMMIT");
    const value = await pending;
    clearInterval(ticker);
    return { value, settledWhileLocked, ticks };
  }

  it("a single statement waits for the lock without stopping the process, then is stored once", async () => {
    const { value, settledWhileLocked, ticks } = await whileLocked(150, () => sql.run(INSERT, ["khoa-1", "một", new Date()]));
    expect(settledWhileLocked).toBe(false);
    expect(ticks).toBeGreaterThan(5); // timers ran while the statement waited
    expect(value).toBe(1);
    expect(await count()).toBe(1);
  });

  it("a transaction of steps and a transaction with reads between writes wait the same way", async () => {
    const steps = await whileLocked(100, () => sql.transact([{ sql: INSERT, params: ["khoa-2", "hai", new Date()] }]));
    expect(steps).toMatchObject({ value: true, settledWhileLocked: false });
    const body = await whileLocked(100, () =>
      sql.transaction(async (tx) => {
        await tx.run(INSERT, ["khoa-3", "ba", new Date()]);
        return (await tx.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "Setting" WHERE "key" LIKE 'khoa-%'`, []))[0]!.n;
      }),
    );
    expect(body).toMatchObject({ value: 3, settledWhileLocked: false });
    expect(await count()).toBe(3);
  });

  it("a group of submissions waits for the lock the same way, then commits once, in one transaction", async () => {
    const before = { ...groupCommitCounts(sql)! };
    const { value, settledWhileLocked, ticks } = await whileLocked(100, () =>
      Promise.all([4, 5, 6].map((i) => transactGrouped(sql, [{ sql: INSERT, params: [`khoa-${i}`, String(i), new Date()] }]))),
    );
    expect(settledWhileLocked).toBe(false);
    expect(ticks).toBeGreaterThan(5);
    expect(value).toEqual([true, true, true]);
    expect(groupCommitCounts(sql)!.groups - before.groups).toBe(1);
    expect(await count()).toBe(6);
  });
});
