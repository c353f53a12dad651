import type { Facet, SearchQuery } from "@search/engine.ts";
import type { QueryUnit } from "@search/text/query.ts";
import { lexeme } from "./entry.ts";

// A SearchQuery as SQL over "SearchEntry" (ADR 051). Pure: the statements and their parameters, with
// `?` placeholders. Everything the person typed reaches PostgreSQL as a parameter: words as quoted
// lexemes of a tsquery text (lexeme() escapes them), filter values as plain values.
//
// The ranking follows the embedded engine's tiers (ADR 013): the units (words, phrases) are ANDed, and
// when no document has them all, the documents with the most units come first; then the words typed
// with diacritics found in that exact spelling; then words found whole rather than as the beginning of a
// longer word (the last word, still being typed); then ts_rank_cd (frequency and proximity, normalized by
// length); then the newest.

/** One unit as tsquery text over the folded forms: a word, a word still being typed (prefix), or a phrase. */
export function unitQuery(unit: QueryUnit, typos: readonly string[] = []): string {
  if (unit.phrase) return unit.words.map((word) => lexeme(word.folded)).join(" <-> ");
  const word = unit.words[0]!;
  const own = `${lexeme(word.folded)}${unit.prefix ? ":*" : ""}`;
  return typos.length ? `(${[own, ...typos.map(lexeme)].join(" | ")})` : own;
}

/** The exact spellings the person typed with diacritics, as tsquery texts over the exact forms (one per word). */
export function exactQueries(units: readonly QueryUnit[]): string[] {
  const out: string[] = [];
  for (const unit of units) {
    for (const word of unit.words) if (word.accented) out.push(`${lexeme(word.exact)}${unit.prefix ? ":*" : ""}`);
  }
  return [...new Set(out)];
}

export interface Where {
  sql: string;
  params: unknown[];
}

/** The filters as a WHERE clause over "SearchEntry" (values as parameters, never as SQL). */
export function filterWhere(filters: SearchQuery["filters"]): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === undefined || value === null) return;
    parts.push(`"${column}" = ?`);
    params.push(String(value));
  };
  equal("kind", filters.kind);
  equal("consultationId", filters.consultationId);
  equal("sectionKey", filters.sectionKey);
  equal("stance", filters.stance);
  equal("provinceCode", filters.provinceCode);
  equal("communeCode", filters.communeCode);
  equal("organizationId", filters.organizationId);
  // Blocks and answers have no status and always pass; a comment only with one of the statuses asked for.
  const statuses = (Array.isArray(filters.statuses) ? filters.statuses : []).filter((s) => typeof s === "string");
  parts.push(`("status" IS NULL OR "status" = ANY(CAST(? AS text[])))`);
  params.push(statuses);
  if (filters.currentOnly) parts.push(`"currentVersion" IS NOT FALSE`);
  const time = (value: unknown, op: string) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    parts.push(`"createdAt" ${op} ?`);
    params.push(new Date(value));
  };
  time(filters.from, ">=");
  time(filters.to, "<=");
  return { sql: parts.join(" AND "), params };
}

/** The stored analysis: folded words and the written spelling of words with diacritics (entry.ts). */
const LEXEMES = `"lexemes"`;

/**
 * The newest this many matches are ranked; a query matching more lists the rest after them, newest first.
 * Ranking reads each candidate's vector, so its cost must not grow with the table (ADR 051).
 */
export const RANK_WINDOW = 1_000;
/** Totals and facets count at most this many matches; past it the total is "more than" (`capped`). */
export const COUNT_CAP = 1_000;

/** The columns a facet counts. */
export const FACET_COLUMNS: Record<Facet, string> = {
  kind: "kind",
  consultationId: "consultationId",
  sectionKey: "sectionKey",
  stance: "stance",
  status: "status",
  provinceCode: "provinceCode",
  communeCode: "communeCode",
  organizationId: "organizationId",
};

export interface PlannedQuery {
  /** The page of hits: rows of { document, score }. */
  hits: Where;
  /**
   * The total and the facet counts over at most COUNT_CAP + 1 matches: rows of { facet, value, count }
   * (facet null: the total; a total above COUNT_CAP means more matches were not counted).
   */
  counts: Where;
}

export interface MatchPlan {
  /** One tsquery text per unit (over the folded forms). */
  units: string[];
  /** Every unit required (true), or at least one (the fallback when no document has them all). */
  all: boolean;
  /** Exact spellings (tsquery texts over the written forms). */
  exact: string[];
  /** Units whose word is still being typed, as the whole word (tsquery texts over the folded forms). */
  whole: string[];
}

/** The plan of a query's text: what must match and what ranks. */
export function matchPlan(units: readonly QueryUnit[], all: boolean, typos: ReadonlyMap<string, readonly string[]> = new Map()): MatchPlan {
  return {
    units: units.map((unit) => unitQuery(unit, unit.phrase ? [] : (typos.get(unit.words[0]!.folded) ?? []))),
    all,
    exact: exactQueries(units),
    whole: units.filter((unit) => unit.prefix).map((unit) => lexeme(unit.words[0]!.folded)),
  };
}

/**
 * The statements of a search: `plan` null lists every document passing the filters, newest first.
 * `offset` and `limit` are whole numbers already bounded by the caller.
 *
 * With a text, the matches are found by the GIN index on "lexemes" (and the filters' b-tree indexes
 * where the planner prefers them); the newest RANK_WINDOW of them (or more, for a deep page) are taken
 * in one top-N sort that never reads their vectors; only the first RANK_WINDOW are scored (the tiers of
 * the embedded engine, then ts_rank_cd on the stored vector); the others follow, newest first. The
 * order is the same for every page, so pages never overlap.
 */
export function planSearch(filters: SearchQuery["filters"], plan: MatchPlan | null, asked: readonly Facet[], offset: number, limit: number): PlannedQuery {
  const facets = [...new Set(asked)];
  const where = filterWhere(filters);
  const conditions = [where.sql];
  const matchParams: unknown[] = [];
  let hits: Where;
  if (plan) {
    const joined = plan.units.map((unit) => `(${unit})`).join(plan.all ? " & " : " | ");
    conditions.unshift(`${LEXEMES} @@ CAST(? AS tsquery)`);
    matchParams.push(joined);
    const scoreParams: unknown[] = [];
    const count = (queries: readonly string[]) => {
      if (!queries.length) return "0";
      scoreParams.push(...queries);
      return queries.map(() => `CAST(${LEXEMES} @@ CAST(? AS tsquery) AS int)`).join(" + ");
    };
    const units = plan.all ? "0" : count(plan.units);
    const exact = count(plan.exact);
    const whole = count(plan.whole);
    scoreParams.push(joined);
    // ts_rank_cd: frequency and closeness of the words; normalization 1 divides by 1 + log(length).
    const score = `(${units}) * 1000 + (${exact}) * 100 + (${whole}) * 10 + ts_rank_cd(${LEXEMES}, CAST(? AS tsquery), 1)`;
    const window = Math.max(RANK_WINDOW, offset + limit);
    hits = {
      sql: `WITH "matched" AS MATERIALIZED (
          SELECT "id", "createdAt", CASE WHEN row_number() OVER () <= ${RANK_WINDOW} THEN ${LEXEMES} || CAST('' AS tsvector) END AS "lexemes", row_number() OVER () AS "n" FROM (
            SELECT "id", "createdAt", ${LEXEMES} FROM "SearchEntry" WHERE ${conditions.join(" AND ")} LIMIT ?
          ) AS "found"
        ), "page" AS (
          SELECT "id", "createdAt", "n", CASE WHEN "n" <= ${RANK_WINDOW} THEN ${score} ELSE -1 END AS "score" FROM "matched"
          ORDER BY "score" DESC, CASE WHEN "n" <= ${RANK_WINDOW} THEN 0 ELSE "n" END, "createdAt" DESC, "id" DESC LIMIT ? OFFSET ?
        )
        SELECT e."document", p."score" FROM "page" p JOIN "SearchEntry" e ON e."id" = p."id"
        ORDER BY p."score" DESC, CASE WHEN p."n" <= ${RANK_WINDOW} THEN 0 ELSE p."n" END, p."createdAt" DESC, p."id" DESC`,
      params: [...matchParams, ...where.params, window, ...scoreParams, limit, offset],
    };
  } else {
    hits = {
      sql: `SELECT "document", 0 AS "score" FROM "SearchEntry" WHERE ${conditions.join(" AND ")} ORDER BY "createdAt" DESC, "id" DESC LIMIT ? OFFSET ?`,
      params: [...where.params, limit, offset],
    };
  }
  const filterParams = [...matchParams, ...where.params];
  const columns = [...new Set(facets.map((facet) => `"${FACET_COLUMNS[facet]}"`))];
  // The first COUNT_CAP + 1 matches the scan meets: a bounded read, however many there are.
  const sample = `(SELECT ${columns.length ? columns.join(", ") : "1 AS \"one\""} FROM "SearchEntry" WHERE ${conditions.join(" AND ")} LIMIT ${COUNT_CAP + 1}) AS "sample"`;
  const sets = ["()", ...facets.map((facet) => `("${FACET_COLUMNS[facet]}")`)];
  const facetName = facets.length ? `CASE ${facets.map((facet) => `WHEN GROUPING("${FACET_COLUMNS[facet]}") = 0 THEN '${facet}'`).join(" ")} END` : "NULL";
  const facetValue = facets.length
    ? `COALESCE(${facets.map((facet) => `CASE WHEN GROUPING("${FACET_COLUMNS[facet]}") = 0 THEN "${FACET_COLUMNS[facet]}" END`).join(", ")})`
    : "NULL";
  const counts: Where = {
    sql: facets.length
      ? `SELECT ${facetName} AS "facet", ${facetValue} AS "value", count(*) AS "count" FROM ${sample} GROUP BY GROUPING SETS (${sets.join(", ")})`
      : `SELECT NULL AS "facet", NULL AS "value", count(*) AS "count" FROM ${sample}`,
    params: filterParams,
  };
  return { hits, counts };
}
