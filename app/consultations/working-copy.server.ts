import type { JSONContent } from "@tiptap/core";
import { appendAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { sqlDate, type SqlDriver } from "~/platform/sql.server.ts";
import { documentToBlocks, type BlockRow } from "./document/blocks.ts";
import { blockChanges, changesLine } from "./document/changes.ts";
import { newBlockId } from "./document/extensions.ts";
import { PublishConflictError, publishVersion, StalePublishError } from "./publish.server.ts";

// The working copy (bản làm việc) of a consultation: its newest DocumentVersion still in status DRAFT.
// The importer replaces it, the editor saves it, publishing turns it into the version readers see.
// Every write names the revision it started from; a write against an older revision is a conflict and
// changes nothing (two people editing never overwrite each other in silence).

export type WorkingCopySource = "docx" | "markdown" | "text" | "editor" | "seed";

export interface WorkingCopy {
  id: string;
  consultationId: string;
  number: number;
  title: string;
  content: JSONContent;
  revision: number;
  source: string;
  updatedById: string | null;
  updatedAt: Date;
  /** The published version this copy revises (ADR 037). */
  basedOnId: string | null;
  /** How an imported revision's blocks were matched to that version's (versions/match.ts). */
  matchReport: unknown;
}

export type SaveResult =
  | { status: "saved"; versionId: string; revision: number; updatedAt: Date }
  | { status: "conflict"; revision: number; updatedById: string | null; updatedAt: Date }
  | { status: "missing" };

const SELECT = {
  id: true,
  consultationId: true,
  number: true,
  title: true,
  content: true,
  revision: true,
  source: true,
  updatedById: true,
  updatedAt: true,
  basedOnId: true,
  matchReport: true,
} as const;

export async function getWorkingCopy(db: Db, consultationId: string): Promise<WorkingCopy | null> {
  const row = await db.documentVersion.findFirst({
    where: { consultationId, status: "DRAFT" },
    orderBy: { number: "desc" },
    select: SELECT,
  });
  return row ? { ...row, content: row.content as JSONContent } : null;
}

/**
 * Puts a whole document in as the working copy (an import, or the first copy of a new consultation):
 * creates it when there is none, else replaces its content, provided the caller read `baseRevision`
 * (null: the caller saw no working copy).
 */
export async function replaceWorkingCopy(
  db: Db,
  input: {
    consultationId: string;
    title: string;
    content: JSONContent;
    source: WorkingCopySource;
    actorId: string | null;
    baseRevision: number | null;
    note?: string;
    /** The published version it revises, and (an import) how its blocks were matched to it. */
    basedOnId?: string | null;
    matchReport?: object;
  },
  now: Date = new Date(),
): Promise<SaveResult> {
  const revises = {
    ...(input.basedOnId !== undefined ? { basedOnId: input.basedOnId } : {}),
    ...(input.matchReport !== undefined ? { matchReport: input.matchReport } : {}),
  };
  return db.$transaction(async (tx) => {
    const current = await tx.documentVersion.findFirst({
      where: { consultationId: input.consultationId, status: "DRAFT" },
      orderBy: { number: "desc" },
      select: { id: true, revision: true, updatedById: true, updatedAt: true },
    });
    if (current && current.revision !== input.baseRevision) {
      return { status: "conflict", revision: current.revision, updatedById: current.updatedById, updatedAt: current.updatedAt } as const;
    }
    if (!current && input.baseRevision !== null) return { status: "missing" } as const;
    let saved: { id: string; revision: number; updatedAt: Date };
    if (current) {
      saved = await tx.documentVersion.update({
        where: { id: current.id },
        data: {
          title: input.title,
          content: input.content as object,
          source: input.source,
          updatedById: input.actorId,
          revision: { increment: 1 },
          updatedAt: now,
          ...revises,
        },
        select: { id: true, revision: true, updatedAt: true },
      });
    } else {
      const last = await tx.documentVersion.aggregate({ where: { consultationId: input.consultationId }, _max: { number: true } });
      saved = await tx.documentVersion.create({
        data: {
          consultationId: input.consultationId,
          number: (last._max.number ?? 0) + 1,
          title: input.title,
          content: input.content as object,
          source: input.source,
          updatedById: input.actorId,
          revision: 1,
          updatedAt: now,
          ...revises,
        },
        select: { id: true, revision: true, updatedAt: true },
      });
    }
    await appendAudit(
      tx,
      { action: "draft-import", actorId: input.actorId, subject: `consultation:${input.consultationId}`, after: input.source, note: input.note ?? null },
      now,
    );
    return { status: "saved", versionId: saved.id, revision: saved.revision, updatedAt: saved.updatedAt } as const;
  });
}

/**
 * Saves the editor's document over the working copy it was loaded from. One conditional write: it
 * applies only while the stored revision is still `baseRevision` (and the copy is still a draft of
 * `consultationId`, when given). The document goes in as JSON text through the driver (ADR 036): a
 * 1 MB document costs Prisma's Json parameter 3–5 times, its raw statement 2–10 times, what the
 * driver takes, and the autosave of a long draft must answer within 200 ms.
 */
export async function saveWorkingCopy(
  sql: SqlDriver,
  input: { versionId: string; baseRevision: number; content: JSONContent; title?: string; actorId: string | null; consultationId?: string },
  now: Date = new Date(),
): Promise<SaveResult> {
  const json = sql.provider === "postgresql" ? "CAST(? AS jsonb)" : "?";
  const title = input.title ? `, "title" = ?` : "";
  const ofConsultation = input.consultationId ? ` AND "consultationId" = ?` : "";
  const changed = await sql.run(
    `UPDATE "DocumentVersion" SET "content" = ${json}, "source" = 'editor', "updatedById" = ?, "revision" = "revision" + 1, "updatedAt" = ?${title}
     WHERE "id" = ? AND "status" = 'DRAFT' AND "revision" = ?${ofConsultation}`,
    [
      JSON.stringify(input.content),
      input.actorId,
      now,
      ...(input.title ? [input.title] : []),
      input.versionId,
      input.baseRevision,
      ...(input.consultationId ? [input.consultationId] : []),
    ],
  );
  if (changed === 1) return { status: "saved", versionId: input.versionId, revision: input.baseRevision + 1, updatedAt: now };
  const [current] = await sql.all<{ status: string; revision: number; updatedById: string | null; updatedAt: unknown; consultationId: string }>(
    `SELECT "status", "revision", "updatedById", "updatedAt", "consultationId" FROM "DocumentVersion" WHERE "id" = ?`,
    [input.versionId],
  );
  if (!current || current.status !== "DRAFT" || (input.consultationId && current.consultationId !== input.consultationId)) return { status: "missing" };
  return { status: "conflict", revision: Number(current.revision), updatedById: current.updatedById, updatedAt: sqlDate(current.updatedAt) };
}

/**
 * Saves a correction of the matches (versions/review.server.ts): the content with the block ids
 * changed and the match report, in one write conditional on `baseRevision`, with its audit row.
 */
export async function saveMatchCorrection(
  db: Db,
  input: { versionId: string; consultationId: string; baseRevision: number; content: JSONContent; matchReport: object; actorId: string | null; note: string },
  now: Date = new Date(),
): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const changed = await tx.documentVersion.updateMany({
      where: { id: input.versionId, consultationId: input.consultationId, status: "DRAFT", revision: input.baseRevision },
      data: { content: input.content as object, matchReport: input.matchReport, updatedById: input.actorId, revision: { increment: 1 }, updatedAt: now },
    });
    const current = await tx.documentVersion.findUnique({
      where: { id: input.versionId },
      select: { status: true, consultationId: true, revision: true, updatedById: true, updatedAt: true },
    });
    if (!current || current.status !== "DRAFT" || current.consultationId !== input.consultationId) return { status: "missing" } as const;
    if (changed.count !== 1) return { status: "conflict", revision: current.revision, updatedById: current.updatedById, updatedAt: current.updatedAt } as const;
    await appendAudit(tx, { action: "draft-match", actorId: input.actorId, subject: `consultation:${input.consultationId}`, note: input.note }, now);
    return { status: "saved", versionId: input.versionId, revision: current.revision, updatedAt: current.updatedAt } as const;
  });
}

export type PublishResult =
  | { status: "published"; blocks: number; number: number }
  | { status: "conflict"; revision: number; updatedById: string | null; updatedAt: Date }
  | { status: "missing" }
  | { status: "invalid"; message: string }
  /** The version this copy revises is no longer the published one: someone published in between. */
  | { status: "stale"; publishedNumber: number | null }
  /** An imported revision whose matches nobody confirmed having reviewed. */
  | { status: "unreviewed" };

/**
 * Publishes the working copy it was given at `baseRevision` (the existing publish path renders its
 * blocks) and logs who did it, in the same transaction. A newer save, a copy with nothing to read,
 * or blocks that cannot be published (an id missing or twice) publish nothing. A copy that revises
 * a version (basedOnId) is published only while that version is still the published one ("stale"),
 * and an imported revision (with a match report) only with `reviewConfirmed` ("unreviewed", ADR 037).
 * Comments are neither read nor written: they stay attached by (consultation, block key).
 */
export async function publishWorkingCopy(
  db: Db,
  input: { versionId: string; baseRevision: number; actorId: string | null; consultationId?: string; reviewConfirmed?: boolean },
  now: Date = new Date(),
): Promise<PublishResult> {
  const version = await db.documentVersion.findUnique({
    where: { id: input.versionId },
    select: {
      status: true,
      revision: true,
      consultationId: true,
      number: true,
      content: true,
      updatedById: true,
      updatedAt: true,
      basedOnId: true,
      matchReport: true,
      consultation: { select: { publishedVersionId: true, publishedVersion: { select: { number: true } } } },
    },
  });
  if (!version || version.status !== "DRAFT" || (input.consultationId && version.consultationId !== input.consultationId)) return { status: "missing" };
  const conflict = () => ({ status: "conflict", revision: version.revision, updatedById: version.updatedById, updatedAt: version.updatedAt }) as const;
  if (version.revision !== input.baseRevision) return conflict();
  const stale = () => ({ status: "stale", publishedNumber: version.consultation.publishedVersion?.number ?? null }) as const;
  if (version.basedOnId && version.consultation.publishedVersionId !== version.basedOnId) return stale();
  if (version.matchReport != null && !input.reviewConfirmed) return { status: "unreviewed" };
  // Rendered once, here: publishVersion takes these rows for this revision (it checks the revision again).
  let rows: BlockRow[];
  try {
    rows = documentToBlocks(version.content as JSONContent);
  } catch (error) {
    return { status: "invalid", message: error instanceof Error ? error.message : String(error) };
  }
  if (rows.length === 0) return { status: "invalid", message: "Bản làm việc chưa có nội dung nào để công bố." };
  const before = version.basedOnId ? await db.block.findMany({ where: { versionId: version.basedOnId }, select: { key: true, text: true } }) : [];
  const changes = version.basedOnId ? `: ${changesLine(blockChanges(before, rows))}` : "";
  try {
    const blocks = await publishVersion(db, input.versionId, {
      revision: input.baseRevision,
      rows,
      now,
      ...(version.basedOnId ? { replacing: version.basedOnId } : {}),
      inTransaction: (tx) =>
        appendAudit(
          tx,
          {
            action: "draft-publish",
            actorId: input.actorId,
            subject: `consultation:${version.consultationId}`,
            after: `v${version.number}`,
            note: `${rows.length} khối${changes}`,
          },
          now,
        ),
    });
    return { status: "published", blocks, number: version.number };
  } catch (error) {
    if (error instanceof StalePublishError) {
      const published = await db.consultation.findUnique({ where: { id: version.consultationId }, select: { publishedVersion: { select: { number: true } } } });
      return { status: "stale", publishedNumber: published?.publishedVersion?.number ?? null };
    }
    if (!(error instanceof PublishConflictError)) throw error;
    const latest = await getWorkingCopy(db, version.consultationId);
    if (!latest || latest.id !== input.versionId) return { status: "missing" };
    return { status: "conflict", revision: latest.revision, updatedById: latest.updatedById, updatedAt: latest.updatedAt };
  }
}

/** A document with one empty paragraph: what a new working copy starts from. */
export function emptyDocument(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph", attrs: { id: newBlockId(), kind: null, number: null } }] };
}

/**
 * Creates the working copy when there is none: a copy of the version readers see (same block ids,
 * so comments stay attached) or an empty document. "missing" when the consultation (or, from the
 * published version, that version) does not exist; "conflict" when someone created one meanwhile.
 */
export async function startWorkingCopy(
  db: Db,
  input: { consultationId: string; from: "published" | "empty"; actorId: string | null },
  now: Date = new Date(),
): Promise<SaveResult> {
  const consultation = await db.consultation.findUnique({
    where: { id: input.consultationId },
    select: { title: true, publishedVersion: { select: { id: true, number: true, title: true, content: true } } },
  });
  if (!consultation) return { status: "missing" };
  const published = consultation.publishedVersion;
  if (input.from === "published" && !published) return { status: "missing" };
  return replaceWorkingCopy(
    db,
    {
      consultationId: input.consultationId,
      title: published?.title ?? consultation.title,
      content: input.from === "published" ? (published!.content as JSONContent) : emptyDocument(),
      source: "editor",
      actorId: input.actorId,
      baseRevision: null,
      note: input.from === "published" ? `Bản làm việc mới, chép từ phiên bản ${published!.number} đang công bố` : "Bản làm việc mới, để trống",
      // Either way it revises the version readers see, if there is one (ADR 037).
      basedOnId: published?.id ?? null,
    },
    now,
  );
}
