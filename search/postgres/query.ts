import type { Facet, SearchQuery } from "@search/engine.ts";
import type { QueryUnit } from "@search/text/query.ts";
import { DAY_TAGGED, TAG_LETTERS, TERM_MAX_LETTERS, filterDayTag, filterTag, hourTag, lexeme, taggedValues } from "./entry.ts";

// A SearchQuery as SQL over "SearchEntry" (ADR 051). Pure: the statements and their parameters, with
// `?` placeholders. Everything the person typed reaches PostgreSQL as a parameter: words as quoted
// lexemes of a tsquery text (lexeme() escapes them), filter values as plain values.
//
// The ranking follows the embedded engine's tiers (ADR 013): the units (words, phrases) are ANDed, and
// when no document has them all, the documents with the most units come first; then the words typed
// with diacritics found in that exact spelling; then words found whole rather than as the beginning of a
// longer word (the last word, still being typed); then ts_rank_cd (frequency and proximity, normalized by
// length); then the newest.

/**
 * A word still being typed stands for the longer words it begins from this many letters; one letter is
 * a word of its own (as in the embedded engine, which gives a one-letter prefix no longer words).
 */
export const PREFIX_MIN_LETTERS = 2;

const isPrefix = (unit: QueryUnit) => unit.prefix && unit.words[0]!.folded.length >= PREFIX_MIN_LETTERS;

/**
 * One unit as tsquery text over the folded forms: a word, a word still being typed (prefix), or a phrase.
 * `words`: for a word still being typed, the vocabulary's words it begins (ADR 059): matched as those
 * words, which the GIN index reads as streams it can skip along, rather than as a prefix, which it reads
 * whole before anything else (every document of every word it begins). None: the prefix.
 */
export function unitQuery(unit: QueryUnit, typos: readonly string[] = [], words: readonly string[] = []): string {
  if (unit.phrase) return unit.words.map((word) => lexeme(word.folded)).join(" <-> ");
  const word = unit.words[0]!;
  if (isPrefix(unit) && words.length) {
    const all = [...new Set([word.folded, ...words, ...typos])].map(lexeme);
    return all.length === 1 ? all[0]! : `(${all.join(" | ")})`;
  }
  const own = `${lexeme(word.folded)}${isPrefix(unit) ? ":*" : ""}`;
  return typos.length ? `(${[own, ...typos.map(lexeme)].join(" | ")})` : own;
}

/**
 * The beginnings (folded) whose words the vocabulary can list: printable ASCII (the vocabulary had every
 * such word of TERM_MIN_LETTERS to TERM_MAX_LETTERS letters from the migration on; a folded Vietnamese word
 * is ASCII) and no longer than its longest word. Others stay prefixes.
 */
export function expandable(unit: QueryUnit): boolean {
  const folded = unit.words[0]!.folded;
  return !unit.phrase && isPrefix(unit) && folded.length <= TERM_MAX_LETTERS && /^[\x20-\x7e]+$/.test(folded);
}

/** A beginning standing for more of the vocabulary's words than this stays a prefix (the tsquery would grow past its use). */
export const MAX_EXPANSION = 200;

/** The exact spellings the person typed with diacritics, as tsquery texts over the exact forms (one per word). */
export function exactQueries(units: readonly QueryUnit[]): string[] {
  const out: string[] = [];
  for (const unit of units) {
    for (const word of unit.words) if (word.accented) out.push(`${lexeme(word.exact)}${isPrefix(unit) ? ":*" : ""}`);
  }
  return [...new Set(out)];
}

export interface Where {
  sql: string;
  params: unknown[];
}

/**
 * The filters no tag holds, as SQL over "SearchEntry": the statuses (blocks and answers have none and always
 * pass; a comment only with one of the statuses asked for), the current version, the time range. The status
 * is not a tag: a moderator's decision then changes no indexed column, and the entry's rewrite can be HOT
 * (ADR 060); the matches' rows are read anyway, for the ranking.
 */
function untaggedWhere(filters: SearchQuery["filters"]): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
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

/** The filters as a WHERE clause over "SearchEntry" (values as parameters, never as SQL). */
export function filterWhere(filters: SearchQuery["filters"]): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  // The tagged fields are columns of "SearchEntry" too.
  for (const [column, value] of taggedValues(filters)) {
    parts.push(`"${column}" = ?`);
    params.push(value);
  }
  const rest = untaggedWhere(filters);
  return { sql: [...parts, rest.sql].join(" AND "), params: [...params, ...rest.params] };
}

/**
 * The filters of a text search as a tsquery over "tags" (entry.ts: entryTags), ANDed, for the GIN index
 * the tags share with "lexemes" ("" when none is asked); the others stay SQL (untaggedWhere).
 */
export function filterTags(filters: SearchQuery["filters"]): { tags: string; where: Where } {
  const tags = taggedValues(filters).map(([field, value]) => lexeme(filterTag(TAG_LETTERS[field], value)));
  return { tags: tags.join(" & "), where: untaggedWhere(filters) };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The spans of hours a text search reads first, newest first (ADR 059), in hours before the anchor's hour
 * (the ANCHOR_ROWS-th newest document, engine.ts), [from, to); the first span also names the hours after
 * the anchor's that hold a document (SearchAnchor.hours) and the HOURS_AHEAD after the newest document's,
 * at most MAX_LATER_HOURS of them (ADR 064: not every hour in between, each named hour costs the GIN scan
 * a stream to step along for every match, even an empty one). Each span is one GIN scan whose tags name its
 * hours, so it reads the common words' lists only over those documents; the next span is read only while
 * fewer than the cap have been found, and the rest of the table last.
 */
export const RECENT_SPANS: ReadonlyArray<readonly [number, number]> = [
  [0, 6],
  [6, 48],
];
/** Hours past the newest document's that the first span names too (documents written meanwhile, clocks a little ahead). */
export const HOURS_AHEAD = 2;
/**
 * The first span names at most this many hours after the anchor's, the newest (documents in older ones
 * are read with the rest). The newest ANCHOR_ROWS documents of a busy table hold one or two hours.
 */
export const MAX_LATER_HOURS = 24;

/**
 * Filters that leave a small part of the table (a section, a province, a commune, an organization). Spans of
 * hours would only add scans that find little (measured: a province filter's query took twice as long with
 * them, ADR 064); such a search reads spans of days instead, through the filter's day tags (ADR 071).
 */
export function narrowing(filters: SearchQuery["filters"]): boolean {
  return narrowedBy(filters) !== undefined;
}

/** The narrowing filter whose day tags a search reads (the first of DAY_TAGGED it has), or none. */
function narrowedBy(filters: SearchQuery["filters"]): (typeof DAY_TAGGED)[number] | undefined {
  return DAY_TAGGED.find((field) => filters[field] !== undefined && filters[field] !== null);
}

/**
 * The spans of days a narrowed text search reads first, newest first, in days before the anchor's day,
 * [from, to) (ADR 071); the first also names the days after the anchor's up to the one after the newest
 * document's, at most MAX_LATER_DAYS of them. Each is one GIN scan of the words against the filter's day
 * tags ("p:01@20261207"), lists as short as the filter's share of those days; the next is read only while
 * fewer than the cap have been found, and the rest of the table last (as before ADR 071, one scan).
 */
export const NARROW_SPANS: ReadonlyArray<readonly [number, number]> = [
  [0, 2],
  [2, 9],
];
export const MAX_LATER_DAYS = 7;

/**
 * Where a text search starts reading (engine.ts), epoch ms: the ANCHOR_ROWS-th newest document's time, the
 * newest's, and the hours holding those newest documents (any time within each hour, any order).
 */
export interface SearchAnchor {
  anchor: number;
  newest: number;
  hours: readonly number[];
}

/** The stored analysis: folded words and the written spelling of words with diacritics (entry.ts). */
const LEXEMES = `"lexemes"`;

/** Totals and facets count at most this many matches; past it the total is "more than" (`capped`). */
export const COUNT_CAP = 1_000;

/**
 * The newest this many matches are ranked; a query matching more lists the rest after them, newest first.
 * Ranking reads each candidate's vector (out of line, in TOAST: about 4 buffers each), so its cost must not
 * grow with the table (ADR 051); ten pages of the search page (ADR 064: 1,000 read about 5,400 buffers a
 * common query, 200 about 2,100; the counts still go to COUNT_CAP, from the row's own columns).
 */
export const RANK_WINDOW = 200;
/**
 * The fallback's window (no document has every unit: ranked by how many they have, MatchPlan.all false):
 * every match read, as before ADR 064. An OR of common words matches nearly every document, and the
 * units matched, the first tier, are what finds the one asked for (the relevance set's mistyped query
 * without typo tolerance was no longer found with 200).
 */
export const FALLBACK_RANK_WINDOW = COUNT_CAP;

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
  /** The page of hits: rows of { document, score } (with a text also { position } and the count rows). */
  hits: Where;
  /**
   * The total and the facet counts over at most COUNT_CAP + 1 matches: rows of { facet, value, count }
   * (facet null: the total; a total above COUNT_CAP means more matches were not counted). Null when
   * `hits` gives them too (a text query: its rows with a null document).
   */
  counts: Where | null;
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
export function matchPlan(
  units: readonly QueryUnit[],
  all: boolean,
  typos: ReadonlyMap<string, readonly string[]> = new Map(),
  expansions: ReadonlyMap<string, readonly string[]> = new Map(),
): MatchPlan {
  return {
    units: units.map((unit) =>
      unitQuery(unit, unit.phrase ? [] : (typos.get(unit.words[0]!.folded) ?? []), expandable(unit) ? (expansions.get(unit.words[0]!.folded) ?? []) : []),
    ),
    all,
    exact: exactQueries(units),
    whole: units.filter(isPrefix).map((unit) => lexeme(unit.words[0]!.folded)),
  };
}

/**
 * The statements of a search. `offset` and `limit` are whole numbers already bounded by the caller.
 *
 * Without a text (`plan` null): the page, newest first (the createdAt indexes), and the counts over the
 * first COUNT_CAP + 1 documents passing the filters, in two statements (`counts` set).
 *
 * With a text: one statement (`counts` null) whose rows are the page's hits (document set, in `position`
 * order) and the counts (document null). The matches are found by the GIN index on "lexemes" (with the
 * filters' b-tree indexes or a scan, as the planner prefers) and read once, at most COUNT_CAP + 1 of them
 * (more for a page past them) in the order the scan meets them: the first RANK_WINDOW (FALLBACK_RANK_WINDOW without every unit) are ranked (the
 * tiers of the embedded engine, then ts_rank_cd on the stored vector, its TOAST read once), the others
 * follow in the scan's order; the same rows give the total and the facets. The order is the same for
 * every page, so pages never overlap. The cost is bounded by the cap, not by the number of matches.
 */
export function planSearch(
  filters: SearchQuery["filters"],
  plan: MatchPlan | null,
  asked: readonly Facet[],
  offset: number,
  limit: number,
  at: SearchAnchor | null = null,
): PlannedQuery {
  const facets = [...new Set(asked)];
  const where = filterWhere(filters);
  const columns = [...new Set(facets.map((facet) => `"${FACET_COLUMNS[facet]}"`))];
  const sets = ["()", ...facets.map((facet) => `("${FACET_COLUMNS[facet]}")`)];
  const facetName = facets.length ? `CASE ${facets.map((facet) => `WHEN GROUPING("${FACET_COLUMNS[facet]}") = 0 THEN '${facet}'`).join(" ")} END` : "NULL";
  const facetValue = facets.length
    ? `COALESCE(${facets.map((facet) => `CASE WHEN GROUPING("${FACET_COLUMNS[facet]}") = 0 THEN "${FACET_COLUMNS[facet]}" END`).join(", ")})`
    : "NULL";
  const countsOf = (from: string) =>
    facets.length
      ? `SELECT ${facetName} AS "facet", ${facetValue} AS "value", count(*) AS "count" FROM ${from} GROUP BY GROUPING SETS (${sets.join(", ")})`
      : `SELECT CAST(NULL AS text) AS "facet", CAST(NULL AS text) AS "value", count(*) AS "count" FROM ${from}`;

  if (!plan) {
    const sample = `(SELECT ${columns.length ? columns.join(", ") : `1 AS "one"`} FROM "SearchEntry" WHERE ${where.sql} LIMIT ${COUNT_CAP + 1}) AS "sample"`;
    return {
      hits: {
        sql: `SELECT "document", "status", 0 AS "score" FROM "SearchEntry" WHERE ${where.sql} ORDER BY "createdAt" DESC, "id" DESC LIMIT ? OFFSET ?`,
        params: [...where.params, limit, offset],
      },
      counts: { sql: countsOf(sample), params: where.params },
    };
  }

  const joined = plan.units.map((unit) => `(${unit})`).join(plan.all ? " & " : " | ");
  const scoreParams: unknown[] = [];
  const count = (queries: readonly string[]) => {
    if (!queries.length) return "0";
    scoreParams.push(...queries);
    return queries.map(() => `CAST(${LEXEMES} @@ CAST(? AS tsquery) AS int)`).join(" + ");
  };
  const units = plan.all ? "0" : count(plan.units);
  const exact = count(plan.exact);
  const whole = count(plan.whole);
  // Proximity, as the embedded engine's tier: the pairs of units next to each other in the query that
  // stand next to each other in the text ("phát triển" is one word written as two syllables).
  const pairs = count(plan.units.slice(1).map((unit, i) => `(${plan.units[i]}) <-> (${unit})`));
  scoreParams.push(joined);
  // Tiers as one number (each count stays under the next tier's factor: at most 32 units), then
  // ts_rank_cd (frequency and closeness; normalization 1 divides by 1 + log(length)) squeezed below 1.
  // ts_rank_cd once per candidate (computed in "ranked", then used twice).
  const rank = `ts_rank_cd(${LEXEMES}, CAST(? AS tsquery), 1)`;
  const score = `(${units}) * 1000000 + (${exact}) * 10000 + (${whole}) * 1000 + (${pairs}) * 10 + "rank" / (1 + "rank")`;
  const read = Math.max(COUNT_CAP + 1, offset + limit);
  const window = plan.all ? RANK_WINDOW : FALLBACK_RANK_WINDOW;
  const ranked = `CASE WHEN "n" <= ${window} THEN 0 ELSE "n" END`;
  const carried = columns
    .filter((column) => column !== `"id"`)
    .map((column) => `${column}, `)
    .join("");
  // The matches, read newest spans first (tags naming their hours), then the rest of the table; the LIMIT
  // stops the reading as soon as enough were found, so a common query never reads its whole list.
  const text = filterTags(filters);
  // No filter held in tags (only statuses): the words alone, or the words and a span's hours.
  const branch: Branch = (tags, extra, extraParams) => ({
    sql: `SELECT "id", "createdAt", ${carried}${LEXEMES} FROM "SearchEntry" WHERE ${LEXEMES} @@ CAST(? AS tsquery)${tags ? ` AND "tags" @@ CAST(? AS tsquery)` : ""} AND ${text.where.sql}${extra}`,
    params: [joined, ...(tags ? [tags] : []), ...text.where.params, ...extraParams],
  });
  const branches = [];
  if (at === null) branches.push(branch(text.tags, "", []));
  else if (narrowing(filters)) branches.push(...daySpans(filters, text.tags, at, branch));
  else {
    const hour = Math.floor(at.anchor / HOUR) * HOUR;
    const newestHour = Math.max(Math.floor(at.newest / HOUR) * HOUR, hour);
    // After the anchor's hour: the hours that hold the newest documents, and those just after the newest (written meanwhile).
    const ahead = Array.from({ length: HOURS_AHEAD }, (_, i) => newestHour + (i + 1) * HOUR);
    const later = [...new Set([...at.hours.map((h) => Math.floor(h / HOUR) * HOUR).filter((h) => h > hour), ...ahead])]
      .sort((a, b) => b - a)
      .slice(0, MAX_LATER_HOURS);
    const named = (hours: number[]) => `(${hours.map((h) => lexeme(hourTag(h))).join(" | ")})`;
    for (const [i, [from, to]] of RECENT_SPANS.entries()) {
      const hours: number[] = i === 0 ? [...later] : [];
      for (let h = from; h < to; h++) hours.push(hour - h * HOUR);
      branches.push(branch(`${text.tags ? `${text.tags} & ` : ""}${named(hours)}`, "", []));
    }
    const last = RECENT_SPANS[RECENT_SPANS.length - 1]![1];
    // Everything the spans did not name: before their first hour, or after the anchor's hour and not named.
    branches.push(
      branch(text.tags, ` AND ("createdAt" < ? OR ("createdAt" >= ? AND NOT ("tags" @@ CAST(? AS tsquery))))`, [
        new Date(hour - (last - 1) * HOUR),
        new Date(hour + HOUR),
        named(later),
      ]),
    );
  }
  const scan = branches.length === 1 ? branches[0]!.sql : branches.map((b) => `(${b.sql})`).join(" UNION ALL ");
  const scanParams = branches.flatMap((b) => b.params);
  return {
    hits: {
      sql: `WITH "found" AS MATERIALIZED (
          SELECT "id", "createdAt", ${carried}"n",
            CASE WHEN "n" <= ${window} THEN ${LEXEMES} || CAST('' AS tsvector) END AS "lexemes"
          FROM (
            SELECT "id", "createdAt", ${carried}${LEXEMES}, row_number() OVER () AS "n"
            FROM (${scan} LIMIT ?) AS "scan"
          ) AS "numbered"
        ), "page" AS (
          SELECT "id", "createdAt", "n", CASE WHEN "n" <= ${window} THEN ${score} ELSE -1 END AS "score"
          FROM (SELECT *, CASE WHEN "n" <= ${window} THEN ${rank} END AS "rank" FROM "found" OFFSET 0) AS "ranked"
          ORDER BY "score" DESC, ${ranked}, "createdAt" DESC, "id" DESC LIMIT ? OFFSET ?
        )
        SELECT e."document", e."status", p."score", row_number() OVER (ORDER BY p."score" DESC, ${ranked.replace(/"n"/g, 'p."n"')}, p."createdAt" DESC, p."id" DESC) AS "position",
          CAST(NULL AS text) AS "facet", CAST(NULL AS text) AS "value", CAST(NULL AS bigint) AS "count"
        FROM "page" p JOIN "SearchEntry" e ON e."id" = p."id"
        UNION ALL
        SELECT NULL, NULL, NULL, NULL, "facet", "value", "count" FROM (${countsOf(`(SELECT * FROM "found" WHERE "n" <= ${COUNT_CAP + 1}) AS "sample"`)}) AS "counted"`,
      params: [...scanParams, read, ...scoreParams, limit, offset],
    },
    counts: null,
  };
}

type Branch = (tags: string, extra: string, extraParams: unknown[]) => Where;

/**
 * A narrowed search's scans (ADR 071): spans of days through the first narrowing filter's day tags (the
 * other filters' tags as usual, that filter's own tag left out: its day tags hold it), then everything
 * outside the days named, read as before. The days named are one unbroken range, so the rest is a range of
 * "createdAt" alone.
 */
function daySpans(filters: SearchQuery["filters"], tags: string, at: SearchAnchor, branch: Branch): Where[] {
  const field = narrowedBy(filters)!;
  const letter = TAG_LETTERS[field];
  const value = String(filters[field]);
  const others = filterTags({ ...filters, [field]: undefined }).tags;
  const day = Math.floor(at.anchor / DAY) * DAY;
  // After the anchor's day: up to the day after the newest document's (written meanwhile, a clock ahead).
  const newestDay = Math.max(Math.floor(at.newest / DAY) * DAY, day);
  const later = Array.from({ length: Math.min((newestDay - day) / DAY + 1, MAX_LATER_DAYS) }, (_, i) => day + (i + 1) * DAY).reverse();
  const branches = NARROW_SPANS.map(([from, to], i) => {
    const days: number[] = i === 0 ? [...later] : [];
    for (let d = from; d < to; d++) days.push(day - d * DAY);
    const named = `(${days.map((d) => lexeme(filterDayTag(letter, value, d))).join(" | ")})`;
    return branch(others ? `${others} & ${named}` : named, "", []);
  });
  const oldest = day - (NARROW_SPANS[NARROW_SPANS.length - 1]![1] - 1) * DAY;
  const end = (later[0] ?? day) + DAY;
  branches.push(branch(tags, ` AND ("createdAt" < ? OR "createdAt" >= ?)`, [new Date(oldest), new Date(end)]));
  return branches;
}
