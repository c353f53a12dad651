import type { JSONContent } from "@tiptap/core";
import type { Db } from "~/platform/db.server.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { buildDraftDocx } from "./docx.server.ts";
import { DRAFT_FILE_LAYOUT, draftCover, draftPieces } from "./draft-file.ts";
import type { DraftFormat } from "./paths.ts";
import { buildDraftPdf } from "./pdf.server.ts";

// A published version's files (ADR 049). A published version is never rewritten, so each file is built
// once — on its first download — and kept in the DraftFile table, where every app server finds it: no
// server's disk holds it, and a second server does not build it again. Builds in one process are single
// file (one at a time, the memory of one build at most) and shared by concurrent requests for the same
// file. Two servers asked at the same instant may both build; the second write changes nothing.

export interface DraftFileBytes {
  bytes: Uint8Array<ArrayBuffer>;
  size: number;
}

const builds = () =>
  singleton("draft-file-builds", () => ({ running: new Map<string, Promise<DraftFileBytes>>(), queue: Promise.resolve() as Promise<unknown> }));

/** The file of a published version in `format`: the kept one, or built now and kept. */
export async function draftFile(db: Db, versionId: string, format: DraftFormat): Promise<DraftFileBytes> {
  const kept = await db.draftFile.findUnique({ where: { versionId_format: { versionId, format } }, select: { bytes: true, size: true, layout: true } });
  if (kept && kept.layout === DRAFT_FILE_LAYOUT) return { bytes: kept.bytes as Uint8Array<ArrayBuffer>, size: kept.size };
  const key = `${versionId}.${format}`;
  const state = builds();
  let build = state.running.get(key);
  if (!build) {
    // One build at a time in this process: a burst of first downloads of several versions queues.
    const queued = state.queue.then(() => buildAndKeep(db, versionId, format));
    state.queue = queued.catch(() => undefined);
    build = queued.finally(() => state.running.delete(key));
    state.running.set(key, build);
  }
  return build;
}

/** Builds the file from the version's document and keeps it (replacing one of an older layout). */
export async function buildAndKeep(db: Db, versionId: string, format: DraftFormat): Promise<DraftFileBytes> {
  const version = await db.documentVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { title: true, number: true, publishedAt: true, content: true, status: true },
  });
  if (version.status !== "PUBLISHED") throw new Error(`Version ${versionId} is not published`);
  const bytes = await buildDraftBytes(version, format);
  const data = { layout: DRAFT_FILE_LAYOUT, bytes, size: bytes.length };
  try {
    await db.draftFile.upsert({ where: { versionId_format: { versionId, format } }, create: { versionId, format, ...data }, update: data });
  } catch (error) {
    // Another server wrote the same file first (both created it at once): theirs is as good as ours.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return { bytes, size: bytes.length };
}

/** The file's bytes for a version's title, number, date and document. */
export function buildDraftBytes(
  version: { title: string; number: number; publishedAt: Date | null; content: unknown },
  format: DraftFormat,
): Promise<Uint8Array<ArrayBuffer>> {
  const cover = draftCover(version);
  const pieces = draftPieces(version.content as JSONContent);
  return (format === "pdf" ? buildDraftPdf(cover, pieces) : buildDraftDocx(cover, pieces)).then((buffer) => new Uint8Array(buffer));
}
