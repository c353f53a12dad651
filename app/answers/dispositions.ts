import type { AnswerScope, Disposition } from "~/generated/sqlite/client.ts";

// The vocabulary of answers (tiếp thu, giải trình): what became of an opinion, in the order the
// report to the Party committee lists them.

export const DISPOSITIONS = ["ADOPTED", "PARTLY_ADOPTED", "EXPLAINED", "ALREADY_IN_DRAFT"] as const satisfies readonly Disposition[];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  ADOPTED: "Tiếp thu",
  PARTLY_ADOPTED: "Tiếp thu một phần",
  EXPLAINED: "Giải trình (không tiếp thu)",
  ALREADY_IN_DRAFT: "Đã có trong dự thảo",
};

export const ANSWER_SCOPES = ["COMMENT", "SELECTION", "GROUP", "THEME"] as const satisfies readonly AnswerScope[];

export const ANSWER_SCOPE_LABELS: Record<AnswerScope, string> = {
  COMMENT: "Một ý kiến",
  SELECTION: "Các ý kiến đã chọn",
  GROUP: "Cả nhóm ý kiến tương tự",
  THEME: "Cả chủ đề",
};

export function isDisposition(value: unknown): value is Disposition {
  return typeof value === "string" && (DISPOSITIONS as readonly string[]).includes(value);
}
