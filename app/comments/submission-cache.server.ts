import type { Db } from "~/platform/db.server.ts";
import { onPublicStateChange } from "~/platform/public-state.server.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";

// What every submission needs to know about its consultation and block, kept in memory: a
// consultation's settings for a few seconds (an editor's change shows within that time in other
// processes, at once in the one that made it; opening and closing times are checked against the clock
// on every submission), a published version's block
// texts for good (a published version never changes).
const CONSULTATION_TTL_MS = 5_000;
const MAX_VERSIONS = 64;

type Caches = {
  consultations: Map<string, { at: number; value: Awaited<ReturnType<typeof loadConsultation>> }>;
  versions: Map<string, Promise<Map<string, { text: string; section: string | null }>>>;
};
// One set of caches per database client (tests use several databases in one process).
const byDb = new WeakMap<Db, Caches>();
function caches(db: Db): Caches {
  let c = byDb.get(db);
  if (!c) byDb.set(db, (c = { consultations: new Map(), versions: new Map() }));
  return c;
}

function loadConsultation(db: Db, slug: string) {
  return db.consultation.findUnique({
    where: { slug },
    select: { id: true, status: true, opensAt: true, closesAt: true, commentCharLimit: true, publishedVersionId: true, acceptsOnline: true },
  });
}

export async function consultationForSubmission(db: Db, slug: string, now: Date) {
  const { consultations } = caches(db);
  const hit = consultations.get(slug);
  if (hit && now.getTime() - hit.at < CONSULTATION_TTL_MS && hit.at <= now.getTime()) return hit.value;
  const value = await loadConsultation(db, slug);
  if (consultations.size > 1_000) consultations.clear();
  consultations.set(slug, { at: now.getTime(), value });
  return value;
}

/** The block's text and section in a published version, or null when the version has no such block. */
export async function blockInfo(db: Db, versionId: string, key: string): Promise<{ text: string; section: string | null } | null> {
  const { versions } = caches(db);
  let blocks = versions.get(versionId);
  if (!blocks) {
    blocks = db.block
      .findMany({ where: { versionId }, select: { key: true, text: true, kind: true, level: true }, orderBy: { position: "asc" } })
      .then((rows) => {
        const sections = sectionOfBlocks(rows);
        return new Map(rows.map((row) => [row.key, { text: row.text, section: sections.get(row.key) ?? null }]));
      });
    blocks.catch(() => versions.delete(versionId));
    versions.set(versionId, blocks);
    if (versions.size > MAX_VERSIONS) versions.delete(versions.keys().next().value!);
  }
  return (await blocks).get(key) ?? null;
}

// A change of a consultation's state or settings in this process (app/platform/public-state.server.ts).
onPublicStateChange((db) => forgetConsultationSettings(db));

/** Forgets the cached settings of every consultation (after a change of state or settings in this process). */
export function forgetConsultationSettings(db: Db): void {
  caches(db).consultations.clear();
}
