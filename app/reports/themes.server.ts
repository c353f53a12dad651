import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { reportWhereSql, type ReportQuery } from "./query.server.ts";
import type { ReportSql } from "./report-sql.server.ts";
import { clusterSteps, type Cluster } from "./themes/clusters.ts";
import { keyPhraseSteps, type KeyPhrase } from "./themes/key-phrases.ts";
import { runStepsAsync } from "./themes/steps.ts";

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
export async function loadThemes(
  sql: ReportSql,
  query: ReportQuery,
  blockKeys: readonly string[] | null,
  options: { phrases?: number; clusters?: number; sample?: number } = {},
): Promise<Themes> {
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

/** Key phrases and clusters of the rows, with a turn of the event loop every hundred opinions. */
export async function themesOf(
  rows: { id: string; text: string; stance: string; groupId: string | null }[],
  options: { phrases?: number; clusters?: number } = {},
): Promise<Themes> {
  const phrases = await runStepsAsync(
    keyPhraseSteps(
      rows.map((r) => r.text),
      { limit: options.phrases ?? 15 },
    ),
    yieldToEventLoop,
  );
  const clusters = (await runStepsAsync(clusterSteps(rows, { limit: options.clusters ?? 8 }), yieldToEventLoop)).map(({ ids: _ids, ...cluster }) => cluster);
  return { sampled: rows.length, phrases, clusters };
}
