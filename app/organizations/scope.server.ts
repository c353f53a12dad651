import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { localityShape } from "./kinds.ts";

// Who sees what: the one place that turns a staff member into the comments and organizations they
// may report on. The reports, exports and search code only ever ask this module (ADR 016).
//
// An organization's scope is its subtree (Organization.path is a prefix, "/<root>/…/<id>/"): the
// opinions gathered by any organization of the subtree (conferences, letters), plus the online
// opinions from the organization's own locality (a 2-digit province code or a 5-digit commune
// code; districts no longer exist since 1 July 2025, so a district organization has no locality and
// sees only what its subtree gathered).

export type OrganizationScope = { kind: "all" } | { kind: "none" } | { kind: "subtree"; organizationId: string; path: string; localityCode: string | null };

/** A materialized path: "/id/", "/root/…/id/". An empty or malformed one would match too much. */
const PATH_PATTERN = /^(\/[^/]+)+\/$/;

function assertPath(path: string): void {
  if (!PATH_PATTERN.test(path)) throw new Error(`Organization scope with an invalid path: ${JSON.stringify(path)}`);
}

/** The path of an organization, rebuilt from its parents when it was stored without one. */
async function pathOf(db: Db, organization: { id: string; parentId: string | null; path: string }): Promise<string> {
  if (PATH_PATTERN.test(organization.path) && organization.path.endsWith(`/${organization.id}/`)) return organization.path;
  const ids = [organization.id];
  let parentId = organization.parentId;
  while (parentId && !ids.includes(parentId)) {
    ids.unshift(parentId);
    const parent = await db.organization.findUnique({ where: { id: parentId }, select: { parentId: true } });
    parentId = parent?.parentId ?? null;
  }
  return `/${ids.join("/")}/`;
}

/** ADMIN/EDITOR without an organization → all; a user with an organization → its subtree; an ORG_REP without one → none. */
export async function scopeFor(db: Db, user: { role: string; organizationId: string | null }): Promise<OrganizationScope> {
  if (user.organizationId) {
    const organization = await db.organization.findUnique({
      where: { id: user.organizationId },
      select: { id: true, parentId: true, path: true, localityCode: true },
    });
    if (!organization) return { kind: "none" };
    return { kind: "subtree", organizationId: organization.id, path: await pathOf(db, organization), localityCode: organization.localityCode };
  }
  if (user.role === "ADMIN" || user.role === "EDITOR") return { kind: "all" };
  return { kind: "none" };
}

/** Which comment column holds a locality code of this shape: 2 digits → province, 5 → commune. */
function localityColumn(code: string | null): "provinceCode" | "communeCode" | null {
  const shape = localityShape(code);
  return shape === "province" ? "provinceCode" : shape === "commune" ? "communeCode" : null;
}

/** Prisma where for comments within the scope: opinions gathered by an organization of the subtree, plus online opinions whose province (2-digit localityCode) or commune (5-digit) is the organization's locality. */
export function commentScopeWhere(scope: OrganizationScope): Prisma.CommentWhereInput {
  if (scope.kind === "all") return {};
  if (scope.kind === "none") return { id: { in: [] } };
  assertPath(scope.path);
  const gathered: Prisma.CommentWhereInput = { organization: { is: { path: { startsWith: scope.path } } } };
  const column = localityColumn(scope.localityCode);
  if (!column) return gathered;
  return { OR: [gathered, { channel: "ONLINE", [column]: scope.localityCode }] };
}

/** A LIKE pattern matching strings that start with `prefix` (its own %, _ and \\ taken literally). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ALIAS_PATTERN = /^(?:[A-Za-z_][A-Za-z0-9_]*|"[A-Za-z_][A-Za-z0-9_]*")$/;

/**
 * The same as SQL (for raw queries on the driver): a condition on the Comment table aliased `alias`,
 * with its parameters (`?` placeholders, as app/platform/sql.server.ts takes them; in order).
 * The alias is written as given: `c` or `"Comment"`.
 */
export function commentScopeSql(scope: OrganizationScope, alias: string): { sql: string; params: unknown[] } {
  if (!ALIAS_PATTERN.test(alias)) throw new Error(`commentScopeSql: not a table alias: ${JSON.stringify(alias)}`);
  if (scope.kind === "all") return { sql: "1 = 1", params: [] };
  if (scope.kind === "none") return { sql: "1 = 0", params: [] };
  assertPath(scope.path);
  const gathered = `${alias}."organizationId" IN (SELECT o."id" FROM "Organization" o WHERE o."path" LIKE ? ESCAPE '\\')`;
  const column = localityColumn(scope.localityCode);
  if (!column) return { sql: `(${gathered})`, params: [likePrefix(scope.path)] };
  return {
    sql: `(${gathered} OR (${alias}."channel" = 'ONLINE' AND ${alias}."${column}" = ?))`,
    params: [likePrefix(scope.path), scope.localityCode],
  };
}

/** The organizations of the scope, as a tree in reading order (parents before children, siblings by name). */
export async function organizationsInScope(db: Db, scope: OrganizationScope): Promise<{ id: string; name: string; path: string; level: string }[]> {
  if (scope.kind === "none") return [];
  if (scope.kind === "subtree") assertPath(scope.path);
  const rows = await db.organization.findMany({
    where: scope.kind === "subtree" ? { path: { startsWith: scope.path } } : {},
    select: { id: true, name: true, path: true, level: true, parentId: true },
  });
  return treeOrder(rows).map(({ id, name, path, level }) => ({ id, name, path, level }));
}

const collator = new Intl.Collator("vi", { numeric: true });

/** Depth-first order: each organization followed by its children, siblings by name ("vi" collation). */
export function treeOrder<T extends { id: string; name: string; parentId: string | null }>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const key = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(key) ?? [];
    list.push(row);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      ordered.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}
