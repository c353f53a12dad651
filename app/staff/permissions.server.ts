import type { Db } from "~/platform/db.server.ts";
import { isPermission, type Permission, type StaffRole } from "./permissions.ts";

// Role permissions change rarely (an administrator edits the table); every staff request needs them,
// so they are read through a short cache, one per database client (like settings.server.ts).
const CACHE_MS = 5_000;
const caches = new WeakMap<Db, Map<StaffRole, { permissions: ReadonlySet<Permission>; at: number }>>();

export async function permissionsOf(db: Db, role: StaffRole, now = Date.now()): Promise<ReadonlySet<Permission>> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(role);
  if (hit && now - hit.at < CACHE_MS) return hit.permissions;
  const rows = await db.rolePermission.findMany({ where: { role }, select: { permission: true } });
  // Unknown strings in the table (a permission removed from the code) grant nothing.
  const permissions: ReadonlySet<Permission> = new Set(rows.map((r) => r.permission).filter(isPermission));
  cache.set(role, { permissions, at: now });
  return permissions;
}

/** After an administrator changes the table: the next request reads it again. */
export function forgetPermissions(db: Db) {
  caches.delete(db);
}
