import { performance } from "node:perf_hooks";
import { FACETS, SearchUnavailableError, type Facet, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from "@search/engine.ts";
import { boundedEditDistance } from "@search/embedded/edit-distance.ts";
import { ONE_TYPO_MIN_LETTERS, TWO_TYPOS_MIN_LETTERS, sanitizeQuery } from "@search/embedded/execute.ts";
import { parseQuery, type QueryUnit } from "@search/text/query.ts";
import { buildSnippet, type TokenMatcher } from "@search/text/snippet.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";
import { ADD_TERMS_SQL, ENTRIES_PER_STATEMENT, ENTRY_COLUMNS, NOW, TERM_MAX_LETTERS, entryRow, storedDocument, upsertEntriesSql } from "./entry.ts";
import { COUNT_CAP, MAX_EXPANSION, PREFIX_MIN_LETTERS, expandable, matchPlan, planSearch, type SearchAnchor } from "./query.ts";

// The PostgreSQL search engine (SEARCH_ENGINE=postgres, ADR 051): the documents are rows of
// "SearchEntry" in the app's own database, so every app server searches the same index and nothing
// else runs. The app analyses the text (search/text/analyze.ts) and stores it as tsvector text; the GIN
// indexes of the migration answer the matching, the ranking is SQL (search/postgres/query.ts), the
// snippets are made here as for the embedded engine. Writes go through writeEntries/removeEntries, which
// the outbox (search/outbox/outbox.server.ts) also calls inside the transaction of each change.

type Statements = Pick<SqlTx, "run" | "all">;

/** A text's search vector as "SearchEntry" stores it, and its words for the vocabulary (what entryRow computes from the text). */
export interface AnalyzedText {
  lexemes: unknown;
  terms: string[];
}

/**
 * Vectors of texts a writer knows it writes many times (a bulk load whose documents share a few texts),
 * kept across writes by the writer: `get` answers for a text seen before, `set` is offered every text
 * analyzed (the memo keeps those it wants, bounded as it likes).
 */
export interface VectorMemo {
  get(text: string): AnalyzedText | undefined;
  set(text: string, analyzed: AnalyzedText): void;
}

const LEXEMES_AT = ENTRY_COLUMNS.indexOf("lexemes");
const DOCUMENT_AT = ENTRY_COLUMNS.indexOf("document");

/**
 * entryRow, with the vector of a text the memo knows taken from it: the row is entryRow's for the document
 * with no text (every column but the vector and the document itself), then the document and the memo's
 * vector. The same row entryRow would make (tests/unit/search/postgres/engine.test.ts).
 */
export function memoEntryRow(doc: SearchDocument, memo?: VectorMemo): { values: unknown[]; terms: string[] } {
  if (!memo) return entryRow(doc);
  const known = memo.get(doc.text);
  if (!known) {
    const row = entryRow(doc);
    memo.set(doc.text, { lexemes: row.values[LEXEMES_AT], terms: row.terms });
    return row;
  }
  const { values } = entryRow({ ...doc, text: "" });
  values[DOCUMENT_AT] = storedDocument(doc);
  values[LEXEMES_AT] = known.lexemes;
  return { values, terms: known.terms };
}

/**
 * Writes (inserts or replaces) documents, 500 a statement; the last of a repeated id wins; their long words join
 * the vocabulary. `memo`: vectors of texts written before (a bulk load of many copies of a few texts).
 */
export async function writeEntries(sql: Statements, docs: readonly SearchDocument[], memo?: VectorMemo): Promise<void> {
  const unique = [...new Map(docs.map((doc) => [doc.id, doc])).values()];
  for (let i = 0; i < unique.length; i += ENTRIES_PER_STATEMENT) {
    const rows = unique.slice(i, i + ENTRIES_PER_STATEMENT).map((doc) => memoEntryRow(doc, memo));
    await sql.run(
      upsertEntriesSql(rows.length),
      rows.flatMap((row) => row.values),
    );
    const terms = [...new Set(rows.flatMap((row) => row.terms))];
    if (terms.length) await sql.run(ADD_TERMS_SQL, [terms]);
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
      if (unit.prefix && word.folded.length >= PREFIX_MIN_LETTERS) prefixes.push({ folded: word.folded, key: String(i), exact });
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

/** A hit as the statements read it: the stored document (without its status) and the status column. */
type HitRow = { document: string; status: string | null; score: number | string };

interface CountRow {
  facet: Facet | null;
  value: string | null;
  count: string | number;
}

/** A row of a text search's one statement: a hit (document set, with its position) or a count (document null). */
type TextRow = Partial<CountRow> & { [K in keyof HitRow]: HitRow[K] | null } & { position: string | null };

export interface PostgresEngineOptions {
  /** The app's driver (PostgreSQL). */
  sql: Pick<SqlDriver, "provider" | "run" | "all" | "transaction">;
  /** Typo tolerance with pg_trgm when the database has it (default true; SEARCH_TYPOS=off turns it off). */
  typos?: boolean;
  /** Where the engine says once whether it tolerates typos (default console.info). */
  log?: (message: string) => void;
}

/** The trigram index of the vocabulary, made at the first search when pg_trgm is there (not in a migration: the extension may not be). */
const TRIGRAM_INDEX = "SearchTerm_term_trgm_idx";
/** Near words read per mistyped word, the most similar first, before the edit distance decides. */
const TYPO_CANDIDATES = 200;

/**
 * Whether pg_trgm can serve the typo tolerance: installed, or installed now when this role may
 * (CREATE EXTENSION IF NOT EXISTS; pg_trgm is a trusted extension), with the vocabulary's trigram
 * index. Never throws: anything missing means no typo tolerance.
 */
export async function detectTrigrams(sql: Pick<SqlDriver, "run" | "all">): Promise<boolean> {
  const installed = async () =>
    (await sql.all<{ on: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS "on"`, []))[0]?.on === true;
  try {
    if (!(await installed())) await sql.run(`CREATE EXTENSION IF NOT EXISTS pg_trgm`, []).catch(() => undefined);
    if (!(await installed())) return false;
    // Several servers may start together: a concurrent creation is fine, the index is checked after.
    await sql.run(`CREATE INDEX IF NOT EXISTS "${TRIGRAM_INDEX}" ON "SearchTerm" USING gin ("term" gin_trgm_ops)`, []).catch(() => undefined);
    return (await sql.all<{ on: boolean }>(`SELECT to_regclass('"${TRIGRAM_INDEX}"') IS NOT NULL AS "on"`, []))[0]?.on === true;
  } catch {
    return false;
  }
}

/**
 * The typo tolerance of the embedded engine (ADR 013) over the vocabulary: a word (not in a phrase) of
 * 6 to 24 letters that no document has, and that begins no longer word when it is still being typed,
 * stands for the vocabulary's words within one edit (two from 9 letters). pg_trgm's index finds the
 * near words, the edit distance keeps the real ones.
 */
async function nearWords(sql: Pick<SqlDriver, "transaction">, units: readonly QueryUnit[]): Promise<Map<string, string[]>> {
  const asked = units.filter((unit) => !unit.phrase).map((unit) => ({ word: unit.words[0]!.folded, prefix: unit.prefix }));
  const words = asked.filter(({ word }) => word.length >= ONE_TYPO_MIN_LETTERS && word.length <= TERM_MAX_LETTERS);
  const out = new Map<string, string[]>();
  if (!words.length) return out;
  // Trigram similarity of a word to itself with one edit is at least 0.25 from 6 letters; two edits need less.
  const threshold = words.some(({ word }) => word.length >= TWO_TYPOS_MIN_LETTERS) ? 0.1 : 0.25;
  const rows = await sql.transaction(async (tx) => {
    await tx.run(`SET LOCAL pg_trgm.similarity_threshold = ${threshold}`, []);
    return tx.all<{ word: string; term: string }>(
      `SELECT q."word", t."term" FROM unnest(CAST(? AS text[])) AS q("word")
       CROSS JOIN LATERAL (SELECT "term" FROM "SearchTerm" WHERE "term" % q."word" ORDER BY similarity("term", q."word") DESC, "term" LIMIT ${TYPO_CANDIDATES}) AS t`,
      [words.map(({ word }) => word)],
    );
  });
  for (const { word, prefix } of words) {
    const near = rows.filter((row) => row.word === word).map((row) => row.term);
    if (near.some((term) => term === word || (prefix && term.startsWith(word)))) continue;
    const maxEdits = word.length >= TWO_TYPOS_MIN_LETTERS ? 2 : 1;
    const within = near.filter((term) => boundedEditDistance(word, term, maxEdits) <= maxEdits);
    if (within.length) out.set(word, within);
  }
  return out;
}

export function createPostgresSearchEngine(options: PostgresEngineOptions): SearchEngine {
  const { sql } = options;
  if (sql.provider !== "postgresql") throw new Error("Công cụ tìm kiếm PostgreSQL cần cơ sở dữ liệu PostgreSQL");
  const log = options.log ?? ((message: string) => console.info(message));
  let trigrams: Promise<boolean> | null = null;
  const typosOn = () =>
    (trigrams ??= (options.typos === false ? Promise.resolve(false) : detectTrigrams(sql)).then((on) => {
      log(
        on
          ? "Tìm kiếm PostgreSQL: sửa lỗi gõ bằng pg_trgm."
          : options.typos === false
            ? "Tìm kiếm PostgreSQL: không sửa lỗi gõ (SEARCH_TYPOS=off)."
            : "Tìm kiếm PostgreSQL: cơ sở dữ liệu không có pg_trgm, không sửa lỗi gõ.",
      );
      return on;
    }));

  const unavailable = (error: unknown) =>
    new SearchUnavailableError(`Cơ sở dữ liệu không trả lời tìm kiếm: ${error instanceof Error ? error.message : String(error)}`, { cause: error });

  async function run(
    query: SearchQuery,
    units: QueryUnit[],
    all: boolean,
    typos: ReadonlyMap<string, readonly string[]>,
    at: SearchAnchor | null,
    expansions: ReadonlyMap<string, readonly string[]>,
  ) {
    const offset = (query.page - 1) * query.perPage;
    const plan = planSearch(query.filters, units.length ? matchPlan(units, all, typos, expansions) : null, query.facets, offset, query.perPage, at);
    if (!plan.counts) {
      // One statement: the page's hits (in `position` order) and the count rows (no document).
      // Without parallel workers: the spans are read one after the other, in order, and the reading stops at
      // the cap (a parallel append reads them all at once, in no fixed order); the vectors ranked stay in memory.
      const rows = await sql.transaction(async (tx) => {
        await tx.run(`SET LOCAL max_parallel_workers_per_gather = 0`, []);
        await tx.run(`SET LOCAL work_mem = '${SEARCH_WORK_MEM}'`, []);
        return tx.all<TextRow>(plan.hits.sql, plan.hits.params);
      });
      const hits = rows.filter((row) => row.document !== null).sort((a, b) => Number(a.position) - Number(b.position));
      const counts = rows.filter((row) => row.document === null) as CountRow[];
      return { hits: hits as Array<HitRow>, counts };
    }
    const [hits, counts] = await Promise.all([sql.all<HitRow>(plan.hits.sql, plan.hits.params), sql.all<CountRow>(plan.counts.sql, plan.counts.params)]);
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
        // The three reads before the search, at once (each its own round trip, none needs another's answer).
        const [typos, at, expansions] = units.length
          ? await Promise.all([
              typosOn().then((on) => (on ? nearWords(sql, units) : new Map<string, string[]>())),
              anchorOf(sql, query.filters),
              wordsBegun(sql, units),
            ])
          : [new Map<string, string[]>(), null, new Map<string, string[]>()];
        found = await run(query, units, true, typos, at, expansions);
        // No document has every unit: the documents with the most of them (the embedded engine's fallback).
        if (units.length > 1 && totalOf(found.counts) === 0) found = await run(query, units, false, typos, at, expansions);
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
          // The status is the column's: a decision writes it alone (sync.server.ts indexStatusChanges, ADR 063).
          const document = { ...(JSON.parse(row.document) as SearchDocument), status: row.status as SearchDocument["status"] };
          return { id: document.id, kind: document.kind, document, snippet: buildSnippet(document.text, matcher), score: Number(row.score) };
        }),
        // Past COUNT_CAP matches the counting stopped: "more than 10,000", facets counted over those.
        total: Math.min(COUNT_CAP, totalOf(found.counts)),
        totalIsEstimate: false,
        ...(totalOf(found.counts) > COUNT_CAP ? { totalIsCapped: true } : {}),
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

/** work_mem of a text search's statement: its ranked candidates' vectors (a few MB) ranked without a temporary file. */
const SEARCH_WORK_MEM = "16MB";

/** The newest documents a text search reads before it places its spans of hours (planSearch): this many. */
export const ANCHOR_ROWS = 1_000;

/**
 * Where a text search places its spans of hours (epoch ms), null for a table of fewer than ANCHOR_ROWS
 * documents (read whole): the time of the ANCHOR_ROWS-th newest document, so that a few documents written
 * apart from the others (a draft's blocks published today, a late opinion) do not leave the spans empty;
 * the newest's; the hours those newest documents were written in (the first span names them, not every
 * hour up to the newest: ADR 064). With a consultation filter, that consultation's (its b-tree gives them
 * at once): a consultation closed long ago starts at its own last hours.
 */
async function anchorOf(sql: Pick<SqlDriver, "all">, filters: SearchQuery["filters"]): Promise<SearchAnchor | null> {
  const consultation = typeof filters.consultationId === "string" ? filters.consultationId : null;
  const where = consultation === null ? "" : ` WHERE "consultationId" = ?`;
  const [row] = await sql.all<{ rows: string | number; anchor: Date | null; newest: Date | null; hours: string | null }>(
    `SELECT count(*) AS "rows", min("createdAt") AS "anchor", max("createdAt") AS "newest",
       string_agg(DISTINCT CAST(CAST(extract(epoch FROM date_trunc('hour', "createdAt")) AS bigint) AS text), ',') AS "hours"
     FROM (SELECT "createdAt" FROM "SearchEntry"${where} ORDER BY "createdAt" DESC LIMIT ${ANCHOR_ROWS}) AS "newest"`,
    consultation === null ? [] : [consultation],
  );
  if (!row || Number(row.rows) < ANCHOR_ROWS || !(row.anchor instanceof Date) || !(row.newest instanceof Date)) return null;
  // Seconds since 1970 of each hour's start (the column holds UTC time without a zone, which extract reads as UTC).
  const hours = (row.hours ?? "")
    .split(",")
    .filter(Boolean)
    .map((seconds) => Number(seconds) * 1000);
  return { anchor: row.anchor.getTime(), newest: row.newest.getTime(), hours };
}

/**
 * The vocabulary's words that each word still being typed begins (ADR 059), when it can list them all
 * (query.ts expandable) and there are at most MAX_EXPANSION; otherwise the word stays a prefix.
 */
async function wordsBegun(sql: Pick<SqlDriver, "all">, units: readonly QueryUnit[]): Promise<Map<string, string[]>> {
  const begun = [...new Set(units.filter(expandable).map((unit) => unit.words[0]!.folded))];
  const out = new Map<string, string[]>();
  if (!begun.length) return out;
  // The words a beginning begins sort from it to the same beginning with its last letter the next one ("so" … "sp").
  const next = (word: string) => `${word.slice(0, -1)}${String.fromCharCode(word.charCodeAt(word.length - 1) + 1)}`;
  const rows = await sql.all<{ word: string; term: string }>(
    `SELECT q."word", t."term" FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS q("word", "next")
     CROSS JOIN LATERAL (SELECT "term" FROM "SearchTerm" WHERE "term" >= q."word" AND "term" < q."next" AND starts_with("term", q."word")
       ORDER BY "term" LIMIT ${MAX_EXPANSION + 1}) AS t`,
    [begun, begun.map(next)],
  );
  for (const word of begun) {
    const terms = rows.filter((row) => row.word === word).map((row) => row.term);
    if (terms.length && terms.length <= MAX_EXPANSION) out.set(word, terms);
  }
  return out;
}

function totalOf(rows: readonly CountRow[]): number {
  const total = rows.find((row) => row.facet === null && row.value === null);
  return total ? Number(total.count) : 0;
}
