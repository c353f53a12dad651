// Answers (tiếp thu, giải trình) straight in the database for the report and search tests: an Answer row
// and Comment.answerId/answeredAt on the opinions it covers (tests may write tables directly; the app
// records answers through app/answers/). Also a second published version with the same blocks.
import { randomBytes } from "node:crypto";
import type { Disposition } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";

export interface AnswerInput {
  consultationId: string;
  commentIds: string[];
  disposition: Disposition;
  explanation: string;
  sectionKey: string | null;
  groupId?: string | null;
  versionId?: string | null;
  blockKeys?: string[];
  at?: Date;
}

export async function createAnswer(db: Db, input: AnswerInput): Promise<string> {
  const at = input.at ?? new Date();
  const answer = await db.answer.create({
    data: {
      consultationId: input.consultationId,
      disposition: input.disposition,
      explanation: input.explanation,
      scope: input.groupId ? "GROUP" : input.commentIds.length > 1 ? "SELECTION" : "COMMENT",
      groupId: input.groupId ?? null,
      versionId: input.versionId ?? null,
      blockKeys: JSON.stringify(input.blockKeys ?? []),
      sectionKey: input.sectionKey,
      commentCount: input.commentIds.length,
      createdById: "test",
      updatedById: "test",
      createdAt: at,
    },
    select: { id: true },
  });
  await db.comment.updateMany({ where: { id: { in: input.commentIds } }, data: { answerId: answer.id, answeredAt: at } });
  return answer.id;
}

/** A near-duplicate group of the given approved opinions (the first one shown). */
export async function createGroup(db: Db, consultationId: string, blockKey: string | null, commentIds: string[]): Promise<string> {
  const id = `g${randomBytes(6).toString("hex")}`;
  await db.duplicateGroup.create({
    data: {
      id,
      consultationId,
      blockKey,
      representativeId: commentIds[0]!,
      size: commentIds.length,
      approvedCount: commentIds.length,
      publicCommentId: commentIds[0]!,
    },
  });
  await db.comment.updateMany({ where: { id: { in: commentIds } }, data: { groupId: id } });
  return id;
}

/** Version N+1 of the published version, with the same blocks (keys kept), published and current. */
export async function publishCopy(
  db: Db,
  consultationId: string,
  edit: (text: string, key: string) => string = (t) => t,
): Promise<{ id: string; number: number }> {
  const consultation = await db.consultation.findUniqueOrThrow({ where: { id: consultationId }, select: { publishedVersionId: true } });
  const current = await db.documentVersion.findUniqueOrThrow({ where: { id: consultation.publishedVersionId! }, include: { blocks: true } });
  const next = await db.documentVersion.create({
    data: {
      consultationId,
      number: current.number + 1,
      title: current.title,
      content: current.content as object,
      status: "PUBLISHED",
      publishedAt: new Date(),
      basedOnId: current.id,
      blocks: {
        create: current.blocks.map((b) => ({
          key: b.key,
          position: b.position,
          kind: b.kind,
          level: b.level,
          number: b.number,
          label: b.label,
          text: edit(b.text, b.key),
          html: b.html,
        })),
      },
    },
    select: { id: true, number: true },
  });
  await db.consultation.update({ where: { id: consultationId }, data: { publishedVersionId: next.id } });
  return next;
}
