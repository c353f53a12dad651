// What the author's status page says about their comment.
export type ReceiptStatus = "pending" | "approved" | "edited" | "rejected";

export const RECEIPT_STATUS_LABEL: Record<ReceiptStatus, string> = {
  pending: "Đang chờ biên tập",
  approved: "Đã được đăng",
  edited: "Đã được đăng sau khi biên tập",
  rejected: "Không được đăng",
};

/** A comment's status as its author reads it: published after editing when the public text differs. */
export function receiptStatusOf(comment: { status: string; publishedText: string | null }): ReceiptStatus {
  return comment.status === "PENDING" ? "pending" : comment.status === "REJECTED" ? "rejected" : comment.publishedText ? "edited" : "approved";
}
