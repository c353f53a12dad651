import { RECEIPT_STATUS_LABEL } from "~/comments/receipt-status.ts";
import type { ReceiptStatus } from "~/comments/receipt-status.ts";
import { formatDateTime } from "~/platform/format.ts";
import { oneLine, SIGNATURE, statusLink, type Email } from "./decision-email.ts";

// The email that sends an author the private links of their comments again (issue 17, ADR 049): plain
// text, Vietnamese, NFC. Pure: everything it says comes from its input. It says nothing of what the
// comments say (only the draft, the date and the status), in case the mailbox is read by someone else.

export interface RecoveredReceipt {
  consultationTitle: string;
  createdAt: Date;
  status: ReceiptStatus;
  receiptToken: string;
}

/** At most this many links in one email (the newest). */
export const MAX_RECEIPTS_IN_EMAIL = 100;

export function recoveryEmail(input: { receipts: RecoveredReceipt[]; total: number; publicUrl: string }): Email {
  const lines = ["Kính gửi bạn,", ""];
  lines.push(
    "Chúng tôi nhận được yêu cầu gửi lại đường dẫn theo dõi các góp ý đã gửi kèm địa chỉ thư điện tử này. Dưới đây là các góp ý đó, mới nhất trước; mỗi đường dẫn mở trang tình trạng riêng của một góp ý (chỉ người có đường dẫn mới xem được, xin đừng chia sẻ).",
  );
  input.receipts.forEach((receipt, i) => {
    const label = RECEIPT_STATUS_LABEL[receipt.status];
    lines.push(
      "",
      `${i + 1}. Góp ý về “${oneLine(receipt.consultationTitle)}”, gửi lúc ${formatDateTime(receipt.createdAt)} — ${label.charAt(0).toLocaleLowerCase("vi")}${label.slice(1)}`,
      `   ${statusLink(input.publicUrl, receipt.receiptToken)}`,
    );
  });
  if (input.total > input.receipts.length) lines.push("", `Thư chỉ liệt kê ${input.receipts.length} góp ý mới nhất trong tổng số ${input.total}.`);
  lines.push("", "Nếu bạn không yêu cầu, hãy bỏ qua thư này: không ai khác nhận được các đường dẫn trên.", ...SIGNATURE);
  return { subject: "Đường dẫn theo dõi các góp ý của bạn".normalize("NFC"), text: lines.join("\n").normalize("NFC") };
}
