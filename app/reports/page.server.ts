import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import { organizationsInScope } from "~/organizations/scope.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { ReportSql } from "./report-sql.server.ts";
import { reportConsultation } from "./document.server.ts";
import { describeFilters } from "./export/describe.server.ts";
import { EXPORT_FORMATS, isExpired } from "./export/jobs.server.ts";
import { excerpt } from "./export/tables.ts";
import type { ReportFilters } from "./filters.ts";
import { reportQuery, type ReportQuery, type Viewer } from "./query.server.ts";
import { statisticsCache, statisticsKey } from "./statistics-cache.server.ts";
import { countByDisposition, loadStatistics } from "./statistics.server.ts";

// What the statistics page's loader returns: the statistics, the choices of the filter form, and the
// viewer's recent exports. The heat map carries a short excerpt of each block, not its whole text.

/** The organization choices of the filter form: the viewer's subtree, shallow levels first when it is large. */
const MAX_ORGANIZATION_CHOICES = 400;
const HEAT_EXCERPT = 110;

export async function organizationChoices(db: Db, query: ReportQuery) {
  const all = await organizationsInScope(db, query.scope);
  const depth = (path: string) => path.split("/").filter(Boolean).length;
  const rootDepth = Math.min(...all.map((o) => depth(o.path)), 99);
  let shown = all;
  for (let levels = 4; shown.length > MAX_ORGANIZATION_CHOICES && levels >= 1; levels--) shown = all.filter((o) => depth(o.path) - rootDepth < levels);
  // The chosen organization stays selectable even when its level is left out.
  if (query.filters.org && !shown.some((o) => o.id === query.filters.org)) shown = [...shown, ...all.filter((o) => o.id === query.filters.org)];
  return shown.map((o) => ({ id: o.id, name: o.name, depth: depth(o.path) - rootDepth }));
}

/**
 * How many opinions of the viewer still wait for moderation in this consultation (not counted by the
 * statistics until approved): for a representative, those their organization and the ones below it
 * gathered (conferences, letters); for whoever sees everything, all of them; null for no scope.
 */
export async function waitingOpinions(db: Db, query: ReportQuery): Promise<number | null> {
  const { scope } = query;
  if (scope.kind === "none") return null;
  const gathered = scope.kind === "subtree" ? { organization: { is: { path: { startsWith: scope.path } } } } : {};
  return db.comment.count({ where: { consultationId: query.consultationId, status: "PENDING", ...gathered } });
}

export async function statisticsPage(db: Db, sql: ReportSql, viewer: Viewer, consultationId: string, requested: ReportFilters, { fresh = false } = {}) {
  const consultation = await reportConsultation(db, consultationId);
  if (!consultation) return null;
  const query = await reportQuery(db, viewer, consultation.id, requested);
  const started = performance.now();
  const [{ statistics, countedAt }, organizations, scope, exports, waiting, dispositions, versions] = await Promise.all([
    statisticsCache().get(statisticsKey(query, consultation.publishedVersionId), () => loadStatistics(db, sql, query, consultation.publishedVersionId), {
      fresh,
    }),
    organizationChoices(db, query),
    describeFilters(db, query),
    db.exportJob.findMany({
      where: { requestedById: viewer.id, consultationId: consultation.id },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, format: true, status: true, done: true, total: true, createdAt: true, filePath: true, fileId: true },
    }),
    waitingOpinions(db, query),
    countByDisposition(sql, query),
    db.documentVersion.findMany({ where: { consultationId: consultation.id, status: "PUBLISHED" }, orderBy: { number: "asc" }, select: { number: true } }),
  ]);
  const elapsedMs = Math.round(performance.now() - started);
  return {
    consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title, published: consultation.publishedVersionId !== null },
    filters: query.filters,
    scopeKind: query.scope.kind,
    scope,
    waiting,
    choices: {
      organizations,
      provinces: listProvinces().map((p) => ({ code: p.code, name: p.name })),
      communes: query.filters.province ? listCommunes(query.filters.province).map((c) => ({ code: c.code, name: c.name })) : [],
      versions: versions.map((v) => v.number),
    },
    dispositions,
    statistics: {
      ...statistics,
      blocks: statistics.blocks.map((b) => ({ ...b, text: excerpt(b.text, HEAT_EXCERPT) })),
      sections: statistics.sections.map((s) => ({ ...s, text: excerpt(s.text, 160) })),
    },
    exports: exports.map(({ filePath, fileId, ...e }) => ({
      ...e,
      label: EXPORT_FORMATS[e.format as keyof typeof EXPORT_FORMATS]?.label ?? e.format,
      // Finished, but the file was deleted after the retention period (where it is kept is not sent).
      expired: isExpired({ status: e.status, fileId, filePath }),
    })),
    elapsedMs,
    countedAt,
  };
}
export type StatisticsPageData = NonNullable<Awaited<ReturnType<typeof statisticsPage>>>;
