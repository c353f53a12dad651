import type { Db } from "./db.server.ts";

// Run-time settings an administrator changes (stored in the database so every app server sees them),
// read through a short in-process cache so a hot path does not query them each time.
const CACHE_MS = 5_000;
// One cache per database client: a process (a test run) may talk to several databases.
const caches = new WeakMap<Db, Map<string, { value: string | null; at: number }>>();
function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const cache = cacheOf(db);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const row = await db.setting.findUnique({ where: { key } });
  cache.set(key, { value: row?.value ?? null, at: Date.now() });
  return row?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string) {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  cacheOf(db).set(key, { value, at: Date.now() });
}

/** Reads a setting, creating it with `create()` the first time (first writer wins across servers). */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  const existing = await getSetting(db, key);
  if (existing !== null) return existing;
  await db.setting.createMany({ data: [{ key, value: create() }] }).catch(() => undefined);
  cacheOf(db).delete(key);
  return (await getSetting(db, key))!;
}
