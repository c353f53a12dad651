import { afterAll, beforeAll } from "vitest";
import { createPostgresSearchEngine } from "@search/postgres/engine.ts";
import type { SearchEngine } from "@search/engine.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { createDatabaseFromTemplate } from "../databases.ts";

/**
 * A fresh PostgreSQL database (migrated) for the PostgreSQL search engine's tests: `ctx.sql` inside
 * tests, `ctx.url` its DATABASE_URL; `ctx.engine()` empties "SearchEntry" and gives an engine on it.
 */
export function usePostgresSearchDatabase() {
  const ctx = {} as { sql: SqlDriver; url: string; engine: () => Promise<SearchEngine> };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    drop = created.drop;
    ctx.url = created.url;
    ctx.sql = createSqlDriver(resolveDatabaseTarget(created.url));
    ctx.engine = async () => {
      await ctx.sql.run(`DELETE FROM "SearchEntry"`, []);
      return createPostgresSearchEngine({ sql: ctx.sql });
    };
  });
  afterAll(async () => {
    await ctx.sql?.close();
    await drop?.();
  });
  return ctx;
}
