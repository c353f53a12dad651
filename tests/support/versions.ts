// A second published version for the reading tests: the published content's top-level blocks revised
// (kept, edited, added, removed) in a working copy, then published the way the editor publishes.
import type { JSONContent } from "@tiptap/core";
import { newBlockId } from "~/consultations/document/extensions.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { getWorkingCopy, publishWorkingCopy, replaceWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";

/** A block's plain text. */
export const textOf = (node: JSONContent) => (node.content ?? []).map((t) => t.text ?? "").join("");

/** The same block (same id: its comments stay attached) with another text. */
export const withText = (node: JSONContent, text: string): JSONContent => ({ ...node, content: [{ type: "text", text }] });

/** A new paragraph with a fresh id. */
export const newParagraph = (text: string): JSONContent => ({
  type: "paragraph",
  attrs: { id: newBlockId(), kind: "paragraph", number: null },
  content: [{ type: "text", text }],
});

const DAY = 86_400_000;

/** A consultation open since yesterday for 30 days, its first version published from `text`: its id, that version's id and blocks in order. */
export async function openDraftFromText(db: Db, slug: string, text: string) {
  const now = Date.now();
  const { consultation } = await createConsultationFromText(
    db,
    { slug, status: "OPEN", opensAt: new Date(now - DAY), closesAt: new Date(now + 30 * DAY) },
    text,
  );
  const versionId = consultation.versions[0].id;
  const blocks = await db.block.findMany({ where: { versionId }, orderBy: { position: "asc" } });
  return { consultationId: consultation.id, versionId, blocks };
}

/** Publishes the next version: `revise` gets the published version's top-level blocks and returns the new ones. Its number. */
export async function publishRevision(db: Db, consultationId: string, revise: (blocks: JSONContent[]) => JSONContent[]) {
  const copy =
    (await getWorkingCopy(db, consultationId)) ??
    (await startWorkingCopy(db, { consultationId, from: "published", actorId: null }), await getWorkingCopy(db, consultationId));
  if (!copy) throw new Error("no working copy");
  const saved = await replaceWorkingCopy(db, {
    consultationId,
    title: copy.title,
    content: { ...copy.content, content: revise(copy.content.content ?? []) },
    source: "editor",
    actorId: null,
    baseRevision: copy.revision,
  });
  if (saved.status !== "saved") throw new Error(saved.status);
  const published = await publishWorkingCopy(db, { versionId: saved.versionId, baseRevision: saved.revision, actorId: null });
  if (published.status !== "published") throw new Error(published.status);
  return published.number;
}
