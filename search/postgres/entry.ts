import type { SearchDocument } from "@search/engine.ts";
import { forEachWord } from "@search/text/analyze.ts";

// A SearchDocument as a row of "SearchEntry" (ADR 051): the app's own Vietnamese analysis
// (search/text/analyze.ts) written as tsvector text and stored as a tsvector ("lexemes", GIN-indexed),
// so PostgreSQL's built-in full-text search matches and ranks it without a text search configuration or
// an extension; the filter columns; the document itself as JSON for the hit. Pure: no I/O here.

/** tsvector positions stop at 16,383; later words keep that position (they still match, phrases there may not). */
const MAX_POSITION = 16_383;

/** A lexeme as tsvector and tsquery text read it: quoted, with quotes and backslashes escaped. */
export function lexeme(word: string): string {
  if (!word.includes("'") && !word.includes("\\")) return `'${word}'`;
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * Folded words of this many letters go into the vocabulary ("SearchTerm"): the words a word still being
 * typed (from 2 letters, query.ts PREFIX_MIN_LETTERS) stands for (ADR 059), and those a typo may stand for
 * (from 5 letters: the typo tolerance keeps only words within one or two edits of a word of 6 letters or more).
 */
export const TERM_MIN_LETTERS = 2;
export const TERM_MAX_LETTERS = 24;

/**
 * The text's syllables as tsvector text: each word folded ("'gop':1 'y':2"), and a word with diacritics
 * also as written ("'góp':1 'ý':2"), at the same position. One vector holds both: a folded form has no
 * diacritics, so it is never the written form of another word. With the folded words fit for the
 * vocabulary.
 */
export function analyzedVector(text: string): { lexemes: string; terms: string[] } {
  const forms = new Map<string, number[]>();
  const terms = new Set<string>();
  let position = 0;
  forEachWord(text, (word) => {
    position = Math.min(position + 1, MAX_POSITION);
    add(forms, word.folded, position);
    if (word.exact !== word.folded) add(forms, word.exact, position);
    if (word.folded.length >= TERM_MIN_LETTERS && word.folded.length <= TERM_MAX_LETTERS) terms.add(word.folded);
  });
  return { lexemes: vectorText(forms), terms: [...terms] };
}

function add(map: Map<string, number[]>, word: string, position: number) {
  const positions = map.get(word);
  if (!positions) map.set(word, [position]);
  else if (positions[positions.length - 1] !== position && positions.length < 256) positions.push(position);
}

function vectorText(map: Map<string, number[]>): string {
  let text = "";
  for (const [word, positions] of map) text += `${text === "" ? "" : " "}${lexeme(word)}:${positions.length === 1 ? positions[0] : positions.join(",")}`;
  return text;
}

/** Hours of "createdAt" as the tags name them: "h:2026120713" (UTC, as the column holds time). */
export function hourTag(time: number | Date): string {
  const iso = new Date(time).toISOString();
  return `h:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}`;
}

/** A filter value as its tag: the filter's letter, a colon, the value ("p:01"). */
export function filterTag(letter: TagLetter, value: string): string {
  return `${letter}:${value}`;
}

/** Days of "createdAt" as the day tags end: "20261207" (UTC, as the column holds time). */
export function dayOf(time: number | Date): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/** A narrowing filter's value and the day a document was written as one tag: "p:01@20261207" (ADR 071). */
export function filterDayTag(letter: TagLetter, value: string, time: number | Date): string {
  return `${filterTag(letter, value)}@${dayOf(time)}`;
}

/**
 * The letters of the tags: one per filter of a search ("kind", "consultationId", "sectionKey", "stance",
 * "provinceCode", "communeCode", "organizationId") and the hour of "createdAt". Not the status: a decision
 * would then change an indexed column and its rewrite could not be HOT (ADR 060); it is filtered in SQL.
 */
export const TAG_LETTERS = {
  kind: "k",
  consultationId: "c",
  sectionKey: "s",
  stance: "a",
  provinceCode: "p",
  communeCode: "m",
  organizationId: "o",
} as const;
export type TagLetter = (typeof TAG_LETTERS)[keyof typeof TAG_LETTERS];

/** The fields held as tags, in TAG_LETTERS' order: fields of a document and of a query's filters alike. */
export type TaggedField = keyof typeof TAG_LETTERS;

/**
 * The filters that leave a small part of the table (query.ts narrowing), held also with the day (ADR 071),
 * the one that leaves the least first (a commune is within a province; an organization's conferences and a
 * section are smaller than most provinces): a search narrowed by several reads the days of the first.
 */
export const DAY_TAGGED: readonly TaggedField[] = ["communeCode", "organizationId", "sectionKey", "provinceCode"];

/** The tagged fields of a document (or a query's filters) that have a value, with the value as text. */
export function taggedValues(source: Partial<Record<TaggedField, unknown>>): [TaggedField, string][] {
  const values: [TaggedField, string][] = [];
  for (const field of Object.keys(TAG_LETTERS) as TaggedField[]) {
    const value = source[field];
    if (value !== undefined && value !== null) values.push([field, String(value)]);
  }
  return values;
}

/**
 * A document's filter values and the hour it was written as tsvector text ("tags", ADR 059): the second
 * column of the GIN index with "lexemes", so that one index scan intersects the words with the filters and
 * a span of hours, reading only the part of a common word's list that the rarest of them allows. The
 * narrowing filters' values also with the day ("p:01@20261207", ADR 071): a narrowed search reads its
 * newest days through lists as short as the filter's share of those days.
 */
export function entryTags(doc: SearchDocument): string {
  const values = taggedValues(doc);
  const tags = values.map(([field, value]) => lexeme(filterTag(TAG_LETTERS[field], value)));
  tags.push(lexeme(hourTag(doc.createdAt)));
  for (const [field, value] of values) if (DAY_TAGGED.includes(field)) tags.push(lexeme(filterDayTag(TAG_LETTERS[field], value, doc.createdAt)));
  return tags.join(" ");
}

/** The columns of "SearchEntry" (entryRow gives them in this order; "indexedAt" is the database's clock). */
export const ENTRY_COLUMNS = [
  "id",
  "kind",
  "consultationId",
  "sectionKey",
  "stance",
  "status",
  "provinceCode",
  "communeCode",
  "organizationId",
  "currentVersion",
  "createdAt",
  "folded",
  "exact",
  "document",
  "lexemes",
  "tags",
  "indexedAt",
] as const;

/** The columns written as tsvector text (cast in the statement, and kept when unchanged: UPDATED). */
const VECTOR_COLUMNS: ReadonlySet<(typeof ENTRY_COLUMNS)[number]> = new Set(["lexemes", "tags"]);

/**
 * The document as "document" stores it: JSON without the status, which the "status" column alone keeps (a
 * decision writes only that, ADR 063); the engine puts it back into each hit.
 */
export function storedDocument(doc: SearchDocument): string {
  return JSON.stringify({ ...doc, status: undefined });
}

/** A document's row (ENTRY_COLUMNS but "indexedAt", in order) and the folded words for the vocabulary. */
export function entryRow(doc: SearchDocument): { values: unknown[]; terms: string[] } {
  const { lexemes, terms } = analyzedVector(doc.text);
  const values = [
    doc.id,
    doc.kind,
    doc.consultationId,
    doc.sectionKey,
    doc.stance,
    doc.status,
    doc.provinceCode,
    doc.communeCode,
    doc.organizationId,
    doc.kind === "block" ? (doc.currentVersion ?? true) : null,
    new Date(doc.createdAt),
    // "folded" and "exact" (text) are left empty: "lexemes" holds the analysis.
    "",
    "",
    storedDocument(doc),
    lexemes,
    entryTags(doc),
  ];
  return { values, terms };
}

// The vectors (GIN-indexed) keep their stored value when the new one is equal: a long vector is stored
// compressed or out of line, so a freshly built equal value differs byte for byte, and PostgreSQL would
// count the column as changed: no HOT rewrite, every word inserted into the GIN index again. Keeping the
// stored value, a decision's rewrite (status and document only) is HOT (ADR 060; measured at 1 M, 2,000
// entries: 236 ms and 98% HOT against 2,910 ms and 1%).
const UPDATED = ENTRY_COLUMNS.filter((c) => c !== "id")
  .map((c) =>
    VECTOR_COLUMNS.has(c)
      ? `"${c}" = CASE WHEN "SearchEntry"."${c}" = EXCLUDED."${c}" THEN "SearchEntry"."${c}" ELSE EXCLUDED."${c}" END`
      : `"${c}" = EXCLUDED."${c}"`,
  )
  .join(", ");

/** The database's clock as the column holds time (UTC, as Prisma writes it): every app server agrees on it. */
export const NOW = `CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp(3))`;

/** The statement that writes `count` entries (insert or replace), with `?` placeholders (values: entryRow of each, in order). */
export function upsertEntriesSql(count: number): string {
  const row = `(${ENTRY_COLUMNS.map((c) => (c === "indexedAt" ? NOW : VECTOR_COLUMNS.has(c) ? "CAST(? AS tsvector)" : "?")).join(", ")})`;
  return `INSERT INTO "SearchEntry" (${ENTRY_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: count }, () => row).join(", ")}
    ON CONFLICT ("id") DO UPDATE SET ${UPDATED}`;
}

/**
 * The statement that adds words to the typo vocabulary (one parameter: the words). Sorted, so that two
 * transactions adding the same new words wait for each other in one order and never deadlock.
 */
export const ADD_TERMS_SQL = `INSERT INTO "SearchTerm" ("term") SELECT DISTINCT "t" FROM unnest(CAST(? AS text[])) AS "t" ORDER BY "t" ON CONFLICT DO NOTHING`;

/** Entries per statement: 16 parameters each, well under PostgreSQL's 65,535. */
export const ENTRIES_PER_STATEMENT = 500;

/** Each column's type but "indexedAt", for the arrays of entriesFromSql (a new column of ENTRY_COLUMNS must be named here). */
const ENTRY_TYPES: Record<Exclude<(typeof ENTRY_COLUMNS)[number], "indexedAt">, string> = {
  id: "text",
  kind: "text",
  consultationId: "text",
  sectionKey: "text",
  stance: "text",
  status: "text",
  provinceCode: "text",
  communeCode: "text",
  organizationId: "text",
  currentVersion: "boolean",
  createdAt: "timestamp(3)",
  folded: "text",
  exact: "text",
  document: "text",
  lexemes: "tsvector",
  tags: "tsvector",
};
const WRITTEN = ENTRY_COLUMNS.filter((c): c is keyof typeof ENTRY_TYPES => c !== "indexedAt");

/**
 * WITH clauses that write entries and their words as part of another statement (the submissions' grouped
 * insert): `entries` upserts each entry whose owner is among the "id"s of `source` (a clause of that
 * statement returning the rows it stored), `entry_terms` adds those entries' words to the vocabulary,
 * sorted (ADD_TERMS_SQL's order). Parameters: entriesFromParams, in order. One text for any number of entries.
 */
export function entriesFromSql(source: string): string {
  const arrays = WRITTEN.map((c) => `CAST(? AS ${ENTRY_TYPES[c]}[])`).join(", ");
  const columns = WRITTEN.map((c) => `"${c}"`).join(", ");
  return `entries AS (INSERT INTO "SearchEntry" (${columns}, "indexedAt")
      SELECT ${WRITTEN.map((c) => `e."${c}"`).join(", ")}, ${NOW} FROM unnest(CAST(? AS text[]), ${arrays}) AS e("owner", ${columns})
      WHERE e."owner" IN (SELECT "id" FROM ${source})
      ON CONFLICT ("id") DO UPDATE SET ${UPDATED}),
    entry_terms AS (INSERT INTO "SearchTerm" ("term")
      SELECT DISTINCT t."term" FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS t("owner", "term")
      WHERE t."owner" IN (SELECT "id" FROM ${source}) ORDER BY t."term" ON CONFLICT DO NOTHING)`;
}

/** The parameters of entriesFromSql: each entry's owner, its row (entryRow's values) and its words; dates as UTC text. */
export function entriesFromParams(entries: ReadonlyArray<{ owner: string; values: readonly unknown[]; terms: readonly string[] }>): unknown[] {
  const utc = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return [
    entries.map((e) => e.owner),
    ...WRITTEN.map((_, i) => entries.map((e) => utc(e.values[i]))),
    entries.flatMap((e) => e.terms.map(() => e.owner)),
    entries.flatMap((e) => e.terms),
  ];
}
