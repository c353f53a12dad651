import Database from "better-sqlite3";
import pg from "pg";
import { ensureSqliteFolder, resolveDatabaseTarget, type DatabaseTarget } from "./database-url.ts";

// A thin SQL path straight to the database driver, for the few statements on the hottest path
// (taking in a comment). Everything else goes through Prisma. Statements are written once with `?`
// placeholders; PostgreSQL gets `$n`. Values are stored exactly as Prisma stores them, so Prisma
// reads these rows like its own: on SQLite, dates as ISO text with "+00:00" and booleans as 0/1.
// ADR 008 says why.

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
  transact(steps: { sql: string; params: unknown[]; mustChange?: boolean }[]): Promise<boolean>;
  close(): Promise<void>;
}

export function createSqlDriver(target: DatabaseTarget = resolveDatabaseTarget()): SqlDriver {
  if (target.provider === "postgresql") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
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
    return {
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
      close: () => pool.end(),
    };
  }
  ensureSqliteFolder(target);
  const db = new Database(target.filename, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const toSqlite = (params: unknown[]) =>
    params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : typeof p === "boolean" ? (p ? 1 : 0) : p));
  return {
    provider: "sqlite",
    run: async (sql, params) => prepared(sql).run(...toSqlite(params)).changes,
    all: async <T>(sql: string, params: unknown[]) => prepared(sql).all(...toSqlite(params)) as T[],
    // better-sqlite3 runs the whole transaction synchronously: no other statement can slip in.
    transact: async (steps) => {
      const rollback = Symbol("rollback");
      try {
        db.transaction(() => {
          for (const step of steps) {
            const { changes } = prepared(step.sql).run(...toSqlite(step.params));
            if (step.mustChange && changes === 0) throw rollback;
          }
        })();
        return true;
      } catch (error) {
        if (error === rollback) return false;
        throw error;
      }
    },
    close: async () => {
      db.close();
    },
  };
}

const globalForSql = globalThis as unknown as { __sql?: SqlDriver };

/** The process's driver for the configured database. */
export function getSql(): SqlDriver {
  return (globalForSql.__sql ??= createSqlDriver());
}
