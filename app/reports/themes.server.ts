import type { ReportSql } from "./report-sql.server.ts";
import { reportWhereSql, type ReportQuery } from "./query.server.ts";
import { clusterOpinions, type Cluster } from "./themes/clusters.ts";
import { keyPhrases, type KeyPhrase } from "./themes/key-phrases.ts";

// Themes of a block or a section: key phrases and clusters of similar opinions, computed here from
// the most recent opinions (at most THEME_SAMPLE), so the work is bounded whatever the number of
// opinions; the page says when it looked at a sample.

export const THEME_SAMPLE = 2_000;

export interface Themes {
  /** Opinions looked at (the most recent ones, at most THEME_SAMPLE). */
  sampled: number;
  phrases: KeyPhrase[];
  clusters: Omit<Cluster, "ids">[];
}

/** Block keys to look at: one block, the blocks of a section, or null for the opinions on the whole draft. */
export async function loadThemes(sql: ReportSql, query: ReportQuery, blockKeys: readonly string[] | null, options: { phrases?: number; clusters?: number; sample?: number } = {}): Promise<Themes> {
  const where = reportWhereSql(query, "c");
  const sample = options.sample ?? THEME_SAMPLE;
  let target = `c."blockKey" IS NULL`;
  const params = [...where.params];
  if (blockKeys) {
    if (blockKeys.length === 0) return { sampled: 0, phrases: [], clusters: [] };
    target = `c."blockKey" IN (${blockKeys.map(() => "?").join(", ")})`;
    params.push(...blockKeys);
  }
  const rows = await sql.all<{ id: string; text: string; stance: string; groupId: string | null }>(
    `SELECT c."id" AS id, COALESCE(c."publishedText", c."originalText") AS text, c."stance" AS stance, c."groupId" AS "groupId"
     FROM "Comment" c WHERE ${where.sql} AND ${target}
     ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ${Math.max(1, Math.floor(sample))}`,
    params,
  );
  return themesOf(rows, options);
}

export function themesOf(rows: { id: string; text: string; stance: string; groupId: string | null }[], options: { phrases?: number; clusters?: number } = {}): Themes {
  const phrases = keyPhrases(
    rows.map((r) => r.text),
    { limit: options.phrases ?? 15 },
  );
  const clusters = clusterOpinions(rows, { limit: options.clusters ?? 8 }).map(({ ids: _ids, ...cluster }) => cluster);
  return { sampled: rows.length, phrases, clusters };
}
