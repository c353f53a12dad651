import type { SearchDocument } from "@search/engine.ts";
import { forEachWord } from "@search/text/analyze.ts";

// A SearchDocument as a row of "SearchEntry" (ADR 051): the app's own Vietnamese analysis
// (search/text/analyze.ts) written in tsvector text form, so PostgreSQL's built-in full-text search
// indexes it (GIN on CAST(… AS tsvector)) without a text search configuration or an extension; the
// filter columns; the document itself as JSON for the hit. Pure: no I/O here.

/** tsvector positions stop at 16,383; later words keep that position (they still match, phrases there may not). */
const MAX_POSITION = 16_383;

/** A lexeme as tsvector and tsquery text read it: quoted, with quotes and backslashes escaped. */
export function lexeme(word: string): string {
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The text's syllables, folded and exact, as two tsvector texts ("'gop':1 'y':2 …"). */
export function analyzedVectors(text: string): { folded: string; exact: string } {
  const folded = new Map<string, number[]>();
  const exact = new Map<string, number[]>();
  let position = 0;
  forEachWord(text, (forms) => {
    position = Math.min(position + 1, MAX_POSITION);
    add(folded, forms.folded, position);
    add(exact, forms.exact, position);
  });
  return { folded: vectorText(folded), exact: vectorText(exact) };
}

function add(map: Map<string, number[]>, word: string, position: number) {
  const positions = map.get(word);
  if (!positions) map.set(word, [position]);
  else if (positions.at(-1) !== position && positions.length < 256) positions.push(position);
}

const vectorText = (map: Map<string, number[]>) => [...map].map(([word, positions]) => `${lexeme(word)}:${positions.join(",")}`).join(" ");

/** The columns of "SearchEntry" (entryValues gives them in this order; "indexedAt" is the database's clock). */
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
  "indexedAt",
] as const;

export function entryValues(doc: SearchDocument): unknown[] {
  const { folded, exact } = analyzedVectors(doc.text);
  return [
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
    folded,
    exact,
    JSON.stringify(doc),
  ];
}

const UPDATED = ENTRY_COLUMNS.filter((c) => c !== "id")
  .map((c) => `"${c}" = EXCLUDED."${c}"`)
  .join(", ");

/** The database's clock as the column holds time (UTC, as Prisma writes it): every app server agrees on it. */
export const NOW = `CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp(3))`;

/** The statement that writes `count` entries (insert or replace), with `?` placeholders (values: entryValues of each, in order). */
export function upsertEntriesSql(count: number): string {
  const row = `(${ENTRY_COLUMNS.map((c) => (c === "indexedAt" ? NOW : "?")).join(", ")})`;
  return `INSERT INTO "SearchEntry" (${ENTRY_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: count }, () => row).join(", ")}
    ON CONFLICT ("id") DO UPDATE SET ${UPDATED}`;
}

/** Entries per statement: 15 parameters each, well under PostgreSQL's 65,535. */
export const ENTRIES_PER_STATEMENT = 500;
