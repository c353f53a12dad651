import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { findCommune, findProvince } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { aggregate, type ReportSql } from "./report-sql.server.ts";
import { reportBlocks, type ReportBlock } from "./document.server.ts";
import { reportWhereSql, type ReportQuery } from "./query.server.ts";
import { DISPOSITION_CHOICES, type DispositionChoice } from "./filters.ts";
import { emptySplit, fillDays, mergeSplits, splitsByKey, type CountRow, type Split } from "./statistics.ts";

// The statistics of a consultation: every count comes from aggregates over the Comment table
// (GROUP BY channel, stance and a few dimensions), never from reading opinions one by one.
//
// Reading the wide Comment rows is what costs (the texts sit between the columns we need), so the
// number of passes over them matters more than anything else: the seven dimensions are grouped in
// three passes of small combinations (block × organization, locality × occupation × age group, day),
// whose rows are summed per dimension here. One pass with GROUPING SETS was measured slower on
// PostgreSQL (it sorts instead of hashing, on one core), and a single GROUP BY over every dimension
// returns nearly a row per opinion. Every column the passes read is in one index, Comment_report_idx,
// so each pass is an index-only scan of the consultation's entries and never touches the wide rows
// (ADR 018). Three narrow indexes hold only the columns of one pass each (ADR 061): when the condition
// names nothing else (no filter but the channel, a whole-scope viewer), the passes read them instead, a
// fraction of the width (the block and locality ones store each key once with its rows, already in group
// order). PostgreSQL chooses by itself; SQLite is told which (`passIndex`), having no statistics to choose by. The three passes run
// at once: on the pool (PostgreSQL), on two worker threads (SQLite, report-sql.server.ts).
// bench/reports.ts and bench:national measure it; ADR 017.

export const DIMENSIONS = ["block", "province", "commune", "organization", "occupation", "age", "day"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The Comment column of each dimension. */
const DIMENSION_COLUMNS: Record<Dimension, string> = {
  block: "blockKey",
  province: "provinceCode",
  commune: "communeCode",
  organization: "organizationId",
  occupation: "occupation",
  age: "ageGroup",
  day: "createdAt",
};

/** The report indexes, narrowest first: Comment_report_idx holds every column a pass may name (ADR 018, 061). */
const PASS_INDEXES: { name: string; columns: readonly string[] }[] = [
  { name: "Comment_report_block_idx", columns: ["consultationId", "status", "channel", "stance", "blockKey", "organizationId"] },
  { name: "Comment_report_place_idx", columns: ["consultationId", "status", "channel", "stance", "provinceCode", "occupation", "ageGroup"] },
  { name: "Comment_report_day_idx", columns: ["consultationId", "status", "channel", "stance", "createdAt"] },
];
const FULL_PASS_INDEX = "Comment_report_idx";

/**
 * The narrowest report index that holds every column of the Comment table (aliased `alias`) that a pass's
 * condition names and every column it groups by: what SQLite is told to read.
 */
export function passIndex(whereSql: string, dimensions: readonly Dimension[], alias = "c"): string {
  const named = new Set([...whereSql.matchAll(new RegExp(`\\b${alias}\\."(\\w+)"`, "g"))].map((m) => m[1]!));
  for (const dimension of dimensions) named.add(DIMENSION_COLUMNS[dimension]);
  return PASS_INDEXES.find((index) => [...named].every((column) => index.columns.includes(column)))?.name ?? FULL_PASS_INDEX;
}

function dimensionExpressions(provider: ReportSql["provider"], alias: string): Record<Dimension, string> {
  return {
    block: `${alias}."blockKey"`,
    province: `${alias}."provinceCode"`,
    commune: `${alias}."communeCode"`,
    organization: `${alias}."organizationId"`,
    occupation: `${alias}."occupation"`,
    age: `${alias}."ageGroup"`,
    // The day in Vietnam's time zone (UTC+7 all year). SQLite keeps ISO text with its offset.
    day: provider === "postgresql" ? `CAST(${alias}."createdAt" + INTERVAL '7 hours' AS date)` : `date(${alias}."createdAt", '+7 hours')`,
  };
}

/** Counts per channel, stance and key for each dimension, from one pass per combination of dimensions. */
export async function countByDimensions(
  sql: ReportSql,
  query: ReportQuery,
  combinations: readonly (readonly Dimension[])[],
): Promise<Map<Dimension, CountRow[]>> {
  const where = reportWhereSql(query, "c");
  const expressions = dimensionExpressions(sql.provider, "c");
  const result = new Map<Dimension, CountRow[]>(combinations.flat().map((d) => [d, []]));

  const pass = async (dimensions: readonly Dimension[]) => {
    const from = sql.provider === "sqlite" ? `"Comment" c INDEXED BY "${passIndex(where.sql, dimensions)}"` : `"Comment" c`;
    const rows = await aggregate<Record<string, unknown>>(
      sql,
      `SELECT c."channel" AS channel, c."stance" AS stance, ${dimensions.map((d, i) => `${expressions[d]} AS k${i}`).join(", ")}, COUNT(*) AS n
       FROM ${from} WHERE ${where.sql}
       GROUP BY c."channel", c."stance", ${dimensions.map((d) => expressions[d]).join(", ")}`,
      where.params,
    );
    // Sum the combination's rows per dimension (per channel, stance and key).
    dimensions.forEach((dimension, i) => {
      const sums = new Map<string, CountRow>();
      for (const row of rows) {
        const key = keyOf(dimension, row[`k${i}`]);
        const id = `${row.channel}|${row.stance}|${key ?? "\u0000"}`;
        const found = sums.get(id);
        if (found) found.n += Number(row.n);
        else sums.set(id, { key, channel: String(row.channel), stance: String(row.stance), n: Number(row.n) });
      }
      result.set(dimension, [...sums.values()]);
    });
  };
  // At once: the pool's connections on PostgreSQL, the report workers on SQLite (the main-thread SQLite
  // driver runs them one after another anyway).
  await Promise.all(combinations.map(pass));
  return result;
}

function keyOf(dimension: Dimension, value: unknown): string | null {
  return value === null || value === undefined ? null : dimension === "day" ? dayText(value) : String(value);
}

function dayText(value: unknown): string {
  if (value instanceof Date) {
    // pg reads a `date` as local midnight: take the calendar day back from the local fields.
    const y = value.getFullYear();
    return `${y}-${String(value.getMonth() + 1).padStart(2, "0")}-${String(value.getDate()).padStart(2, "0")}`;
  }
  return String(value).slice(0, 10);
}

export interface BreakdownRow {
  /** The value filtered by (a code, an id, an occupation), or "" for "not given". */
  key: string;
  label: string;
  split: Split;
  /** A query-string change that narrows the report to this row, when there is one. */
  drill?: Record<string, string>;
}

export interface HeatBlock extends ReportBlock {
  split: Split;
}

export interface SectionRow {
  key: string;
  label: string;
  text: string;
  split: Split;
}

export interface ReportStatistics {
  total: Split;
  /** The whole draft (opinions not tied to a paragraph). */
  wholeDocument: Split;
  /** Opinions on paragraphs that the published version no longer has. */
  elsewhere: Split;
  sections: SectionRow[];
  blocks: HeatBlock[];
  localities: { level: "province" | "commune"; rows: BreakdownRow[] };
  organizations: BreakdownRow[];
  occupations: BreakdownRow[];
  ageGroups: BreakdownRow[];
  days: { day: string; split: Split }[];
}

export const NOT_GIVEN = "Không cho biết";
export const ONLINE_WITHOUT_ORGANIZATION = "Trực tuyến (không qua tổ chức)";

/** Everything the statistics page and the reports show, for one query. */
export async function loadStatistics(db: Db, sql: ReportSql, query: ReportQuery, versionId: string | null): Promise<ReportStatistics> {
  const locality: Dimension = query.filters.province ? "commune" : "province";
  const combinations: Dimension[][] = [["block", "organization"], [locality, "occupation", "age"], ["day"]];
  const [counts, blocks] = await Promise.all([countByDimensions(sql, query, combinations), versionId ? reportBlocks(db, versionId) : []]);

  const byBlock = splitsByKey(counts.get("block")!);
  const total = mergeSplits(byBlock.values());
  const known = new Set(blocks.map((b) => b.key));
  const heat = blocks.map((b) => ({ ...b, split: byBlock.get(b.key) ?? emptySplit() }));
  const sectionOf = sectionOfBlocks(blocks);
  const sectionSplits = new Map<string, Split[]>();
  for (const block of heat) {
    const section = sectionOf.get(block.key);
    if (section && block.split.total > 0) sectionSplits.set(section, [...(sectionSplits.get(section) ?? []), block.split]);
  }
  const sections = blocks
    .filter((b) => sectionOf.get(b.key) === b.key)
    .map((b) => ({ key: b.key, label: b.label, text: b.text, split: mergeSplits(sectionSplits.get(b.key) ?? []) }));
  const elsewhere = mergeSplits([...byBlock].filter(([key]) => key !== "" && !known.has(key)).map(([, s]) => s));

  return {
    total,
    wholeDocument: byBlock.get("") ?? emptySplit(),
    elsewhere,
    sections,
    blocks: heat,
    localities: query.filters.province
      ? { level: "commune", rows: localityRows(counts.get("commune")!, "commune") }
      : { level: "province", rows: localityRows(counts.get("province")!, "province") },
    organizations: await organizationRows(db, query, counts.get("organization")!),
    occupations: listedRows(counts.get("occupation")!, OCCUPATIONS),
    ageGroups: listedRows(counts.get("age")!, AGE_GROUPS),
    days: fillDays(splitsByKey(counts.get("day")!)),
  };
}

const byTotal = (a: BreakdownRow, b: BreakdownRow) => b.split.total - a.split.total || a.label.localeCompare(b.label, "vi");

function localityRows(rows: CountRow[], level: "province" | "commune"): BreakdownRow[] {
  return [...splitsByKey(rows)]
    .map(([key, split]) => {
      const name = level === "province" ? findProvince(key)?.name : findCommune(key)?.name;
      const drill: Record<string, string> | undefined = key && name ? (level === "province" ? { province: key } : { commune: key }) : undefined;
      return { key, label: key ? (name ?? `Mã ${key}`) : NOT_GIVEN, split, drill };
    })
    .sort(byTotal);
}

/** Fixed lists (occupations, age groups) in their own order, then anything else, then "not given". */
function listedRows(rows: CountRow[], order: readonly string[]): BreakdownRow[] {
  const splits = splitsByKey(rows);
  const listed = order.filter((k) => splits.has(k)).map((k) => ({ key: k, label: k, split: splits.get(k)! }));
  const others = [...splits].filter(([k]) => k !== "" && !order.includes(k)).map(([k, split]) => ({ key: k, label: k, split }));
  const none = splits.has("") ? [{ key: "", label: NOT_GIVEN, split: splits.get("")! }] : [];
  return [...listed, ...others.sort(byTotal), ...none];
}

/**
 * Opinions per organization, rolled up to the level below the report's root: the chosen
 * organization, else the viewer's own, else the single top organization (or the top level). Each
 * row counts its whole subtree; the root's own opinions have a row of their own; online opinions
 * (no organization) one more.
 */
async function organizationRows(db: Db, query: ReportQuery, rows: CountRow[]): Promise<BreakdownRow[]> {
  const splits = splitsByKey(rows);
  const ids = [...splits.keys()].filter((k) => k !== "");
  const organizations = ids.length ? await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, path: true } }) : [];
  const rootScope = query.organizationScope ?? query.scope;
  let rootPath = rootScope.kind === "subtree" ? rootScope.path : "/";
  if (rootPath === "/") {
    const tops = new Set(organizations.map((o) => o.path.split("/")[1]).filter(Boolean));
    if (tops.size === 1) rootPath = `/${[...tops][0]}/`;
  }
  const rootId = rootPath.split("/").at(-2) || null;
  const childOf = (path: string) => {
    if (!path.startsWith(rootPath)) return null;
    const rest = path.slice(rootPath.length).split("/").filter(Boolean);
    return rest[0] ?? rootId ?? null;
  };
  const grouped = new Map<string, Split[]>();
  for (const organization of organizations) {
    const child = childOf(organization.path) ?? organization.id;
    grouped.set(child, [...(grouped.get(child) ?? []), splits.get(organization.id)!]);
  }
  const groupIds = [...grouped.keys()];
  const names = new Map(
    (groupIds.length ? await db.organization.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } }) : []).map((o) => [o.id, o.name]),
  );
  const result: BreakdownRow[] = [...grouped].map(([id, list]) => ({
    key: id,
    label: id === rootId ? `${names.get(id) ?? id} (trực tiếp)` : (names.get(id) ?? id),
    split: mergeSplits(list),
    drill: id === rootId ? undefined : { org: id },
  }));
  result.sort(byTotal);
  if (splits.has("")) result.push({ key: "", label: ONLINE_WITHOUT_ORGANIZATION, split: splits.get("")! });
  return result;
}

/** Opinions per disposition of their answer (UNANSWERED: no answer yet), under the report's filters and scope. */
export async function countByDisposition(sql: ReportSql, query: ReportQuery): Promise<Record<DispositionChoice, number>> {
  const where = reportWhereSql(query, "c");
  const rows = await sql.all<{ d: string | null; n: number | string }>(
    `SELECT CAST(a."disposition" AS TEXT) AS d, COUNT(*) AS n FROM "Comment" c LEFT JOIN "Answer" a ON a."id" = c."answerId"
     WHERE ${where.sql} GROUP BY CAST(a."disposition" AS TEXT)`,
    where.params,
  );
  const counts = Object.fromEntries(DISPOSITION_CHOICES.map((d) => [d, 0])) as Record<DispositionChoice, number>;
  for (const row of rows) {
    const key = (row.d ?? "UNANSWERED") as DispositionChoice;
    if (key in counts) counts[key] += Number(row.n);
  }
  return counts;
}
