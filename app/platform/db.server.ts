import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "~/generated/postgresql/client.ts";
import { PrismaClient } from "~/generated/sqlite/client.ts";
import { configuredDatabase } from "./config.server.ts";
import { ensureSqliteFolder, type DatabaseTarget } from "./database-url.ts";
import { singleton } from "./singleton.server.ts";

// Both databases share one models file, so their clients have the same API; the app is typed
// against the SQLite client and the PostgreSQL client is cast to it.
export type Db = PrismaClient;
export type { DatabaseTarget };

export function createDb(target: DatabaseTarget = configuredDatabase()): Db {
  if (target.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: target.url, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  ensureSqliteFolder(target);
  const adapter = new PrismaBetterSQLite3({ url: target.filename, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/**
 * SQLite settings for a web server: WAL lets readers work while one writer writes; FULL puts each commit
 * on the disk before it returns, so what was acknowledged survives a power cut (ADR 008).
 */
export async function tuneDb(db: Db, target: DatabaseTarget) {
  if (target.provider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
}

/** The one client of the process, kept across rebuilds in development. */
export function getDb(): Db {
  return singleton("db", () => {
    const target = configuredDatabase();
    const db = createDb(target);
    void tuneDb(db, target).catch((error) => console.error("Database tuning failed", error));
    return db;
  });
}

/** For /healthz: a round trip to the database. */
export async function checkDb(db: Db = getDb()) {
  await db.$queryRawUnsafe("SELECT 1");
}
