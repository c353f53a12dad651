/** Why an import was refused. The code is for programs; the message is shown to the editor as is. */
export type DocumentImportErrorCode = "empty" | "binary" | "encoding" | "no-structure" | "too-large";

const MESSAGES: Record<DocumentImportErrorCode, string> = {
  empty: "Tệp không có nội dung. Hãy chọn tệp chứa toàn văn dự thảo rồi tải lên lại.",
  binary:
    "Tệp không phải văn bản thuần (có thể là tệp Word, PDF hoặc hình ảnh). " + "Hãy mở tệp, lưu lại dưới dạng văn bản thuần (.txt, mã UTF-8) rồi tải lên lại.",
  encoding:
    "Tệp không phải mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. " +
    "Hãy mở tệp bằng trình soạn thảo, chọn lưu với mã hóa UTF-8 (ví dụ Notepad: Lưu thành… › Mã hóa: UTF-8) rồi tải lên lại.",
  "no-structure":
    "Không nhận ra cấu trúc văn bản: cần có tiêu đề Phần / Chương / Mục / Điều, " +
    "mỗi tiêu đề nằm trên một dòng riêng (ví dụ «Chương I. NHỮNG QUY ĐỊNH CHUNG», «Điều 1. Phạm vi điều chỉnh», «I. KẾT QUẢ ĐẠT ĐƯỢC»). " +
    "Hãy bổ sung các tiêu đề này rồi tải lên lại.",
  "too-large": "Tệp quá lớn (giới hạn 5 MB). Hãy kiểm tra lại: một dự thảo văn bản thường chỉ vài trăm KB.",
};

export class DocumentImportError extends Error {
  readonly code: DocumentImportErrorCode;

  constructor(code: DocumentImportErrorCode, message: string = MESSAGES[code]) {
    super(message);
    this.name = "DocumentImportError";
    this.code = code;
  }
}
