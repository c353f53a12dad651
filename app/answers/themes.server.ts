import { keyPhrases, tokenize, type KeyPhrase } from "~/reports/themes/key-phrases.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

// A theme of a consultation, as the answers see it: a key phrase of the reports' themes
// (app/reports/themes/key-phrases.ts) within a section or the whole draft. The opinions a theme covers
// are the approved opinions there whose text contains the phrase, counted the way the key phrases are
// (folded syllables inside one clause): what the theme list shows is what an answer to it covers.

/** Opinions read for a theme at most (the most recent first): a theme answer's work stays bounded. */
export const THEME_SCAN = 50_000;

interface OpinionText {
  id: string;
  text: string;
}

async function approvedTexts(sql: SqlDriver, consultationId: string, sectionKey: string | null, options: { unansweredOnly?: boolean; limit: number }) {
  return sql.all<OpinionText>(
    `SELECT "id", COALESCE("publishedText", "originalText") AS "text" FROM "Comment"
     WHERE "consultationId" = ? AND "status" = 'APPROVED'${sectionKey ? ` AND "sectionKey" = ?` : ""}${options.unansweredOnly ? ` AND "answerId" IS NULL` : ""}
     ORDER BY "createdAt" DESC, "id" DESC LIMIT ${Math.floor(options.limit)}`,
    sectionKey ? [consultationId, sectionKey] : [consultationId],
  );
}

/** The ids of the opinions a theme (a folded key phrase) covers. */
export async function themeCommentIds(sql: SqlDriver, consultationId: string, sectionKey: string | null, phrase: string): Promise<string[]> {
  const rows = await approvedTexts(sql, consultationId, sectionKey, { limit: THEME_SCAN });
  return coveredBy(rows, phrase);
}

/** The opinions among `rows` whose text contains the key phrase `phrase` (folded, as KeyPhrase.key). */
export function coveredBy(rows: readonly OpinionText[], phrase: string): string[] {
  const wanted = ` ${phrase} `;
  // A key phrase lies inside one clause; joined ones ("chỉ tiêu đo lường") are longer than three syllables.
  const contains = (text: string) => tokenize(text).some((clause) => ` ${clause.map((t) => t.folded).join(" ")} `.includes(wanted));
  return rows.filter((r) => contains(r.text)).map((r) => r.id);
}

/** The themes still to answer: the key phrases of the unanswered approved opinions of a section (or the whole draft). */
export async function openThemes(sql: SqlDriver, consultationId: string, sectionKey: string | null, limit = 12): Promise<KeyPhrase[]> {
  const rows = await approvedTexts(sql, consultationId, sectionKey, { unansweredOnly: true, limit: 2_000 });
  return keyPhrases(
    rows.map((r) => r.text),
    { limit },
  );
}
