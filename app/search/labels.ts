import type { DocumentKind } from "@search/engine.ts";
import { formatCount } from "~/platform/format.ts";

// What the search page calls the values it filters on, and what it says.

export const UNAVAILABLE_MESSAGE = "Tìm kiếm tạm thời không khả dụng, vui lòng thử lại sau.";

export const KIND_LABELS: Record<DocumentKind, string> = {
  block: "Văn bản dự thảo",
  comment: "Ý kiến góp ý",
  answer: "Câu trả lời",
};

/** "Tán thành (120)"; without a count (the engine gave none) just the label. */
export function withCount(label: string, count: number | undefined): string {
  return count === undefined ? label : `${label} (${formatCount(count)})`;
}

/** "Tìm thấy 1.234 kết quả", "Tìm thấy khoảng 1.000 kết quả" when the engine estimates. */
export function totalLine(total: number, estimate: boolean): string {
  return `Tìm thấy ${estimate ? "khoảng " : ""}${formatCount(total)} kết quả`;
}
