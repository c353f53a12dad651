import { z } from "zod";
import type { AnswerScope, Disposition } from "~/generated/sqlite/client.ts";
import { normalizeText } from "~/text/normalize.ts";
import { DISPOSITIONS } from "./dispositions.ts";

// What the answer form sends, checked (zod) before anything is read from the database: the
// disposition, the explanation, which opinions it covers, and the blocks that took them in. Pure:
// the page and the tests share it; answers.server.ts adds the checks that need data.

export const ANSWER_LIMITS = {
  explanation: 5_000,
  /** Opinions one selection may name (a group or a theme goes by its id, without this limit). */
  selection: 5_000,
  blockKeys: 200,
} as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().regex(ID, message);

/** The opinions an answer covers. A theme is a key phrase (folded, app/reports/themes/key-phrases.ts) within a section or the whole draft. */
export type AnswerTarget =
  | { scope: "COMMENT"; commentId: string }
  | { scope: "SELECTION"; commentIds: string[] }
  | { scope: "GROUP"; groupId: string }
  | { scope: "THEME"; sectionKey: string | null; phrase: string };

export interface AnswerText {
  disposition: Disposition;
  explanation: string;
  versionId: string | null;
  blockKeys: string[];
}

export interface AnswerInput extends AnswerText {
  consultationId: string;
  target: AnswerTarget;
  /** The person confirmed "thay câu trả lời cũ": opinions answered before move to this answer. */
  replace: boolean;
}

const disposition = z.enum(DISPOSITIONS, {
  errorMap: () => ({ message: "Hãy chọn một trong các hình thức: Tiếp thu, Tiếp thu một phần, Giải trình (không tiếp thu), Đã có trong dự thảo." }),
});

const explanation = z.preprocess(
  (v) => (typeof v === "string" ? normalizeText(v, { multiline: true }) : ""),
  z
    .string()
    .min(1, "Hãy viết nội dung tiếp thu hoặc giải trình.")
    .refine((t) => [...t].length <= ANSWER_LIMITS.explanation, `Nội dung không được quá ${ANSWER_LIMITS.explanation.toLocaleString("vi-VN")} ký tự.`),
);

const blocks = z
  .object({
    versionId: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), id("Phiên bản không hợp lệ.").nullable()),
    blockKeys: z
      .array(id("Đoạn không hợp lệ."))
      .max(ANSWER_LIMITS.blockKeys, `Tối đa ${ANSWER_LIMITS.blockKeys} đoạn.`)
      .default([])
      .transform((keys) => [...new Set(keys)]),
  })
  .refine((b) => b.blockKeys.length === 0 || b.versionId !== null, { message: "Hãy chọn phiên bản có các đoạn đã tiếp thu.", path: ["blockKeys"] });

const target = z.discriminatedUnion(
  "scope",
  [
    z.object({ scope: z.literal("COMMENT"), commentId: id("Chưa chọn ý kiến.") }),
    z.object({
      scope: z.literal("SELECTION"),
      commentIds: z
        .array(id("Ý kiến không hợp lệ."))
        .min(1, "Chưa chọn ý kiến nào.")
        .max(ANSWER_LIMITS.selection, `Mỗi lần chỉ trả lời tối đa ${ANSWER_LIMITS.selection.toLocaleString("vi-VN")} ý kiến đã chọn.`)
        .transform((ids) => [...new Set(ids)]),
    }),
    z.object({ scope: z.literal("GROUP"), groupId: id("Chưa chọn nhóm ý kiến.") }),
    z.object({
      scope: z.literal("THEME"),
      sectionKey: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), id("Phần không hợp lệ.").nullable()),
      phrase: z
        .string({ required_error: "Chưa chọn chủ đề." })
        .trim()
        .min(3, "Chưa chọn chủ đề.")
        .max(200, "Chủ đề không hợp lệ.")
        .regex(/^[a-z0-9]+( [a-z0-9]+)+$/, "Chủ đề không hợp lệ."),
    }),
  ],
  { errorMap: () => ({ message: "Chưa chọn ý kiến cần trả lời." }) },
);

export const answerInputSchema: z.ZodType<AnswerInput, z.ZodTypeDef, unknown> = z
  .object({
    consultationId: id("Không rõ dự thảo."),
    disposition,
    explanation,
    target,
    replace: z.boolean().default(false),
  })
  .and(blocks)
  .transform((v) => ({ ...v, replace: v.replace ?? false }));

export const correctionSchema = z
  .object({
    revision: z.coerce.number({ invalid_type_error: "Biểu mẫu không hợp lệ, hãy tải lại trang." }).int().min(1, "Biểu mẫu không hợp lệ, hãy tải lại trang."),
    disposition,
    explanation,
  })
  .and(blocks);

export type CorrectionInput = z.infer<typeof correctionSchema>;

const SCOPES = new Set<AnswerScope>(["COMMENT", "SELECTION", "GROUP", "THEME"]);

/**
 * The answer form's fields as the schema's input: `scope`, `commentId` / `commentIds` (checkboxes) /
 * `groupId` / `sectionKey` + `phrase`, `disposition`, `explanation`, `versionId`, `blockKeys`
 * (checkboxes), `replace` ("1" once confirmed).
 */
export function answerFormInput(form: FormData, consultationId: string): unknown {
  const scope = String(form.get("scope") ?? "");
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  return {
    consultationId,
    disposition: text("disposition"),
    explanation: text("explanation"),
    versionId: text("versionId"),
    blockKeys: strings("blockKeys"),
    replace: text("replace") === "1",
    target: SCOPES.has(scope as AnswerScope)
      ? {
          scope,
          commentId: text("commentId"),
          commentIds: strings("commentIds"),
          groupId: text("groupId"),
          sectionKey: text("sectionKey"),
          phrase: text("phrase"),
        }
      : undefined,
  };
}

/** The correction form's fields as the correction schema's input. */
export function correctionFormInput(form: FormData): unknown {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    revision: text("revision"),
    disposition: text("disposition"),
    explanation: text("explanation"),
    versionId: text("versionId"),
    blockKeys: form.getAll("blockKeys").filter((v): v is string => typeof v === "string" && v !== ""),
  };
}
