// The published versions of a draft as readers reach them (ADR 038): the list for the switcher, an
// earlier version's page, what changed between two versions (computed from their Block rows by key and
// kept in memory: published versions never change), and where the blocks the current version no longer
// has can still be read.

import type { Db } from "~/platform/db.server.ts";
import { getPublishedDocument } from "../consultations.server.ts";
import type { BlockMark } from "../document-body.ts";
import { blockAnchor } from "../urls.ts";
import {
  changedKeys,
  collapseKept,
  countChanges,
  diffBlocks,
  type BlockChange,
  type ChangeCounts,
  type DiffBlock,
  paginateChanges,
  type ShownChange,
} from "./block-diff.ts";
import { CHANGES_PER_PAGE } from "./paths.ts";
import { changesPath } from "./paths.ts";

export interface PublishedVersion {
  id: string;
  number: number;
  publishedAt: Date | null;
}

/** The published versions of a consultation, oldest first. */
export function listPublishedVersions(db: Db, consultationId: string): Promise<PublishedVersion[]> {
  return db.documentVersion.findMany({
    where: { consultationId, status: "PUBLISHED" },
    orderBy: { number: "asc" },
    select: { id: true, number: true, publishedAt: true },
  });
}

export interface VersionDiff {
  changes: BlockChange[];
  counts: ChangeCounts;
  /** The changes as shown, runs of unchanged blocks collapsed. */
  shown: ShownChange[];
}

const MAX_DIFFS = 64;
const diffs = new Map<string, Promise<VersionDiff>>();

/**
 * What changed from one published version to another, computed once per process and pair (the
 * `MAX_DIFFS` most recently computed pairs are kept).
 */
export function versionDiff(db: Db, fromVersionId: string, toVersionId: string): Promise<VersionDiff> {
  const key = `${fromVersionId}>${toVersionId}`;
  const known = diffs.get(key);
  if (known) return known;
  const computed = computeDiff(db, fromVersionId, toVersionId);
  diffs.set(key, computed);
  // A failed read is not kept; the oldest pair goes when there are too many.
  computed.catch(() => diffs.delete(key));
  if (diffs.size > MAX_DIFFS) diffs.delete(diffs.keys().next().value!);
  return computed;
}

async function computeDiff(db: Db, fromVersionId: string, toVersionId: string): Promise<VersionDiff> {
  const [from, to] = await Promise.all([versionBlocks(db, fromVersionId), versionBlocks(db, toVersionId)]);
  const changes = diffBlocks(from, to);
  return { changes, counts: countChanges(changes), shown: collapseKept(changes) };
}

const versionBlocks = (db: Db, versionId: string): Promise<DiffBlock[]> =>
  db.block.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { key: true, label: true, text: true } });

/** The published version before this one (by number), or null for the first. */
async function previousVersion(db: Db, version: { id: string; number: number }) {
  const { consultationId } = await db.documentVersion.findUniqueOrThrow({ where: { id: version.id }, select: { consultationId: true } });
  return db.documentVersion.findFirst({
    where: { consultationId, status: "PUBLISHED", number: { lt: version.number } },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
}

/**
 * The marks on a version's page: "Đã sửa so với bản số N" under each block changed since the published
 * version before it, and "Mới ở bản này" under each new one, linking to its place on the changes page.
 */
export function marksFor(db: Db, slug: string) {
  return async (version: { id: string; number: number }): Promise<Map<string, BlockMark>> => {
    const marks = new Map<string, BlockMark>();
    const previous = await previousVersion(db, version);
    if (!previous) return marks;
    const { changes, shown } = await versionDiff(db, previous.id, version.id);
    const marked = changedKeys(changes);
    const pageOf = new Map<string, number>();
    paginateChanges(shown, CHANGES_PER_PAGE).forEach((items, i) => items.forEach((item) => item.kind !== "unchanged" && pageOf.set(item.key, i + 1)));
    for (const c of changes) {
      if (!marked.has(c.key)) continue;
      const href = `${changesPath(slug, previous.number, version.number, pageOf.get(c.key))}#${blockAnchor(c.key)}`;
      marks.set(c.key, { href, text: c.kind === "new" ? `Mới so với bản số ${previous.number}` : `Đã sửa so với bản số ${previous.number}` });
    }
    return marks;
  };
}

/**
 * A draft's page: the version readers comment on (no `number`) or an earlier published one, with the
 * published versions for the switcher and the keys of blocks that earlier versions had and this one
 * does not (each with the last version that has it), so that an old link to one can say where it went.
 */
export async function readDraft(db: Db, slug: string, number?: number, now = new Date()) {
  const page = await getPublishedDocument(db, slug, now, { number, marks: marksFor(db, slug) });
  if (!page) return null;
  const versions = await listPublishedVersions(db, page.consultation.id);
  const gone = versions.length > 1 ? await missingKeys(db, page.consultation.id, page.version.id, versions.at(-1)!.id) : {};
  return { ...page, versions, gone };
}

const MAX_MISSING = 32;
const missing = new Map<string, Promise<Record<string, number>>>();

/**
 * Keys of the consultation's other published versions that `versionId` does not have → the last version
 * number that has each. Kept per version and latest version (a new publication adds keys).
 */
function missingKeys(db: Db, consultationId: string, versionId: string, latestId: string) {
  const key = `${versionId}<${latestId}`;
  const known = missing.get(key);
  if (known) return known;
  const computed = (async () => {
    const rows = await db.block.findMany({
      where: { version: { consultationId, status: "PUBLISHED" } },
      select: { key: true, versionId: true, version: { select: { number: true } } },
    });
    const here = new Set(rows.filter((r) => r.versionId === versionId).map((r) => r.key));
    const out: Record<string, number> = {};
    for (const r of rows) if (!here.has(r.key)) out[r.key] = Math.max(out[r.key] ?? 0, r.version.number);
    return out;
  })();
  missing.set(key, computed);
  computed.catch(() => missing.delete(key));
  if (missing.size > MAX_MISSING) missing.delete(missing.keys().next().value!);
  return computed;
}
