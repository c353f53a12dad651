// What the consultation's page says after an action redirected to it (?thong-bao=…). Plain data: the page
// reads it in the browser too.

/** The notices a redirect names, in the words the page shows. */
export const NOTICES: Record<string, string> = {
  "da-tao": "Đã tạo đợt lấy ý kiến (bản nháp). Bước tiếp theo: nhập hoặc soạn bản dự thảo, công bố, rồi lên lịch.",
  "da-luu": "Đã lưu thông tin.",
  "khong-doi": "Không có gì thay đổi.",
  "da-len-lich": "Đã lên lịch: đợt lấy ý kiến tự mở và tự kết thúc theo thời gian đã đặt.",
  "da-mo": "Đợt lấy ý kiến đã mở.",
  "da-ket-thuc": "Đã kết thúc đợt lấy ý kiến; lý do đã được ghi vào nhật ký.",
  "da-gia-han": "Đã gia hạn đợt lấy ý kiến; lý do đã được ghi vào nhật ký.",
};
