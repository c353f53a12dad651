import Database from "better-sqlite3";
import pg from "pg";
import { config, configuredDatabase } from "./config.server.ts";
import { ensureSqliteFolder, type DatabaseTarget } from "./database-url.ts";
import { createGroupCommit, type GroupCommit, type GroupCommitCounts, type GroupCommitSettings, type Outcome } from "./group-commit.server.ts";
import { singleton } from "./singleton.server.ts";

// A thin SQL path straight to the database driver, for the few statements on the hottest path
// (taking in a comment). Everything else goes through Prisma. Statements are written once with `?`
// placeholders; PostgreSQL gets `$n`. Values are stored exactly as Prisma stores them, so Prisma
// reads these rows like its own: on SQLite, dates as ISO text with "+00:00" and booleans as 0/1.
// ADR 008 says why.

/** One statement of `transact`: with `mustChange`, a step that changes no row rolls the whole transaction back. */
export type SqlStep = { sql: string; params: unknown[]; mustChange?: boolean };

export interface SqlDriver {
  provider: DatabaseTarget["provider"];
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /** Runs a query; resolves with its rows. */
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  /**
   * Runs statements in one transaction (one commit, so one disk flush). A step with `mustChange`
   * that changes no row rolls everything back: resolves false. Nothing else runs on the connection
   * meanwhile.
   */
  transact(steps: SqlStep[]): Promise<boolean>;
  /**
   * Runs `body` in one transaction with statements of its own choosing (reads between writes).
   * Throwing rolls back and rethrows. On SQLite nothing else runs on the connection meanwhile.
   */
  transaction<T>(body: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The statements of a transaction: as the driver's own, but inside it. */
export interface SqlTx {
  provider: DatabaseTarget["provider"];
  run(sql: string, params: unknown[]): Promise<number>;
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
}

/** PostgreSQL `timestamp(3)` columns hold UTC (as Prisma writes them): read them as UTC. */
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** `column IN (list)` with one parameter whatever the list's length, so the statement is prepared once. */
export function inList(tx: { provider: DatabaseTarget["provider"] }, column: string, values: readonly string[]): { sql: string; param: unknown } {
  return tx.provider === "postgresql"
    ? { sql: `${column} = ANY(CAST(? AS text[]))`, param: values }
    : { sql: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
}

/**
 * A value as Prisma stores it in SQLite: dates as ISO text with "+00:00", booleans as 0/1, objects
 * (Json columns) as JSON text. The one SQLite encoder of the driver path (ADR 008).
 */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) return JSON.stringify(value);
  return value;
}

/** The placeholder of an enum column's value: PostgreSQL keeps enums as their own types, SQLite as text. */
export function enumCast(tx: { provider: DatabaseTarget["provider"] }, type: "Stance" | "CommentStatus" | "Channel" | "Disposition" | "AnswerScope"): string {
  return tx.provider === "postgresql" ? `CAST(? AS "${type}")` : "?";
}

/** A date read by raw SQL: a Date from PostgreSQL, ISO text from SQLite. */
export function sqlDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** What a driver made by createSqlDriver knows of group commit (ADR 055). */
interface Grouping {
  settings: GroupCommitSettings;
  counts: GroupCommitCounts;
  queues: Map<string, GroupCommit<never, never>>;
  /** SQLite: `transact` in a group; absent on PostgreSQL, whose submission groups are one statement (comment-store.server.ts). */
  transact?: GroupCommit<SqlStep[], boolean>;
}
const groupings = new WeakMap<SqlDriver, Grouping>();

/**
 * As `sql.transact`, committed with the other writes of a group (ADR 055): on SQLite one transaction
 * for the group, these steps in a savepoint of their own (their failure, or a `mustChange` step that
 * changes nothing, rolls back only them), resolved only after the group's COMMIT. On PostgreSQL, with
 * group commit off, or with a driver not made by createSqlDriver: `sql.transact`.
 */
export function transactGrouped(sql: SqlDriver, steps: SqlStep[]): Promise<boolean> {
  const queue = groupings.get(sql)?.transact;
  return queue ? queue.submit(steps) : sql.transact(steps);
}

/**
 * The driver's group-commit queue named `name`, made on first use with `commit` (which writes one
 * group and resolves with each write's outcome after its one commit) and the driver's settings; null
 * when group commit is off or the driver was not made by createSqlDriver.
 */
export function groupCommitQueue<M, R>(
  sql: SqlDriver,
  name: string,
  commit: (inputs: M[]) => Promise<Outcome<R>[]>,
  apart?: (a: M, b: M) => boolean,
): GroupCommit<M, R> | null {
  const grouping = groupings.get(sql);
  if (!grouping || grouping.settings.windowMs <= 0) return null;
  let queue = grouping.queues.get(name) as GroupCommit<M, R> | undefined;
  if (!queue) {
    queue = createGroupCommit(commit, { ...grouping.settings, apart, counts: grouping.counts });
    grouping.queues.set(name, queue as unknown as GroupCommit<never, never>);
  }
  return queue;
}

/** Groups committed by the driver so far and the writes they held (tests and benchmarks); null for a driver not made by createSqlDriver. */
export function groupCommitCounts(sql: SqlDriver): Readonly<GroupCommitCounts> | null {
  return groupings.get(sql)?.counts ?? null;
}

export function createSqlDriver(target: DatabaseTarget = configuredDatabase(), options: { groupCommit?: GroupCommitSettings } = {}): SqlDriver {
  const grouping: Grouping = { settings: options.groupCommit ?? config().groupCommit, counts: { groups: 0, members: 0 }, queues: new Map() };
  if (target.provider === "postgresql") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, types: pgTypes });
    // An idle connection that the server ends (a restart, an administrator) is dropped from the pool
    // and replaced on the next query; without a listener its error would stop the process.
    pool.on("error", (error) => console.error("PostgreSQL: một kết nối rảnh bị đóng", error.message));
    // Named statements: each connection parses and plans a statement once, not on every call.
    const statements = new Map<string, { name: string; text: string }>();
    const toPg = (sql: string, values: unknown[]) => {
      let statement = statements.get(sql);
      if (!statement) {
        let i = 0;
        statement = { name: `s${statements.size}`, text: sql.replace(/\?/g, () => `$${++i}`) };
        statements.set(sql, statement);
      }
      // Prisma keeps DateTime as UTC in "timestamp(3)" columns; pg would send the process's local time.
      return { ...statement, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)) };
    };
    const driver: SqlDriver = {
      provider: "postgresql",
      run: async (sql, params) => (await pool.query(toPg(sql, params))).rowCount ?? 0,
      all: async <T>(sql: string, params: unknown[]) => (await pool.query(toPg(sql, params))).rows as T[],
      transact: async (steps) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          for (const step of steps) {
            const { rowCount } = await client.query(toPg(step.sql, step.params));
            if (step.mustChange && !rowCount) {
              await client.query("ROLLBACK");
              return false;
            }
          }
          await client.query("COMMIT");
          return true;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      transaction: async <T>(body: (tx: SqlTx) => Promise<T>) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await body({
            provider: "postgresql",
            run: async (sql, params) => (await client.query(toPg(sql, params))).rowCount ?? 0,
            all: async <R>(sql: string, params: unknown[]) => (await client.query(toPg(sql, params))).rows as R[],
          });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
    groupings.set(driver, grouping);
    return driver;
  }
  ensureSqliteFolder(target);
  const db = new Database(target.filename, { timeout: 5000 });
  // As tuneDb (db.server.ts): WAL, and each commit on the disk before it returns (ADR 008).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  // From here on a locked database answers at once (SQLITE_BUSY) and whenUnlocked waits with timers:
  // SQLite's own busy wait sleeps inside the call, and the whole process (every request) with it.
  db.pragma("busy_timeout = 0");
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const toSqlite = (params: unknown[]) => params.map(sqliteValue);
  const run = (sql: string, params: unknown[]) => prepared(sql).run(...toSqlite(params)).changes;
  const all = <T>(sql: string, params: unknown[]) => prepared(sql).all(...toSqlite(params)) as T[];
  // An asynchronous transaction body awaits between statements; every other use of the connection
  // waits for it to finish, or its statements would join (and roll back with) the transaction.
  let tail: Promise<unknown> = Promise.resolve();
  const afterOpen = <T>(work: () => T | Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  const ROLLBACK = Symbol("rollback");
  // The steps, all or none: a transaction of their own, or inside one a savepoint (better-sqlite3 nests).
  const applySteps = db.transaction((steps: SqlStep[]) => {
    for (const step of steps) {
      const { changes } = prepared(step.sql).run(...toSqlite(step.params));
      if (step.mustChange && changes === 0) throw ROLLBACK;
    }
  });
  const stepsChanged = (apply: (steps: SqlStep[]) => void, steps: SqlStep[]) => {
    try {
      apply(steps);
      return true;
    } catch (error) {
      if (error === ROLLBACK) return false;
      throw error;
    }
  };
  const transact = (steps: SqlStep[]) => afterOpen(() => whenUnlocked(() => stepsChanged(applySteps.immediate, steps)));
  // A group (ADR 055): one IMMEDIATE transaction, each member's steps in a savepoint, one COMMIT (one
  // fsync). A member that fails rolls back to its savepoint and gets its own error; an error that ends
  // the whole transaction (SQLite does so on a full disk or an I/O error), or a failed COMMIT, fails all.
  const applyGroup = db.transaction((groups: SqlStep[][]) =>
    groups.map((steps): Outcome<boolean> => {
      try {
        return { ok: true, value: stepsChanged(applySteps, steps) };
      } catch (error) {
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  if (grouping.settings.windowMs > 0) {
    grouping.transact = createGroupCommit<SqlStep[], boolean>((groups) => afterOpen(() => whenUnlocked(() => applyGroup.immediate(groups))), {
      ...grouping.settings,
      counts: grouping.counts,
    });
  }
  const driver: SqlDriver = {
    provider: "sqlite",
    run: (sql, params) => afterOpen(() => whenUnlocked(() => run(sql, params))),
    all: <T>(sql: string, params: unknown[]) => afterOpen(() => whenUnlocked(() => all<T>(sql, params))),
    transaction: <T>(body: (tx: SqlTx) => Promise<T>) =>
      afterOpen(async () => {
        await whenUnlocked(() => db.exec("BEGIN IMMEDIATE"));
        try {
          const value = await body({
            provider: "sqlite",
            run: async (sql, params) => run(sql, params),
            all: async <R>(sql: string, params: unknown[]) => all<R>(sql, params),
          });
          db.exec("COMMIT");
          return value;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      }),
    // better-sqlite3 runs the whole transaction synchronously: no other statement can slip in. It takes
    // the write lock at BEGIN (immediate), so a busy database refuses it before any statement ran.
    transact,
    close: async () => {
      db.close();
    },
  };
  groupings.set(driver, grouping);
  return driver;
}

/**
 * How long a statement waits for another connection's write lock before it fails: a 20,000-row
 * conference import holds it ~10 s (ADR 016), and a citizen's comment should wait for it, not fail.
 */
const LOCK_WAIT_MS = 30_000;

const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? "").startsWith("SQLITE_BUSY");

/**
 * Runs `work` (synchronous SQLite calls that change nothing when refused with SQLITE_BUSY) again after
 * 1, 2, … 5 ms while another connection (the other worker process) holds the write lock: the event loop
 * serves other requests meanwhile.
 */
async function whenUnlocked<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5)));
    }
  }
}

/** The process's driver for the configured database. */
export function getSql(): SqlDriver {
  return singleton("sql", () => createSqlDriver());
}
