import { z } from "zod";
import { gateCaptcha, issueChallenge, spendCaptcha } from "~/comments/captcha.server.ts";
import { normalizeEmail } from "~/comments/contact.ts";
import { receiptStatusOf } from "~/comments/receipt-status.ts";
import type { Db } from "~/platform/db.server.ts";
import { fieldErrorsOf } from "~/platform/forms.ts";
import { commentLimiter, readLimits, type KeyedLimit, type Limiter } from "~/platform/rate-limit.server.ts";
import { getSql, type SqlDriver } from "~/platform/sql.server.ts";
import { hasInvalidText } from "~/text/normalize.ts";
import { recoveryPath } from "~/consultations/urls.ts";
import { queueEmail, type QueueConfig } from "./outbox.server.ts";
import { MAX_RECEIPTS_IN_EMAIL, recoveryEmail } from "./recovery-email.ts";

// "Lost the private link?" (issue 17, ADR 049): a person types the email they commented with and the
// outbox (ADR 011) sends that address the links of its online comments. The answer is the same whether
// or not the address sent anything (nobody learns who commented); the captcha (issued for this form, not
// for a draft) and the comment limits guard it — per email, per client address, and without JavaScript
// the stricter per-address one (ADR 007/022), in keys of their own so that asking does not use up
// one's comments. Without SMTP there is no form: the page says so.

/** The captcha's scope: not a draft's slug (a slug has no "/"), so a solution here is spent nowhere else. */
export const RECOVERY_SCOPE = recoveryPath;

export const recoveryFormSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Nhập địa chỉ thư điện tử bạn đã dùng khi gửi góp ý.")
    .max(254, "Địa chỉ thư điện tử quá dài.")
    .email("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn)."),
});

export type RecoveryResult =
  /** Said alike for a known and an unknown address. */
  | { status: "sent" }
  | { status: "unavailable" }
  | { status: "invalid"; fieldErrors: Record<string, string> }
  | { status: "rate-limited"; retryAfter: number }
  | { status: "refused"; message: string };

export const RECOVERY_REFUSED = {
  encoding: "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ. Vui lòng nhập lại.",
  bot: "Không thể nhận yêu cầu này. Nếu bạn không dùng công cụ tự động, vui lòng tải lại trang và gửi lại.",
  captcha: "Mã xác minh chống gửi tự động không hợp lệ, đã hết hạn hoặc đã được dùng. Vui lòng tải lại trang và gửi lại.",
  script: "Hệ thống đang chống gửi tự động hàng loạt: vui lòng bật JavaScript trong trình duyệt để gửi yêu cầu.",
} as const;

export interface RecoveryContext {
  clientAddress: string | null;
  /** config().mail; null: SMTP is not configured and nothing is queued. */
  mail: QueueConfig;
  sql?: SqlDriver;
  now?: Date;
  limiter?: Limiter;
  limits?: ReturnType<typeof readLimits>;
}

/** The form's challenge, or null when there is no form (no SMTP). */
export function recoveryChallenge(db: Db, mail: QueueConfig, now = new Date()) {
  return mail ? issueChallenge(db, RECOVERY_SCOPE, now) : Promise.resolve(null);
}

/** Takes one request of the form: checks it, counts it, and queues the email when the address sent comments. */
export async function requestReceipts(db: Db, formData: FormData, ctx: RecoveryContext): Promise<RecoveryResult> {
  if (!ctx.mail) return { status: "unavailable" };
  const now = ctx.now ?? new Date();
  for (const value of formData.values())
    if (typeof value === "string" && (value.includes("\uFFFD") || hasInvalidText(value))) return { status: "refused", message: RECOVERY_REFUSED.encoding };
  if (formData.get("website")) return { status: "refused", message: RECOVERY_REFUSED.bot };
  const parsed = recoveryFormSchema.safeParse({ email: String(formData.get("email") ?? "").normalize("NFC") });
  if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const email = normalizeEmail(parsed.data.email);

  const sql = ctx.sql ?? getSql();
  const { captcha, refusal } = await gateCaptcha(db, sql, formData.get("captcha") as string | null, RECOVERY_SCOPE, now);
  if (refusal) return { status: "refused", message: RECOVERY_REFUSED[refusal] };
  const limits = ctx.limits ?? readLimits();
  const hits: KeyedLimit[] = [{ key: `recovery-contact:${email}`, limit: limits.contact }];
  if (ctx.clientAddress) {
    hits.push({ key: `recovery-address:${ctx.clientAddress}`, limit: limits.address });
    if (captcha.status === "missing") hits.push({ key: `recovery-noscript:${ctx.clientAddress}`, limit: limits.noScriptAddress });
  }
  const { wait } = await (ctx.limiter ?? commentLimiter()).hitAll(hits, now.getTime());
  if (wait > 0) return { status: "rate-limited", retryAfter: wait };
  if (captcha.status === "ok" && !(await spendCaptcha(sql, captcha))) return { status: "refused", message: RECOVERY_REFUSED.captcha };

  const where = { authorEmail: email, channel: "ONLINE" as const };
  const [comments, total] = await Promise.all([
    db.comment.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: MAX_RECEIPTS_IN_EMAIL,
      select: { receiptToken: true, createdAt: true, status: true, publishedText: true, consultation: { select: { title: true } } },
    }),
    db.comment.count({ where }),
  ]);
  if (comments.length > 0) {
    const receipts = comments.map((c) => ({
      consultationTitle: c.consultation.title,
      createdAt: c.createdAt,
      status: receiptStatusOf(c),
      receiptToken: c.receiptToken,
    }));
    await queueEmail(db, email, recoveryEmail({ receipts, total, publicUrl: ctx.mail.publicUrl }), ctx.mail, now);
  }
  return { status: "sent" };
}
