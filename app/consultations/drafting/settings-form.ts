import { z } from "zod";
import type { FieldErrors } from "~/platform/forms.ts";
import { normalizeText } from "~/text/normalize.ts";
import { CONSULTATION_KINDS, type ConsultationKindValue } from "~/vocabulary/vocabulary.ts";
import { DATE_TIME_HINT, parseVietnamDateTime, toDateTimeInput } from "./period.ts";
import { SLUG_MAX, SLUG_MIN, SLUG_PATTERN, slugFromTitle } from "./slug.ts";

// The settings of a consultation (create and edit pages): one zod schema, shared by the pages and the
// service. Text is cleaned (NFC, no invisible characters); times are read in Viet Nam's time; an empty
// slug is made from the title; unchecked channel boxes send nothing, so a missing box is "no".

export const SETTINGS_FIELDS = [
  "title",
  "slug",
  "summary",
  "issuingBody",
  "kind",
  "opensAt",
  "closesAt",
  "commentCharLimit",
  "acceptsOnline",
  "acceptsConference",
  "acceptsLetter",
] as const;
export type SettingsValues = Partial<Record<(typeof SETTINGS_FIELDS)[number], string>>;

/** The fields' names as the form labels them (for messages that list fields). */
export const SETTINGS_LABELS: Record<(typeof SETTINGS_FIELDS)[number], string> = {
  title: "Tiêu đề",
  slug: "Đường dẫn",
  summary: "Tóm tắt",
  issuingBody: "Cơ quan chủ trì soạn thảo",
  kind: "Loại văn bản",
  opensAt: "Bắt đầu",
  closesAt: "Kết thúc",
  commentCharLimit: "Số ký tự tối đa",
  acceptsOnline: "Nhận ý kiến trực tuyến",
  acceptsConference: "Nhận ý kiến qua hội nghị",
  acceptsLetter: "Nhận thư, văn bản góp ý",
};

export const COMMENT_LIMIT_MIN = 100;
export const COMMENT_LIMIT_MAX = 20_000;

const line = (max: number, message: string) =>
  z.preprocess((s) => (typeof s === "string" ? normalizeText(s, { multiline: false }) : ""), z.string().max(max, message));

const instant = (label: string) =>
  z.preprocess(
    (s) => (typeof s === "string" ? s.trim() : ""),
    z.string().transform((text, ctx): Date | null => {
      if (text === "") return null;
      const date = parseVietnamDateTime(text);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} không đọc được: ghi theo dạng ${DATE_TIME_HINT}.` });
        return z.NEVER;
      }
      return date;
    }),
  );

const checkbox = z.preprocess((s) => s === "on" || s === "1" || s === "true", z.boolean());

/** One zod schema per field, so that every field's message shows at once (a failed field does not hide the others'). */
export const settingsFieldSchemas = {
  title: line(300, "Tiêu đề dài tối đa 300 ký tự.").pipe(z.string().min(3, "Vui lòng nhập tiêu đề (ít nhất 3 ký tự).")),
  slug: z.preprocess((s) => (typeof s === "string" ? s.trim().toLowerCase() : ""), z.string().max(200, "Đường dẫn quá dài.")),
  summary: z.preprocess((s) => (typeof s === "string" ? normalizeText(s, { multiline: true }) : ""), z.string().max(2000, "Tóm tắt dài tối đa 2.000 ký tự.")),
  issuingBody: line(200, "Tên cơ quan dài tối đa 200 ký tự."),
  kind: z.enum(Object.keys(CONSULTATION_KINDS) as [ConsultationKindValue, ...ConsultationKindValue[]], {
    errorMap: () => ({ message: "Vui lòng chọn loại văn bản." }),
  }),
  opensAt: instant("Thời điểm bắt đầu"),
  closesAt: instant("Thời điểm kết thúc"),
  commentCharLimit: z.preprocess(
    (s) => (typeof s === "string" && s.trim() !== "" ? Number(s.trim().replace(/[.\s]/g, "")) : undefined),
    z
      .number({ required_error: "Vui lòng nhập số ký tự tối đa của một góp ý.", invalid_type_error: "Số ký tự tối đa là một số nguyên." })
      .int("Số ký tự tối đa là một số nguyên.")
      .min(COMMENT_LIMIT_MIN, `Số ký tự tối đa ít nhất là ${COMMENT_LIMIT_MIN}.`)
      .max(COMMENT_LIMIT_MAX, `Số ký tự tối đa không quá ${COMMENT_LIMIT_MAX.toLocaleString("vi-VN")}.`),
  ),
  acceptsOnline: checkbox,
  acceptsConference: checkbox,
  acceptsLetter: checkbox,
};

export const settingsSchema = z.object(settingsFieldSchemas);
type FieldOutputs = z.output<typeof settingsSchema>;
export type DraftSettings = FieldOutputs;

export type SettingsParse = { ok: true; settings: DraftSettings } | { ok: false; fieldErrors: FieldErrors };

/**
 * Reads the submitted settings: each field through its schema, then the rules between fields (an empty
 * slug is made from the title; the opening before the closing; at least one channel). Every message at once.
 */
export function parseSettings(values: SettingsValues): SettingsParse {
  const fieldErrors: FieldErrors = {};
  const out: Partial<FieldOutputs> = {};
  for (const name of SETTINGS_FIELDS) {
    const result = settingsFieldSchemas[name].safeParse(values[name]);
    if (result.success) (out as Record<string, unknown>)[name] = result.data;
    else fieldErrors[name] = result.error.issues[0]?.message ?? "Giá trị không hợp lệ.";
  }
  const typed = out.slug !== "";
  if (!typed && out.title) out.slug = slugFromTitle(out.title);
  // A slug made from a title that is itself wrong is not worth a second message.
  if (out.slug !== undefined && (typed || !fieldErrors.title) && (out.slug.length < SLUG_MIN || out.slug.length > SLUG_MAX || !SLUG_PATTERN.test(out.slug))) {
    fieldErrors.slug = out.slug
      ? `Đường dẫn gồm ${SLUG_MIN}–${SLUG_MAX} ký tự: chữ thường không dấu, chữ số và dấu gạch ngang giữa các từ (ví dụ du-thao-bao-cao-chinh-tri).`
      : "Tiêu đề không tạo được đường dẫn: vui lòng nhập đường dẫn (chữ thường không dấu, chữ số, dấu gạch ngang).";
  }
  if (out.opensAt && out.closesAt && out.opensAt >= out.closesAt) fieldErrors.closesAt ??= "Thời điểm kết thúc phải sau thời điểm bắt đầu.";
  if (out.acceptsOnline === false && out.acceptsConference === false && out.acceptsLetter === false) {
    fieldErrors.acceptsOnline = "Vui lòng chọn ít nhất một hình thức nhận ý kiến.";
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, settings: out as DraftSettings };
}

/** The form's values for stored settings (times in Viet Nam's time, boxes "on" or ""). */
export function settingsValues(c: {
  title: string;
  slug: string;
  summary: string;
  issuingBody: string;
  kind: string;
  opensAt: Date | string | null;
  closesAt: Date | string | null;
  commentCharLimit: number;
  acceptsOnline: boolean;
  acceptsConference: boolean;
  acceptsLetter: boolean;
}): SettingsValues {
  return {
    title: c.title,
    slug: c.slug,
    summary: c.summary,
    issuingBody: c.issuingBody,
    kind: c.kind,
    opensAt: toDateTimeInput(c.opensAt),
    closesAt: toDateTimeInput(c.closesAt),
    commentCharLimit: String(c.commentCharLimit),
    acceptsOnline: c.acceptsOnline ? "on" : "",
    acceptsConference: c.acceptsConference ? "on" : "",
    acceptsLetter: c.acceptsLetter ? "on" : "",
  };
}

/** A new consultation's form before anything is typed. */
export const NEW_SETTINGS: SettingsValues = {
  kind: "POLITICAL_REPORT",
  commentCharLimit: "2000",
  acceptsOnline: "on",
  acceptsConference: "on",
  acceptsLetter: "",
};
