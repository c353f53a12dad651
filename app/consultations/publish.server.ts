import { z } from "zod";
import { announce } from "@search/outbox/outbox.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { documentToBlocks, type BlockRow } from "./document/blocks.ts";
import { importStructuredText } from "./document/structured-text.ts";

export const newConsultationSchema = z.object({
  slug: z
    .string()
    .trim()
    .min(3)
    .max(80)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang."),
  title: z.string().trim().min(3).max(500).optional(),
  summary: z.string().trim().max(2000).default(""),
  status: z.enum(["DRAFT", "OPEN", "CLOSED"]).default("DRAFT"),
  opensAt: z.coerce.date().nullable().default(null),
  closesAt: z.coerce.date().nullable().default(null),
  commentCharLimit: z.number().int().min(100).max(20000).default(2000),
});
export type NewConsultation = z.input<typeof newConsultationSchema>;

/**
 * Creates a consultation from structured plain text (the importer's format) as version 1 and
 * publishes it. Nothing is written when the text cannot be imported.
 */
export async function createConsultationFromText(db: Db, input: NewConsultation, text: string | Uint8Array) {
  const fields = newConsultationSchema.parse(input);
  const imported = importStructuredText(text);
  const title = (fields.title ?? imported.title ?? fields.slug).normalize("NFC");
  const consultation = await db.consultation.create({
    data: {
      slug: fields.slug,
      title,
      summary: fields.summary.normalize("NFC"),
      status: fields.status,
      // Public from the start unless a draft: its slug is kept from now on (ADR 034).
      firstPublicAt: fields.status === "DRAFT" ? null : (fields.opensAt ?? new Date()),
      opensAt: fields.opensAt,
      closesAt: fields.closesAt,
      commentCharLimit: fields.commentCharLimit,
      versions: { create: { number: 1, title, content: imported.doc as object } },
    },
    include: { versions: true },
  });
  await publishVersion(db, consultation.versions[0].id);
  return { consultation, stats: imported.stats };
}

/** The version changed (a save, another publish) after it was read: nothing was published. */
export class PublishConflictError extends Error {
  constructor(versionId: string) {
    super(`Version ${versionId} changed while it was being published`);
    this.name = "PublishConflictError";
  }
}

/** The version was prepared against a published version that is no longer the one readers see. */
export class StalePublishError extends Error {
  constructor(versionId: string) {
    super(`Version ${versionId} revises a version that is no longer the published one`);
    this.name = "StalePublishError";
  }
}

/**
 * Publishing writes the version's blocks as rows (text, label and HTML rendered once, here) and
 * makes it the version readers see. A published version is never rewritten.
 * With `revision` (and the `rows` rendered from it, if the caller has them), the version is published
 * only while it is still that revision: the content rendered is the content published, even with an
 * autosave arriving meanwhile (that save then finds the version published and changes nothing).
 * `inTransaction` writes with the publication (its audit). With `replacing` (a version id, or null for
 * none), the version is published only while that one is still the published version (ADR 037).
 */
export async function publishVersion(
  db: Db,
  versionId: string,
  options: {
    revision?: number;
    rows?: BlockRow[];
    now?: Date;
    replacing?: string | null;
    inTransaction?: (tx: Pick<Db, "auditEvent">) => Promise<void>;
  } = {},
) {
  const version = await db.documentVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: { consultation: { select: { slug: true } } },
  });
  if (version.status === "PUBLISHED") throw new Error(`Version ${versionId} is already published`);
  if (options.rows && options.revision === undefined) throw new Error("Rows given without the revision they were rendered from");
  if (options.revision !== undefined && version.revision !== options.revision) throw new PublishConflictError(versionId);
  // Rows the caller rendered from this same revision, or rendered here.
  const rows = options.rows ?? documentToBlocks(version.content as Parameters<typeof documentToBlocks>[0]);
  const now = options.now ?? new Date();
  await db.$transaction(
    async (tx) => {
      // First, and conditional: a save or a second publish of the same version waits for this row, then changes nothing.
      const claimed = await tx.documentVersion.updateMany({
        where: { id: versionId, status: "DRAFT", revision: version.revision },
        data: { status: "PUBLISHED", publishedAt: now },
      });
      if (claimed.count !== 1) throw new PublishConflictError(versionId);
      await tx.block.createMany({ data: rows.map((row) => ({ ...row, versionId })) });
      const switched = await tx.consultation.updateMany({
        where: { id: version.consultationId, ...(options.replacing !== undefined ? { publishedVersionId: options.replacing } : {}) },
        data: { publishedVersionId: versionId },
      });
      if (switched.count !== 1) throw new StalePublishError(versionId);
      // The search index learns of the new version's blocks through its outbox (search/README.md).
      await announce(tx, "version", versionId, now);
      await options.inTransaction?.(tx);
    },
    { timeout: 60_000 },
  );
  // The draft's pages and the home page list change; publishing is rare, so forget every cached page.
  invalidatePages();
  return rows.length;
}
