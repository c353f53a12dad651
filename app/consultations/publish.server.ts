import { z } from "zod";
import { announce } from "@search/outbox/outbox.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { documentToBlocks } from "./document/blocks.ts";
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

/**
 * Publishing writes the version's blocks as rows (text, label and HTML rendered once, here) and
 * makes it the version readers see. A published version is never rewritten.
 */
export async function publishVersion(db: Db, versionId: string) {
  const version = await db.documentVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: { consultation: { select: { slug: true } } },
  });
  if (version.status === "PUBLISHED") throw new Error(`Version ${versionId} is already published`);
  const rows = documentToBlocks(version.content as Parameters<typeof documentToBlocks>[0]);
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.block.createMany({ data: rows.map((row) => ({ ...row, versionId })) });
    await tx.documentVersion.update({ where: { id: versionId }, data: { status: "PUBLISHED", publishedAt: now } });
    await tx.consultation.update({ where: { id: version.consultationId }, data: { publishedVersionId: versionId } });
    // The search index learns of the new version's blocks through its outbox (search/README.md).
    await announce(tx, "version", versionId, now);
  }, { timeout: 60_000 });
  // The draft's pages and the home page list change; publishing is rare, so forget every cached page.
  invalidatePages();
  return rows.length;
}
