import { randomUUID } from "node:crypto";
import type { AnsweredComment } from "~/comments/comment-store.server.ts";
import { responseReportPath } from "~/consultations/urls.ts";
import type { Disposition } from "~/generated/sqlite/client.ts";
import { answerEmail } from "~/notifications/answer-email.ts";
import { insertNotificationRows, type QueueConfig } from "~/notifications/outbox.server.ts";
import type { SqlTx } from "~/platform/sql.server.ts";
import { DISPOSITION_LABELS } from "./dispositions.ts";

// The answers' side of the email outbox: inside the answer's own transaction, one Notification row per
// covered opinion whose author gave an email and agreed to be written to about it (Comment.mayContact);
// none when SMTP is not configured (ADR 011, 039).

export interface AnswerNotice {
  consultation: { slug: string; title: string };
  disposition: Disposition;
  explanation: string;
  corrected: boolean;
}

/** Whom an answer is emailed to: opinions with an email whose author ticked "Gửi thư cho tôi khi góp ý này được trả lời". */
export function shouldEmail(comment: Pick<AnsweredComment, "authorEmail" | "mayContact">): boolean {
  return comment.mayContact && Boolean(comment.authorEmail?.trim());
}

export async function queueAnswerEmails(tx: SqlTx, comments: readonly AnsweredComment[], notice: AnswerNotice, mail: QueueConfig, now: Date): Promise<number> {
  if (!mail) return 0;
  const rows = comments.filter(shouldEmail).map((c) => {
    const { subject, text } = answerEmail({
      authorName: c.authorName,
      consultationTitle: notice.consultation.title,
      originalText: c.originalText,
      receiptToken: c.receiptToken,
      publicUrl: mail.publicUrl,
      disposition: DISPOSITION_LABELS[notice.disposition],
      explanation: notice.explanation,
      reportPath: responseReportPath(notice.consultation.slug),
      corrected: notice.corrected,
    });
    return { id: randomUUID(), commentId: c.id, to: c.authorEmail!.trim(), subject, text };
  });
  await insertNotificationRows(tx, rows, now);
  return rows.length;
}
