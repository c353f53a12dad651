import { z } from "zod";
import { commentFormSchema } from "~/comments/comment-form.ts";
import { normalizeEmail, normalizePhone } from "~/comments/contact.ts";
import { fieldErrorsOf } from "~/platform/forms.ts";
import { foldVietnamese } from "~/text/fold.ts";
import { normalizeText } from "~/text/normalize.ts";

// The forms of the personal-data page (/quan-tri/du-lieu-ca-nhan): who is asking (an email or a phone)
// and what staff do for them. Each action names the opinions it applies to, a reason, and a word typed
// to confirm it (ADR 027).

/** Whom the staff member looks up: an email address, or a phone number in its national form. */
export type Contact = { kind: "email"; value: string } | { kind: "phone"; value: string };

export const CONTACT_HINT = "Nhập thư điện tử (ví dụ: ten@example.vn) hoặc số điện thoại (ví dụ: 0912 345 678) của người yêu cầu.";

/** The contact typed into the search box, or null when it is neither an email nor a Vietnamese phone number. */
export function parseContact(raw: string | null | undefined): Contact | null {
  const text = normalizeText(raw ?? "", { multiline: false });
  if (!text) return null;
  if (text.includes("@")) {
    const email = normalizeEmail(text);
    return z.string().email().max(254).safeParse(email).success ? { kind: "email", value: email } : null;
  }
  const phone = normalizePhone(text);
  return phone ? { kind: "phone", value: phone } : null;
}

export const ACTIONS = {
  export: { word: "XUẤT", label: "Xuất dữ liệu cho người yêu cầu", done: "Đã xuất dữ liệu." },
  correct: { word: "SỬA", label: "Sửa thông tin liên hệ", done: "Đã sửa thông tin liên hệ." },
  anonymize: { word: "ẨN DANH", label: "Ẩn danh", done: "Đã ẩn danh." },
  delete: { word: "XÓA", label: "Xóa ý kiến", done: "Đã xóa." },
} as const;
export type PersonalDataAction = keyof typeof ACTIONS;

/** The typed confirmation matches the action's word, with or without diacritics, in any case. */
export function confirms(action: PersonalDataAction, typed: string): boolean {
  return foldVietnamese(typed) === foldVietnamese(ACTIONS[action].word);
}

export const MAX_REASON = 500;

export const MESSAGES = {
  ids: "Vui lòng chọn ít nhất một ý kiến.",
  reason: "Vui lòng ghi lý do (ví dụ: «Theo đơn yêu cầu ngày 02/12/2026 của người góp ý»).",
  contact: CONTACT_HINT,
  form: "Không còn ý kiến nào đã chọn được gửi với thông tin liên hệ này (có thể đã được xử lý). Vui lòng tra cứu lại.",
} as const;

export const confirmMessage = (action: PersonalDataAction) => `Để xác nhận, hãy gõ «${ACTIONS[action].word}» vào ô xác nhận.`;

/**
 * The errors of a failed export, from the field names the download route sends back to the page (it
 * answers with a file, so it cannot render the form; ADR 027).
 */
export function exportErrors(keys: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of keys) {
    if (key === "confirm") errors.confirm = confirmMessage("export");
    else if (key in MESSAGES) errors[key] = MESSAGES[key as keyof typeof MESSAGES];
  }
  return errors;
}

// Name, email and phone checked exactly as the comment form checks them.
const contactFields = commentFormSchema(1).innerType().pick({ name: true, email: true, phone: true });

const common = z.object({
  contact: z.string().transform((raw, ctx) => parseContact(raw) ?? (ctx.addIssue({ code: z.ZodIssueCode.custom, message: CONTACT_HINT }), z.NEVER)),
  ids: z.array(z.string().min(1).max(64)).min(1, MESSAGES.ids).max(1000),
  reason: z.preprocess(
    (v) => (typeof v === "string" ? normalizeText(v, { multiline: true }) : ""),
    z.string().min(5, MESSAGES.reason).max(MAX_REASON, `Lý do tối đa ${MAX_REASON} ký tự.`),
  ),
});

export type ActionRequest =
  | (z.infer<typeof common> & { action: "export" | "anonymize" | "delete" })
  | (z.infer<typeof common> & { action: "correct"; name: string; email?: string; phone?: string });

export type ParsedAction = { ok: true; request: ActionRequest } | { ok: false; action: PersonalDataAction | null; fieldErrors: Record<string, string> };

/** Reads one action's form: field names are those of the page (`reason-<action>`, `confirm-<action>`). */
export function parseAction(formData: FormData): ParsedAction {
  const action = z.enum(Object.keys(ACTIONS) as [PersonalDataAction, ...PersonalDataAction[]]).safeParse(formData.get("intent"));
  if (!action.success) return { ok: false, action: null, fieldErrors: { form: "Vui lòng chọn một thao tác." } };
  const name = action.data;
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const parsed = common.safeParse({ contact: text("contact"), ids: formData.getAll("ids"), reason: text(`reason-${name}`) });
  const fieldErrors = fieldErrorsOf(parsed.error);
  if (!confirms(name, text(`confirm-${name}`))) fieldErrors.confirm = confirmMessage(name);
  let corrected: z.infer<typeof contactFields> | null = null;
  if (name === "correct") {
    const fields = contactFields.safeParse({ name: text("name"), email: text("email"), phone: text("phone") });
    if (fields.success) corrected = fields.data;
    else Object.assign(fieldErrors, fieldErrorsOf(fields.error));
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, action: name, fieldErrors };
  return { ok: true, request: name === "correct" ? { ...parsed.data, action: name, ...corrected! } : { ...parsed.data, action: name } };
}
