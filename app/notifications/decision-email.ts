import { RECEIPT_STATUS_LABEL } from "~/comments/receipt-status.ts";

// The email telling an author what became of their comment: plain text, Vietnamese, NFC.
// Pure: everything it says comes from its input.

/** A moderation decision, in the status page's words (app/comments/receipt-status.ts). */
export type Decision =
  | { status: "approved" }
  /** Approved after a moderator edited it: `publishedText` is what the public sees. */
  | { status: "edited"; publishedText: string }
  | { status: "rejected"; reason: string | null; note?: string | null };

export interface DecisionEmailInput {
  authorName: string;
  consultationTitle: string;
  /** What the author sent (Comment.originalText). */
  originalText: string;
  /** Where the comment was made, e.g. "Chương I › Điều 2"; null or absent for the whole draft. */
  target?: string | null;
  receiptToken: string;
  /** The site's base URL, without a trailing slash (MailConfig.publicUrl). */
  publicUrl: string;
  decision: Decision;
}

export interface Email {
  subject: string;
  text: string;
}

/** The author's private status page. */
export function statusLink(publicUrl: string, receiptToken: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/y-kien/${encodeURIComponent(receiptToken)}`;
}

const SUBJECT_TITLE_MAX = 90;

/** The end of every email to an author. */
export const SIGNATURE = [
  "",
  "Cảm ơn bạn đã đóng góp ý kiến.",
  "",
  "Trân trọng,",
  "Ban biên tập Góp ý dự thảo văn kiện",
  "",
  "Thư này được gửi tự động, xin đừng trả lời.",
];

export function decisionEmail(input: DecisionEmailInput): Email {
  const title = oneLine(input.consultationTitle);
  const name = oneLine(input.authorName);
  const { decision } = input;

  // "đã được đăng", "đã được đăng sau khi biên tập", "không được đăng": the status page's words.
  const label = RECEIPT_STATUS_LABEL[decision.status];
  const outcome = label.charAt(0).toLocaleLowerCase("vi") + label.slice(1);
  const subject = `Góp ý của bạn về “${shorten(title, SUBJECT_TITLE_MAX)}” ${outcome}`;

  const lines: string[] = [name ? `Kính gửi ${name},` : "Kính gửi bạn,", ""];
  lines.push(`Góp ý của bạn về “${title}” ${outcome}.`);
  if (decision.status === "approved") {
    lines.push("Mọi người đọc dự thảo đều có thể xem góp ý này.");
  } else if (decision.status === "edited") {
    lines.push("Ban biên tập đã chỉnh sửa một số chỗ trước khi đăng; dưới đây là nội dung được đăng và nội dung gốc bạn đã gửi.");
  } else {
    const reason = oneLine(decision.reason ?? "");
    const note = block(decision.note ?? "");
    if (reason) lines.push("", `Lý do: ${reason}`);
    if (note) lines.push("", "Ghi chú của ban biên tập:", quote(note));
  }
  lines.push("", `Góp ý vào: ${oneLine(input.target ?? "") || "Toàn văn dự thảo"}`);

  if (decision.status === "edited") {
    lines.push("", "Nội dung được đăng:", quote(block(decision.publishedText)), "", "Nội dung gốc bạn đã gửi:", quote(block(input.originalText)));
  } else {
    lines.push("", "Nội dung bạn đã gửi:", quote(block(input.originalText)));
  }

  lines.push(
    "",
    "Xem tình trạng góp ý của bạn tại đường dẫn theo dõi riêng (chỉ người có đường dẫn mới xem được, xin đừng chia sẻ):",
    statusLink(input.publicUrl, input.receiptToken),
    ...SIGNATURE,
  );

  return { subject: subject.normalize("NFC"), text: lines.join("\n").normalize("NFC") };
}

// Titles and names go in one line (a subject with a line break would be a broken header).
export const oneLine = (value: string) => value.normalize("NFC").replace(/\s+/g, " ").trim();

// Multi-line text: Unix line ends, no trailing spaces.
export const block = (value: string) =>
  value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();

// Quoted text is indented, so that it stands apart from what the email itself says.
export const quote = (value: string) =>
  value
    .split("\n")
    .map((line) => (line ? `    ${line}` : ""))
    .join("\n");

export function shorten(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}
