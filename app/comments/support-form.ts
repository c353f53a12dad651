import { z } from "zod";
import { normalizeEmail, normalizePhone } from "./contact.ts";
import { normalizeText } from "~/text/normalize.ts";
import { LIMITS } from "./comment-form.ts";

// Supporting (đồng tình) a published opinion (ADR 046): what the button and the small page send, and
// what the person is told. Shared by the page (field names, messages) and the action (validation).

/** A comment id as the app makes them (cuid, UUID). */
const COMMENT_ID = /^[A-Za-z0-9-]{8,64}$/;
const EMAIL = z.string().email();

/**
 * An optional email or phone: empty is none; a phone in any spelling becomes its national form, an
 * email is trimmed and in lower case (contact.ts), so each is one identity for the limits and the hash.
 */
export const supportContact = z.preprocess(
  (v) => (typeof v === "string" ? normalizeText(v, { multiline: false }) || undefined : undefined),
  z
    .string()
    .max(LIMITS.email, `Tối đa ${LIMITS.email} ký tự.`)
    .transform((raw, ctx) => {
      const phone = normalizePhone(raw);
      if (phone) return phone;
      if (EMAIL.safeParse(raw.trim()).success) return normalizeEmail(raw);
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: SUPPORT_MESSAGES.contact });
      return z.NEVER;
    })
    .optional(),
);

export const supportFormSchema = z.object({
  comment: z.string({ required_error: "missing" }).regex(COMMENT_ID),
  contact: supportContact,
});

export type SupportForm = z.infer<typeof supportFormSchema>;

export const SUPPORT_MESSAGES = {
  supported: "Đã ghi nhận: bạn đồng tình với ý kiến này.",
  already: "Bạn đã đồng tình với ý kiến này rồi; mỗi người chỉ được tính một lần.",
  notFound: "Ý kiến này không có hoặc không còn được đăng công khai.",
  closed: "Đợt lấy ý kiến đã kết thúc: không thể đồng tình thêm với các ý kiến.",
  offline: "Đợt lấy ý kiến này không nhận ý kiến qua trang web.",
  contact: "Thư điện tử hoặc số điện thoại không hợp lệ (ví dụ: ten@example.vn hoặc 0912345678). Có thể để trống.",
  encoding: "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.",
  bot: "Không thể ghi nhận. Nếu bạn không dùng công cụ tự động, vui lòng tải lại trang và thử lại.",
  captcha: "Mã xác minh chống gửi tự động không hợp lệ, đã hết hạn hoặc đã được dùng. Vui lòng thử lại.",
  script: "Hệ thống đang chống gửi tự động hàng loạt: vui lòng bật JavaScript trong trình duyệt để đồng tình.",
  source: "Không xác định được nơi gửi nên không thể ghi nhận sự đồng tình.",
  rateLimited: (seconds: number) => `Bạn đã đồng tình nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${Math.ceil(seconds / 60)} phút.`,
} as const;

export { supportersLabel } from "./support-label.ts";

/** What a support attempt came to (supports.server.ts SupportResult), as the button and the page say it. */
export type SupportOutcome =
  | { status: "supported" | "already"; count: number }
  | { status: "not-found" | "closed" | "offline" }
  | { status: "invalid"; fieldErrors: Record<string, string> }
  | { status: "rate-limited"; retryAfter: number }
  | { status: "refused"; message: string };

/** The answer to a support attempt: its HTTP status, the sentence the person reads, and the count when there is one. */
export function describeSupport(outcome: SupportOutcome): { httpStatus: number; ok: boolean; message: string; count: number | null } {
  switch (outcome.status) {
    case "supported":
      return { httpStatus: 200, ok: true, message: SUPPORT_MESSAGES.supported, count: outcome.count };
    case "already":
      return { httpStatus: 200, ok: true, message: SUPPORT_MESSAGES.already, count: outcome.count };
    case "not-found":
      return { httpStatus: 404, ok: false, message: SUPPORT_MESSAGES.notFound, count: null };
    case "closed":
      return { httpStatus: 403, ok: false, message: SUPPORT_MESSAGES.closed, count: null };
    case "offline":
      return { httpStatus: 403, ok: false, message: SUPPORT_MESSAGES.offline, count: null };
    case "invalid":
      return { httpStatus: 400, ok: false, message: Object.values(outcome.fieldErrors)[0] ?? SUPPORT_MESSAGES.contact, count: null };
    case "rate-limited":
      return { httpStatus: 429, ok: false, message: SUPPORT_MESSAGES.rateLimited(outcome.retryAfter), count: null };
    case "refused":
      return { httpStatus: 400, ok: false, message: outcome.message, count: null };
  }
}
