import { afterAll, beforeAll, describe } from "vitest";
import { createDb, tuneDb, type Db } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { stopGroupCounts } from "~/comments/group-counts.server.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { createDatabaseFromTemplate, postgresEnabled, type Provider } from "./databases.ts";

export const providers: Provider[] = postgresEnabled ? ["sqlite", "postgresql"] : ["sqlite"];

/**
 * Runs the same suite against a fresh SQLite database and a fresh PostgreSQL database.
 * `ctx.db` is ready inside tests (`ctx.url` is its DATABASE_URL, for scripts); the databases are dropped after the suite.
 */
export function describeEachDatabase(name: string, body: (ctx: { db: Db; sql: SqlDriver; provider: Provider; url: string }) => void) {
  describe.each(providers)(`${name} [%s]`, (provider) => {
    const ctx = { provider } as { db: Db; sql: SqlDriver; provider: Provider; url: string };
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const created = await createDatabaseFromTemplate(provider);
      drop = created.drop;
      ctx.url = created.url;
      const target = resolveDatabaseTarget(created.url);
      ctx.db = createDb(target);
      await tuneDb(ctx.db, target);
      ctx.sql = createSqlDriver(target);
    });
    afterAll(async () => {
      if (ctx.sql) await stopGroupCounts(ctx.sql);
      await ctx.db?.$disconnect();
      await ctx.sql?.close();
      await drop?.();
    });
    body(ctx);
  });
}
