import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresSearchEngine } from "@search/postgres/engine.ts";
import type { SearchEngine } from "@search/engine.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { describeSearchEngineContract } from "../../support/search/contract.ts";
import { RELEVANCE_QUERIES, scoreRelevance } from "../../support/search/relevance.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";

// The PostgreSQL search engine (ADR 051) runs the contract every engine runs and the relevance set the
// embedded engine is scored on (tests/unit/search/embedded/engine.relevance.test.ts).

/**
 * A fresh PostgreSQL database (migrated) for the PostgreSQL search engine's tests: `ctx.sql` inside
 * tests, `ctx.url` its DATABASE_URL; `ctx.engine()` empties "SearchEntry" and gives an engine on it.
 */
function usePostgresSearchDatabase() {
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

const MIN_SUCCESS_AT_3 = 0.9;
const MIN_MRR = 0.85;

describe.runIf(postgresEnabled)("PostgreSQL search engine", () => {
  const ctx = usePostgresSearchDatabase();

  describeSearchEngineContract("postgres", () => ctx.engine());

  it("scores the relevance set above the bounds", async () => {
    const score = await scoreRelevance(await ctx.engine());
    const misses = score.queries.filter((s) => s.firstRelevant === null || s.firstRelevant > 3);
    console.log(
      `postgres relevance: success@3 ${score.successAt3.toFixed(3)}, success@10 ${score.successAt10.toFixed(3)}, MRR ${score.mrr.toFixed(3)} over ${RELEVANCE_QUERIES.length} queries` +
        misses
          .map(
            (s) => `\n  ${s.query.category}: ${JSON.stringify(s.query.q)} first relevant at ${s.firstRelevant ?? "none"}; top ${s.top.slice(0, 3).join(", ")}`,
          )
          .join(""),
    );
    expect(score.successAt3).toBeGreaterThanOrEqual(MIN_SUCCESS_AT_3);
    expect(score.mrr).toBeGreaterThanOrEqual(MIN_MRR);
  });
});
