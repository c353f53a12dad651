import { z } from "zod";
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { normalizePhone } from "./contact.ts";
import { normalizeText } from "~/text/normalize.ts";
import { PROPOSAL_LABEL } from "./proposal.ts";

// The comment form: field names, choices, limits and the zod schema of what a person typed. Shared by
// the page (limits, labels) and the action (validation); the server adds the checks that need data
// (localities, the target block, duplicates, captcha) in submit.server.ts.

export { LIMITS } from "./limits.ts";
import { LIMITS } from "./limits.ts";

/** Characters as a person counts them (code points of the NFC text), for the limit and the counter. */
export function countCharacters(text: string): number {
  return [...text.normalize("NFC")].length;
}

const singleLine = (max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? normalizeText(v, { multiline: false }) : v),
    z.string({ invalid_type_error: message }).max(max, `Tối đa ${max} ký tự.`),
  );

const optionalSingleLine = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? normalizeText(v, { multiline: false }) || undefined : undefined),
    z.string().max(max, `Tối đa ${max} ký tự.`).optional(),
  );

const PHONE = /^0(?:3|5|7|8|9|2\d)\d{8}$/;
/** The form's idempotency key (idempotency.server.ts makes it): base64url. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function commentFormSchema(charLimit: number) {
  return z
    .object({
      stance: z.enum(["AGREE", "DISAGREE", "OTHER"], {
        errorMap: () => ({ message: "Vui lòng chọn Tán thành, Không tán thành hoặc Ý kiến khác." }),
      }),
      text: z.preprocess(
        (v) => (typeof v === "string" ? normalizeText(v, { multiline: true }) : ""),
        z
          .string()
          .refine((t) => countCharacters(t) >= LIMITS.minText, `Nội dung góp ý cần ít nhất ${LIMITS.minText} ký tự.`)
          .refine((t) => countCharacters(t) <= charLimit, `Nội dung góp ý không được quá ${charLimit.toLocaleString("vi-VN")} ký tự.`),
      ),
      name: singleLine(LIMITS.name, "Vui lòng nhập họ và tên.").pipe(z.string().min(2, "Vui lòng nhập họ và tên.")),
      email: optionalSingleLine(LIMITS.email).pipe(z.string().email("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).").optional()),
      // Stored in the national form (0912345678) however it was typed: one number, one identity.
      phone: z.preprocess(
        (v) => (typeof v === "string" && v.trim() ? (normalizePhone(v) ?? v) : undefined),
        z.string().regex(PHONE, "Số điện thoại không hợp lệ (ví dụ: 0912345678).").optional(),
      ),
      provinceCode: z.string().optional(),
      communeCode: z.string().optional(),
      occupation: z.preprocess((v) => v || undefined, z.enum(OCCUPATIONS, { errorMap: () => ({ message: "Vui lòng chọn trong danh sách." }) }).optional()),
      ageGroup: z.preprocess((v) => v || undefined, z.enum(AGE_GROUPS, { errorMap: () => ({ message: "Vui lòng chọn trong danh sách." }) }).optional()),
      onBehalfOf: optionalSingleLine(LIMITS.onBehalfOf),
      consent: z.literal("on", {
        errorMap: () => ({ message: "Bạn cần đồng ý cho phép xử lý dữ liệu cá nhân để gửi góp ý." }),
      }),
      blockKey: z.preprocess(
        (v) => v || undefined,
        z
          .string()
          .regex(/^[a-z0-9]{1,40}$/, "Đoạn văn được chọn không hợp lệ.")
          .optional(),
      ),
      quote: optionalSingleLine(LIMITS.quote),
      // "Đề xuất sửa thành": the paragraph's (or passage's) wording as the author would have it; kept only
      // when it differs from the original (submit.server.ts, proposal.ts).
      proposal: z.preprocess(
        (v) => (typeof v === "string" ? normalizeText(v, { multiline: true }) || undefined : undefined),
        z
          .string()
          .refine((t) => countCharacters(t) <= LIMITS.proposal, `${PROPOSAL_LABEL}: tối đa ${LIMITS.proposal.toLocaleString("vi-VN")} ký tự.`)
          .optional(),
      ),
      quoteStart: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).optional()),
      quoteEnd: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(1).optional()),
      confirmNoDiacritics: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
      // "Gửi thư cho tôi khi góp ý này được trả lời": meaningful only with an email (submit.server.ts).
      mayContact: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
      // Absent from forms rendered before it existed: those get no retry protection, nothing worse.
      idempotencyKey: z.preprocess(
        (v) => v || undefined,
        z.string().regex(IDEMPOTENCY_KEY, "Biểu mẫu không còn hợp lệ: vui lòng tải lại trang rồi gửi lại.").optional(),
      ),
    })
    .superRefine((form, ctx) => {
      if (!form.email && !form.phone) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["email"],
          message: "Vui lòng nhập thư điện tử hoặc số điện thoại để có thể liên hệ khi cần.",
        });
      }
      if (form.proposal !== undefined && !form.blockKey) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["proposal"],
          message: "Chỉ có thể đề xuất sửa câu chữ khi góp ý vào một đoạn hoặc một đoạn trích của dự thảo, không phải toàn văn.",
        });
      }
      const hasQuote = form.quote !== undefined || form.quoteStart !== undefined || form.quoteEnd !== undefined;
      if (hasQuote) {
        const complete = form.quote && form.blockKey && form.quoteStart !== undefined && form.quoteEnd !== undefined && form.quoteEnd > form.quoteStart;
        if (!complete) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["quote"], message: "Đoạn trích dẫn không hợp lệ: hãy chọn lại đoạn văn." });
      }
    });
}

export type CommentForm = z.infer<ReturnType<typeof commentFormSchema>>;

/** Field values to show again after an error: exactly what the person typed, as strings. */
export type FormValues = Record<string, string>;

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData) if (typeof value === "string" && key !== "captcha" && key !== "website") values[key] = value;
  return values;
}
