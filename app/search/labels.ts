import type { DocumentKind } from "@search/engine.ts";
import { formatCount } from "~/platform/format.ts";

// What the search page calls the values it filters on, and what it says.

export const UNAVAILABLE_MESSAGE = "Tìm kiếm tạm thời không khả dụng, vui lòng thử lại sau.";

export const KIND_LABELS: Record<DocumentKind, string> = {
  block: "Văn bản dự thảo",
  comment: "Ý kiến góp ý",
  answer: "Câu trả lời",
};

/** The version filter's choices (the empty value is every version). */
export const VERSION_LABELS = { all: "Mọi phiên bản", current: "Bản hiện hành" } as const;

/** Which version a paragraph is from: "Bản số 1", or "Bản số 2 (bản hiện hành)" for the consultation's current version. */
export function versionLabel(number: number, current: boolean): string {
  return `Bản số ${number}${current ? " (bản hiện hành)" : ""}`;
}

/** "Tán thành (120)"; "Tán thành (120+)" when the engine stopped counting; without a count (the engine gave none) just the label. */
export function withCount(label: string, count: number | undefined, atLeast = false): string {
  return count === undefined ? label : `${label} (${formatCount(count)}${atLeast ? "+" : ""})`;
}

/**
 * "Tìm thấy 1.234 kết quả", "Tìm thấy khoảng 1.000 kết quả" when the engine estimates, "Tìm thấy hơn
 * 10.000 kết quả" when it stopped counting.
 */
export function totalLine(total: number, estimate: boolean, capped = false): string {
  return `Tìm thấy ${capped ? "hơn " : estimate ? "khoảng " : ""}${formatCount(total)} kết quả`;
}
