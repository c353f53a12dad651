import { block, oneLine, quote, shorten, SIGNATURE, statusLink, type Email } from "./decision-email.ts";

// The email telling an author that the drafting team answered their opinion (tiếp thu, giải trình):
// plain text, Vietnamese, NFC. Pure: everything it says comes from its input.

export interface AnswerEmailInput {
  authorName: string;
  consultationTitle: string;
  /** What the author sent (Comment.originalText). */
  originalText: string;
  receiptToken: string;
  /** The site's base URL, without a trailing slash (MailConfig.publicUrl). */
  publicUrl: string;
  /** The disposition in words ("Tiếp thu", "Giải trình (không tiếp thu)", …). */
  disposition: string;
  explanation: string;
  /** The public response report's path ("/du-thao/<slug>/tiep-thu-giai-trinh"). */
  reportPath: string;
  /** A correction of an answer given before. */
  corrected: boolean;
}

const SUBJECT_TITLE_MAX = 90;

export function answerEmail(input: AnswerEmailInput): Email {
  const title = oneLine(input.consultationTitle);
  const name = oneLine(input.authorName);
  const verb = input.corrected ? "đã sửa câu trả lời cho" : "đã trả lời";
  const subject = `Ban soạn thảo ${verb} góp ý của bạn về “${shorten(title, SUBJECT_TITLE_MAX)}”`;
  const base = input.publicUrl.replace(/\/+$/, "");
  const lines = [
    name ? `Kính gửi ${name},` : "Kính gửi bạn,",
    "",
    `Ban soạn thảo ${verb} góp ý của bạn về “${title}”.`,
    "",
    `Ban soạn thảo đã trả lời: ${oneLine(input.disposition)}`,
    "",
    "Nội dung tiếp thu, giải trình:",
    quote(block(input.explanation)),
    "",
    "Nội dung bạn đã gửi:",
    quote(block(input.originalText)),
    "",
    "Xem tình trạng góp ý của bạn tại đường dẫn theo dõi riêng (chỉ người có đường dẫn mới xem được, xin đừng chia sẻ):",
    statusLink(input.publicUrl, input.receiptToken),
    "",
    "Báo cáo tiếp thu, giải trình ý kiến của dự thảo:",
    `${base}${input.reportPath}`,
    ...SIGNATURE,
  ];
  return { subject: subject.normalize("NFC"), text: lines.join("\n").normalize("NFC") };
}
