import { findCommune, findProvince } from "~/localities/localities.server.ts";
import { commentScopeSql, commentScopeWhere, scopeFor, type OrganizationScope } from "~/organizations/scope.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { dateRange, STATUS_CHOICES, type ReportFilters } from "./filters.ts";

// What a report counts: one consultation, the viewer's organization scope, and the filters. Every
// query of the reports and exports goes through `reportWhereSql` / `reportWhere`, so the scope can
// never be forgotten: a representative sees only what their organization's subtree gathered (and
// the online opinions of its locality), in the statistics, the themes and every export alike.

export interface ReportQuery {
  consultationId: string;
  filters: ReportFilters;
  /** The viewer's scope (scopeFor). */
  scope: OrganizationScope;
  /** The chosen organization's subtree, when the filters name one inside the viewer's scope. */
  organizationScope: OrganizationScope | null;
  /** The version the filters' number names (opinions written on it); null without that filter. */
  versionId: string | null;
}

export interface Viewer {
  id: string;
  role: string;
  organizationId: string | null;
}

/**
 * The query of a report for a viewer: the viewer's scope, and the filters checked against it — an
 * organization outside the scope, an unknown province or a commune of another province is dropped
 * (the page then shows what the viewer may see, never an error).
 */
export async function reportQuery(db: Db, viewer: Viewer, consultationId: string, requested: ReportFilters): Promise<ReportQuery> {
  const filters = { ...requested };
  if (filters.province && !findProvince(filters.province)) delete filters.province;
  if (filters.commune && findCommune(filters.commune)?.provinceCode !== filters.province) delete filters.commune;
  const scope = await scopeFor(db, viewer);
  let organizationScope: OrganizationScope | null = null;
  if (filters.org) {
    const chosen = await scopeFor(db, { role: "ORG_REP", organizationId: filters.org });
    const inside = chosen.kind === "subtree" && (scope.kind === "all" || (scope.kind === "subtree" && chosen.path.startsWith(scope.path)));
    if (inside) organizationScope = chosen;
    else delete filters.org;
  }
  let versionId: string | null = null;
  if (filters.version !== undefined) {
    const version = await db.documentVersion.findFirst({ where: { consultationId, number: filters.version, status: "PUBLISHED" }, select: { id: true } });
    if (version) versionId = version.id;
    else delete filters.version;
  }
  return { consultationId, filters, scope, organizationScope, versionId };
}

/** The condition on the Comment table aliased `alias`, with its `?` parameters in order. */
export function reportWhereSql(query: ReportQuery, alias = "c"): { sql: string; params: unknown[] } {
  const { filters } = query;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  add(`${alias}."consultationId" = ?`, query.consultationId);
  const statuses = STATUS_CHOICES[filters.status].statuses;
  add(`${alias}."status" IN (${statuses.map(() => "?").join(", ")})`, ...statuses);
  if (filters.channel) add(`${alias}."channel" = ?`, filters.channel);
  if (filters.province) add(`${alias}."provinceCode" = ?`, filters.province);
  if (filters.commune) add(`${alias}."communeCode" = ?`, filters.commune);
  const { start, end } = dateRange(filters);
  if (start) add(`${alias}."createdAt" >= ?`, start);
  if (end) add(`${alias}."createdAt" < ?`, end);
  if (query.versionId) add(`${alias}."versionId" = ?`, query.versionId);
  if (filters.disposition === "UNANSWERED") add(`${alias}."answerId" IS NULL`);
  else if (filters.disposition) {
    add(
      `${alias}."answerId" IN (SELECT ans."id" FROM "Answer" ans WHERE ans."consultationId" = ? AND CAST(ans."disposition" AS TEXT) = ?)`,
      query.consultationId,
      filters.disposition,
    );
  }
  for (const scope of [query.scope, query.organizationScope]) {
    if (!scope || scope.kind === "all") continue;
    const part = commentScopeSql(scope, alias);
    add(part.sql, ...part.params);
  }
  return { sql: where.join(" AND "), params };
}

/** The same condition for Prisma. */
export function reportWhere(query: ReportQuery): Prisma.CommentWhereInput {
  const { filters } = query;
  const { start, end } = dateRange(filters);
  const and: Prisma.CommentWhereInput[] = [{ consultationId: query.consultationId, status: { in: [...STATUS_CHOICES[filters.status].statuses] } }];
  if (filters.channel) and.push({ channel: filters.channel });
  if (filters.province) and.push({ provinceCode: filters.province });
  if (filters.commune) and.push({ communeCode: filters.commune });
  if (start || end) and.push({ createdAt: { ...(start ? { gte: start } : {}), ...(end ? { lt: end } : {}) } });
  if (query.versionId) and.push({ versionId: query.versionId });
  if (filters.disposition === "UNANSWERED") and.push({ answerId: null });
  else if (filters.disposition) and.push({ answer: { disposition: filters.disposition } });
  for (const scope of [query.scope, query.organizationScope]) if (scope && scope.kind !== "all") and.push(commentScopeWhere(scope));
  return { AND: and };
}
