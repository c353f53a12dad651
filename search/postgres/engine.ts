import { performance } from "node:perf_hooks";
import { FACETS, SearchUnavailableError, type Facet, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from "@search/engine.ts";
import { sanitizeQuery } from "@search/embedded/execute.ts";
import { parseQuery, type QueryUnit } from "@search/text/query.ts";
import { buildSnippet, type TokenMatcher } from "@search/text/snippet.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";
import { ENTRIES_PER_STATEMENT, NOW, entryValues, upsertEntriesSql } from "./entry.ts";
import { matchPlan, planSearch } from "./query.ts";

// The PostgreSQL search engine (SEARCH_ENGINE=postgres, ADR 051): the documents are rows of
// "SearchEntry" in the app's own database, so every app server searches the same index and nothing
// else runs. The app analyses the text (search/text/analyze.ts) and stores it as tsvector text; the GIN
// indexes of the migration answer the matching, the ranking is SQL (search/postgres/query.ts), the
// snippets are made here as for the embedded engine. Writes go through writeEntries/removeEntries, which
// the outbox (search/outbox/outbox.server.ts) also calls inside the transaction of each change.

type Statements = Pick<SqlTx, "run" | "all">;

/** Writes (inserts or replaces) documents, 500 a statement; the last of a repeated id wins. */
export async function writeEntries(sql: Statements, docs: readonly SearchDocument[]): Promise<void> {
  const unique = [...new Map(docs.map((doc) => [doc.id, doc])).values()];
  for (let i = 0; i < unique.length; i += ENTRIES_PER_STATEMENT) {
    const chunk = unique.slice(i, i + ENTRIES_PER_STATEMENT);
    await sql.run(upsertEntriesSql(chunk.length), chunk.flatMap(entryValues));
  }
}

/** Removes documents by id (unknown ids are fine). */
export async function removeEntries(sql: Statements, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5_000) {
    await sql.run(`DELETE FROM "SearchEntry" WHERE "id" = ANY(CAST(? AS text[]))`, [ids.slice(i, i + 5_000)]);
  }
}

/** Marks the words of the query in a text: a unit's folded words (the last one as a beginning too), exact spellings weighing more. */
function snippetMatcher(units: readonly QueryUnit[]): TokenMatcher {
  const whole = new Map<string, { key: string; exact: Set<string> }>();
  const prefixes: Array<{ folded: string; key: string; exact: Set<string> }> = [];
  units.forEach((unit, i) => {
    const exact = new Set(unit.words.filter((word) => word.accented).map((word) => word.exact));
    for (const word of unit.words) {
      if (unit.prefix) prefixes.push({ folded: word.folded, key: String(i), exact });
      else if (!whole.has(word.folded)) whole.set(word.folded, { key: String(i), exact });
    }
  });
  return (token) => {
    const found = whole.get(token.folded) ?? prefixes.find((p) => token.folded.startsWith(p.folded));
    if (!found) return null;
    const exactly = [...found.exact].some((spelling) => token.exact === spelling || (prefixes.includes(found as never) && token.exact.startsWith(spelling)));
    return { key: found.key, weight: exactly ? 2 : 1 };
  };
}

interface CountRow {
  facet: Facet | null;
  value: string | null;
  count: string | number;
}

export interface PostgresEngineOptions {
  /** The app's driver (PostgreSQL). */
  sql: Pick<SqlDriver, "provider" | "run" | "all">;
}

export function createPostgresSearchEngine(options: PostgresEngineOptions): SearchEngine {
  const { sql } = options;
  if (sql.provider !== "postgresql") throw new Error("Công cụ tìm kiếm PostgreSQL cần cơ sở dữ liệu PostgreSQL");

  const unavailable = (error: unknown) =>
    new SearchUnavailableError(`Cơ sở dữ liệu không trả lời tìm kiếm: ${error instanceof Error ? error.message : String(error)}`, { cause: error });

  async function run(query: SearchQuery, units: QueryUnit[], all: boolean) {
    const offset = (query.page - 1) * query.perPage;
    const plan = planSearch(query.filters, units.length ? matchPlan(units, all) : null, query.facets, offset, query.perPage);
    const [hits, counts] = await Promise.all([
      sql.all<{ document: string; score: number | string }>(plan.hits.sql, plan.hits.params),
      sql.all<CountRow>(plan.counts.sql, plan.counts.params),
    ]);
    return { hits, counts };
  }

  return {
    name: "postgres",
    upsert: (docs) => writeEntries(sql, docs),
    remove: (ids) => removeEntries(sql, ids),

    async search(raw: SearchQuery): Promise<SearchResult> {
      const started = performance.now();
      const query = sanitizeQuery(raw);
      const units = parseQuery(query.q);
      let found;
      try {
        found = await run(query, units, true);
        // No document has every unit: the documents with the most of them (the embedded engine's fallback).
        if (units.length > 1 && totalOf(found.counts) === 0) found = await run(query, units, false);
      } catch (error) {
        throw unavailable(error);
      }
      const matcher = snippetMatcher(units);
      const facets: SearchResult["facets"] = {};
      for (const facet of query.facets) facets[facet] = {};
      for (const row of found.counts) {
        if (row.facet === null || row.value === null || !(FACETS as readonly string[]).includes(row.facet)) continue;
        facets[row.facet]![row.value] = Number(row.count);
      }
      return {
        hits: found.hits.map((row) => {
          const document = JSON.parse(row.document) as SearchDocument;
          return { id: document.id, kind: document.kind, document, snippet: buildSnippet(document.text, matcher), score: Number(row.score) };
        }),
        total: totalOf(found.counts),
        totalIsEstimate: false,
        facets,
        tookMs: performance.now() - started,
      };
    },

    async rebuild(batches, onProgress) {
      // The old rows keep answering while the new ones are written over them; what the rebuild did not
      // write (documents gone since) is deleted at the end, by the database's clock.
      const [{ began }] = await sql.all<{ began: Date }>(`SELECT ${NOW} AS "began"`, []);
      let done = 0;
      for await (const batch of batches) {
        await writeEntries(sql, batch);
        done += batch.length;
        onProgress?.(done);
      }
      await sql.run(`DELETE FROM "SearchEntry" WHERE "indexedAt" < ?`, [began]);
    },

    async health() {
      try {
        await sql.all(`SELECT 1 FROM "SearchEntry" LIMIT 1`, []);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

function totalOf(rows: readonly CountRow[]): number {
  const total = rows.find((row) => row.facet === null && row.value === null);
  return total ? Number(total.count) : 0;
}
