import { FileRefused, type RefusalReason } from "~/files/refusal.ts";

// Why a draft file was refused, in the words a person reads: Vietnamese, saying what to do instead.
// (The ZIP reader's own refusals, app/files/refusal.ts, cover broken, encrypted and oversized archives.)

const count = (n: number) => n.toLocaleString("vi-VN");
const ACCEPTED = "Vui lòng tải lên dự thảo dạng Word (.docx), Markdown (.md) hoặc văn bản thuần (.txt).";

export const DRAFT_REFUSALS = {
  noFile: `Vui lòng chọn tệp dự thảo để tải lên. ${ACCEPTED}`,
  legacyDoc: "Tệp Word 97-2003 (.doc) không được hỗ trợ. Vui lòng mở tệp trong Word, chọn Lưu thành (Save As) › Tài liệu Word (*.docx), rồi tải tệp .docx lên.",
  encrypted:
    "Tệp Word được đặt mật khẩu nên không đọc được. Vui lòng mở tệp trong Word, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ tài liệu › Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên lại.",
  macro:
    "Tệp Word có macro (.docm) không được nhận vì macro có thể chứa mã độc. Vui lòng mở tệp trong Word, chọn Lưu thành › Tài liệu Word (*.docx) (không có macro), rồi tải lên lại.",
  otherFormat: (what: string) => `Tệp này là ${what}, không phải loại tệp dự thảo được nhận. ${ACCEPTED}`,
  notDocx:
    "Tệp có tên .docx nhưng nội dung không phải tài liệu Word (có thể tệp đã bị đổi đuôi). Vui lòng mở tệp bằng chương trình đã tạo ra nó, lưu lại dưới dạng .docx rồi tải lên lại.",
  noMainDocument:
    "Tệp không có phần nội dung chính của tài liệu Word (word/document.xml): tệp bị hỏng hoặc không phải .docx. Vui lòng mở tệp trong Word, lưu lại rồi tải lên lại.",
  noText:
    "Tài liệu không có chữ nào để nhập (có thể chỉ có hình ảnh hoặc dòng trống). Dự thảo cần được gõ thành chữ, không phải ảnh chụp: vui lòng kiểm tra lại tệp.",
  tooComplex: (max: number) =>
    `Tài liệu quá lớn hoặc quá phức tạp để đọc (hơn ${count(max)} thành phần định dạng). Vui lòng chia dự thảo thành nhiều tệp, hoặc lưu lại với ít định dạng hơn, rồi tải lên lại.`,
  tooMuchText: (max: number) => `Tài liệu có quá nhiều chữ (hơn ${count(max)} ký tự). Vui lòng chia dự thảo thành nhiều tệp rồi tải lên lại.`,
  outOfMemory:
    "Tài liệu cần quá nhiều bộ nhớ để đọc nên đã dừng lại. Vui lòng chia dự thảo thành nhiều tệp, hoặc lưu lại với ít định dạng hơn, rồi tải lên lại.",
  tooSlow: (seconds: number) => `Tài liệu cần quá nhiều thời gian để đọc (hơn ${count(seconds)} giây). Vui lòng chia dự thảo thành nhiều tệp rồi tải lên lại.`,
  unreadable: "Không đọc được nội dung tài liệu Word: tệp bị hỏng hoặc có cấu trúc lạ. Vui lòng mở tệp trong Word, lưu lại dưới dạng .docx rồi tải lên lại.",
};

/**
 * A draft file refused with a message for the person who sent it; nothing was stored. A FileRefused, so
 * that the readers of app/files (which pass their own refusals through) pass it through too.
 */
export class DraftFileRefused extends FileRefused {
  constructor(message: string, reason: RefusalReason = "format") {
    super(reason, message);
    this.name = "DraftFileRefused";
  }
}
