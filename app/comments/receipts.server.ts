import type { Db } from "~/platform/db.server.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import { receiptStatusOf, type ReceiptStatus } from "./receipt-status.ts";
import { shownProposal } from "./proposal.ts";

export const RECEIPT_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** What the author sees through the private link: their comment, where it is, and its status. */
export async function getReceipt(db: Db, token: string) {
  if (!RECEIPT_TOKEN.test(token)) return null;
  const comment = await db.comment.findUnique({
    where: { receiptToken: token },
    select: {
      blockKey: true,
      versionId: true,
      stance: true,
      originalText: true,
      publishedText: true,
      proposedText: true,
      status: true,
      rejectReason: true,
      quote: true,
      authorName: true,
      authorEmail: true,
      provinceCode: true,
      communeCode: true,
      createdAt: true,
      decidedAt: true,
      answeredAt: true,
      answer: { select: { disposition: true, explanation: true, updatedAt: true } },
      consultation: { select: { slug: true, title: true } },
      version: { select: { number: true } },
    },
  });
  if (!comment) return null;
  const block = comment.blockKey
    ? await db.block.findUnique({
        where: { versionId_key: { versionId: comment.versionId, key: comment.blockKey } },
        select: { label: true, text: true },
      })
    : null;
  const status: ReceiptStatus = receiptStatusOf(comment);
  return {
    status,
    stance: comment.stance,
    originalText: comment.originalText,
    publishedText: comment.publishedText,
    /** "Đề xuất sửa thành", as a diff from the passage or paragraph (ADR 047). */
    proposal: shownProposal(comment.quote ?? block?.text, comment.proposedText),
    rejectReason: comment.rejectReason,
    quote: comment.quote,
    authorName: comment.authorName,
    /** Whether the author left an email (the link can be sent again) or only a phone (the link is the only key). */
    hasEmail: Boolean(comment.authorEmail?.trim()),
    locality: describeLocality(comment.provinceCode, comment.communeCode),
    createdAt: comment.createdAt,
    decidedAt: comment.decidedAt,
    consultation: comment.consultation,
    /** The drafting team's answer (tiếp thu, giải trình), if any: its disposition, explanation and last change. */
    answer: comment.answer ? { ...comment.answer, answeredAt: comment.answeredAt } : null,
    blockKey: comment.blockKey,
    block,
    /** The version the author was reading. */
    versionNumber: comment.version.number,
  };
}
