import { randomUUID } from "node:crypto";
import { announce } from "@search/outbox/outbox.server.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { findCommune, findProvince } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { isKind, isLevel, localityShape, type OrganizationKind, type OrganizationLevel } from "./kinds.ts";
import type { OrganizationValues } from "./organization-form.ts";
import { treeOrder } from "./scope.server.ts";
import { buildPaths, checkTree, withDescendants, type LocalityLookup, type TreeNode, type TreeProblem } from "./tree.ts";

// Creating, editing, moving and importing organizations. Every change goes the same way: read the
// whole tree, apply the change in memory, check the resulting tree (tree.ts), then write the rows
// that differ (with their new paths) and the audit rows in one serializable transaction. The tree
// is small (tens of thousands of rows for a whole country) and changed rarely, by an administrator.

export type Tx = Prisma.TransactionClient;
export type Actor = { id: string };

export type StoredOrganization = TreeNode & { path: string };

export const TRANSACTION_OPTIONS = { isolationLevel: "Serializable", maxWait: 10_000, timeout: 300_000 } as const;

export const CONFLICT_MESSAGE = "Cây tổ chức vừa được người khác thay đổi. Vui lòng tải lại trang rồi thử lại.";

/** Names of localities from app/localities. */
export const localityLookup: LocalityLookup = {
  name: (code) => (localityShape(code) === "province" ? findProvince(code)?.name : localityShape(code) === "commune" ? findCommune(code)?.name : undefined),
  provinceOfCommune: (code) => findCommune(code)?.provinceCode,
};

export async function loadTree(db: Db | Tx): Promise<Map<string, StoredOrganization>> {
  const rows = await db.organization.findMany({
    select: { id: true, name: true, code: true, level: true, kind: true, parentId: true, localityCode: true, path: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The tree for the page: every organization in reading order with its depth and how many accounts it has. */
export async function listOrganizationTree(db: Db) {
  const [rows, users] = await Promise.all([
    db.organization.findMany({
      select: { id: true, name: true, code: true, level: true, kind: true, parentId: true, localityCode: true, path: true },
    }),
    db.user.groupBy({ by: ["organizationId"], _count: { _all: true }, where: { organizationId: { not: null } } }),
  ]);
  const userCount = new Map(users.map((u) => [u.organizationId, u._count._all]));
  return treeOrder(rows).map((row) => ({
    ...row,
    depth: Math.max(0, row.path.split("/").length - 3),
    users: userCount.get(row.id) ?? 0,
  }));
}

export type ChangeResult = { ok: true; created: string[]; updated: string[] } | { ok: false; problems: TreeProblem[]; formError?: string };

export interface PlannedChange {
  /** An existing organization's id, or a new one's (made up by the caller). */
  id: string;
  values: OrganizationValues;
}

const FIELDS = ["name", "code", "level", "kind", "parentId", "localityCode"] as const;

/**
 * Applies changes to the tree in `tx`: checks the tree they would give, then writes new rows,
 * changed rows and moved paths. Returns the problems instead (nothing written) when the tree would
 * be wrong. The caller writes its audit rows in the same transaction.
 */
export async function applyChanges(
  tx: Tx,
  changes: readonly PlannedChange[],
  loaded?: Map<string, StoredOrganization>,
): Promise<ChangeResult & { before: Map<string, StoredOrganization>; after: Map<string, TreeNode> }> {
  const before = loaded ?? (await loadTree(tx));
  const after = new Map<string, TreeNode>(before);
  for (const change of changes) after.set(change.id, { id: change.id, ...change.values });
  const changed = new Set(changes.map((c) => c.id));
  const affected = withDescendants(after, changed);
  const problems = checkTree(after, affected, localityLookup);
  if (problems.length) return { ok: false, problems, before, after };

  const { paths } = buildPaths(after);
  const created: string[] = [];
  const updated: string[] = [];
  const fresh: Prisma.OrganizationCreateManyInput[] = [];
  for (const change of changes) {
    if (!before.has(change.id)) {
      fresh.push({ id: change.id, ...change.values, path: paths.get(change.id)! });
      created.push(change.id);
    }
  }
  // Parents first, so that no insert names a parent that is not there yet.
  fresh.sort((a, b) => a.path!.length - b.path!.length);
  for (let i = 0; i < fresh.length; i += 500) await tx.organization.createMany({ data: fresh.slice(i, i + 500) });

  for (const id of affected) {
    const old = before.get(id);
    if (!old) continue;
    const next = after.get(id)!;
    const path = paths.get(id)!;
    const data: Prisma.OrganizationUncheckedUpdateInput = {};
    for (const field of FIELDS) if (old[field] !== next[field]) (data as Record<string, unknown>)[field] = next[field];
    if (old.path !== path) data.path = path;
    if (Object.keys(data).length === 0) continue;
    await tx.organization.update({ where: { id }, data });
    // The search documents of the opinions it gathered carry its name: they are rebuilt (search/README.md).
    if (data.name !== undefined) await reindexGathered(tx, id);
    // Rows below a moved organization only change their path: not "updated" for the person.
    if (changed.has(id) && Object.keys(data).some((key) => key !== "path")) updated.push(id);
  }
  return { ok: true, created, updated, before, after };
}

/** Announces, through the search outbox, every opinion an organization gathered (committed with the change). */
async function reindexGathered(tx: Tx, organizationId: string): Promise<void> {
  const gathered = await tx.comment.findMany({ where: { organizationId }, select: { id: true } });
  await announce(
    tx,
    "comment",
    gathered.map((c) => c.id),
    new Date(),
  );
}

/** True for errors a retry would fix: a serialization failure (PostgreSQL) or a busy database (SQLite). */
export function isConflict(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? "") + " " + String((error as Error)?.message ?? "");
  return /P2034|40001|could not serialize|SQLITE_BUSY|database is locked|write conflict|deadlock/i.test(text);
}

export type SaveResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string>; formError?: string };

function fieldErrorsOf(problems: TreeProblem[], id: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    // A problem of a descendant (its locality no longer fits) is shown on the field that caused it.
    const field = problem.id === id ? problem.field : problem.field === "localityCode" ? "localityCode" : "parentId";
    errors[field] ??= problem.id === id ? problem.message : `Tổ chức trực thuộc: ${problem.message}`;
  }
  // The page shows the locality under its province or commune list.
  if (errors.localityCode) errors.locality = errors.localityCode;
  return errors;
}

function snapshot(node: TreeNode | undefined) {
  if (!node) return null;
  const { name, code, level, kind, parentId, localityCode } = node;
  return JSON.stringify({ name, code, level, kind, parentId, localityCode });
}

export async function createOrganization(db: Db, actor: Actor, values: OrganizationValues): Promise<SaveResult> {
  const id = randomUUID();
  return save(db, actor, id, values, "org-create");
}

export async function updateOrganization(db: Db, actor: Actor, id: string, values: OrganizationValues): Promise<SaveResult | null> {
  if (!(await db.organization.findUnique({ where: { id }, select: { id: true } }))) return null;
  return save(db, actor, id, values, "org-update");
}

async function save(db: Db, actor: Actor, id: string, values: OrganizationValues, action: "org-create" | "org-update"): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      const result = await applyChanges(tx, [{ id, values }]);
      if (!result.ok) return { ok: false as const, fieldErrors: fieldErrorsOf(result.problems, id) };
      const previous = snapshot(result.before.get(id));
      const next = snapshot({ id, ...values });
      if (previous !== next) {
        await appendAudit(tx, { action, actorId: actor.id, subject: `organization:${id}`, before: previous, after: next, note: values.name });
      }
      return { ok: true as const, id };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isConflict(error)) return { ok: false, fieldErrors: {}, formError: CONFLICT_MESSAGE };
    throw error;
  }
}

export async function getOrganization(db: Db, id: string) {
  return db.organization.findUnique({
    where: { id },
    select: { id: true, name: true, code: true, level: true, kind: true, parentId: true, localityCode: true, path: true },
  });
}

/** A stored row's level and kind as the vocabulary types (the columns are a Prisma enum and a string). */
export function typedValues(row: {
  name: string;
  code: string | null;
  level: string;
  kind: string;
  parentId: string | null;
  localityCode: string | null;
}): OrganizationValues {
  return {
    name: row.name,
    code: row.code,
    level: isLevel(row.level) ? row.level : ("COMMUNE" as OrganizationLevel),
    kind: isKind(row.kind) ? row.kind : ("KHAC" as OrganizationKind),
    parentId: row.parentId,
    localityCode: row.localityCode,
  };
}
