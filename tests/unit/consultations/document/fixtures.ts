import { readFileSync } from "node:fs";

/** The 2013 Constitution as raw bytes: shared/ is a sibling of the repository, locally and in CI. */
export function readConstitution(): Uint8Array {
  return readFileSync(new URL("../../../../../shared/corpus/hien-phap-2013.txt", import.meta.url));
}

/** A small political-report-style draft: Phần thứ …, "I." sections, "1." clauses, "a)" points, "-" items. */
export const REPORT_TEXT = [
  "BÁO CÁO CHÍNH TRỊ",
  "(Dự thảo)",
  "",
  "Phần thứ nhất",
  "ĐÁNH GIÁ TÌNH HÌNH",
  "I. KẾT QUẢ ĐẠT ĐƯỢC",
  "Mở đầu của mục.",
  "1. Kinh tế tăng trưởng khá.",
  "a) Tăng trưởng GDP bình quân 6%.",
  "b) Lạm phát được kiểm soát.",
  "- Xuất khẩu tăng.",
  "• Thu hút đầu tư tăng.",
  "2. Văn hóa – xã hội có tiến bộ.",
  "II. HẠN CHẾ",
  "Còn nhiều hạn chế.",
  "Phần thứ hai: Phương hướng",
  "Tiếp tục đổi mới.",
].join("\n");
