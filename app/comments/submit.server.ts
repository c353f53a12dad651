import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting, getSetting } from "~/platform/settings.server.ts";
import { publicStatus } from "~/consultations/status.ts";
import { localityFieldsSchema } from "~/localities/localities.server.ts";
import { isUniqueViolation, verifyCaptcha } from "./captcha.server.ts";
import { commentFormSchema, type CommentForm } from "./comment-form.ts";
import { contentHash } from "./fold.ts";
import { commentLimiter, readLimits, type RateLimiter } from "./rate-limit.server.ts";
import { hasInvalidText, looksWithoutDiacritics } from "./text/index.ts";

export type SubmissionResult =
  | { status: "not-found" }
  | { status: "closed"; closesAt: Date | null }
  | { status: "accepted"; receiptToken: string }
  | { status: "duplicate"; receiptToken: string }
  | { status: "invalid"; fieldErrors: Record<string, string> }
  | { status: "confirm-diacritics" }
  | { status: "rate-limited"; retryAfter: number }
  | { status: "refused"; message: string };

export interface SubmissionContext {
  clientAddress: string | null;
  now?: Date;
  limiter?: RateLimiter;
  limits?: ReturnType<typeof readLimits>;
}

/** When set to "1" by an administrator (a flood), forms without a captcha solution are refused. */
export const REQUIRE_SCRIPT_KEY = "captcha.requireScript";

const REFUSED = {
  encoding: "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ. Vui lòng nhập lại nội dung.",
  bot: "Không thể nhận góp ý này. Nếu bạn không dùng công cụ tự động, vui lòng tải lại trang và gửi lại.",
  block: "Đoạn văn được góp ý không thuộc bản dự thảo đang lấy ý kiến. Vui lòng tải lại trang và chọn lại.",
  quote: "Đoạn trích dẫn không khớp với văn bản dự thảo. Vui lòng chọn lại đoạn văn.",
  captcha: "Mã xác minh chống gửi tự động không hợp lệ, đã hết hạn hoặc đã được dùng. Vui lòng gửi lại.",
  script: "Hệ thống đang chống gửi tự động hàng loạt: vui lòng bật JavaScript trong trình duyệt để gửi góp ý.",
} as const;

/**
 * Takes one comment from the public form. Validates everything a person (or a bot) can send, and
 * stores nothing unless all checks pass. A success answer is given only after the row is written.
 */
export async function submitComment(db: Db, slug: string, formData: FormData, ctx: SubmissionContext): Promise<SubmissionResult> {
  const now = ctx.now ?? new Date();
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: { id: true, status: true, opensAt: true, closesAt: true, commentCharLimit: true, publishedVersionId: true },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return { status: "not-found" };
  if (publicStatus(consultation, now) !== "open") return { status: "closed", closesAt: consultation.closesAt };

  for (const value of formData.values()) {
    if (typeof value === "string" && (value.includes("\uFFFD") || hasInvalidText(value))) return { status: "refused", message: REFUSED.encoding };
  }
  if (formData.get("website")) return { status: "refused", message: REFUSED.bot };

  const raw = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const parsed = commentFormSchema(consultation.commentCharLimit).safeParse(raw);
  const locality = localityFieldsSchema.safeParse({ provinceCode: raw.provinceCode ?? "", communeCode: raw.communeCode ?? "" });
  if (!parsed.success || !locality.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of [...(parsed.error?.issues ?? []), ...(locality.error?.issues ?? [])]) {
      const field = String(issue.path[0] ?? "form");
      fieldErrors[field] ??= issue.message;
    }
    return { status: "invalid", fieldErrors };
  }
  const form = parsed.data;

  const block = form.blockKey
    ? await db.block.findUnique({
        where: { versionId_key: { versionId: consultation.publishedVersionId, key: form.blockKey } },
        select: { key: true, text: true },
      })
    : null;
  if (form.blockKey && !block) return { status: "refused", message: REFUSED.block };
  if (block && form.quote !== undefined && block.text.slice(form.quoteStart, form.quoteEnd) !== form.quote) {
    return { status: "refused", message: REFUSED.quote };
  }

  if (looksWithoutDiacritics(form.text) && !form.confirmNoDiacritics) return { status: "confirm-diacritics" };

  const limiter = ctx.limiter ?? commentLimiter();
  const limits = ctx.limits ?? readLimits();
  const addressKey = ctx.clientAddress ? `address:${ctx.clientAddress}` : null;
  const contactKey = `contact:${(form.email ?? form.phone ?? "").toLowerCase()}`;
  const wait = Math.max(addressKey ? limiter.check(addressKey, limits.address, now.getTime()) : 0, limiter.check(contactKey, limits.contact, now.getTime()));
  if (wait > 0) return { status: "rate-limited", retryAfter: wait };

  const captcha = await verifyCaptcha(db, formData.get("captcha") as string | null, now);
  if (captcha === "missing") {
    if ((await getSetting(db, REQUIRE_SCRIPT_KEY)) === "1") return { status: "refused", message: REFUSED.script };
    const noScriptWait = addressKey ? limiter.hit(`noscript:${ctx.clientAddress}`, limits.noScriptAddress, now.getTime()) : 0;
    if (noScriptWait > 0) return { status: "rate-limited", retryAfter: noScriptWait };
  } else if (captcha !== "ok") {
    return { status: "refused", message: REFUSED.captcha };
  }
  if (addressKey) limiter.hit(addressKey, limits.address, now.getTime());
  limiter.hit(contactKey, limits.contact, now.getTime());

  return store(db, consultation.id, consultation.publishedVersionId, form, locality.data, ctx.clientAddress, now);
}

async function store(
  db: Db,
  consultationId: string,
  versionId: string,
  form: CommentForm,
  locality: { provinceCode: string; communeCode?: string },
  clientAddress: string | null,
  now: Date,
): Promise<SubmissionResult> {
  const hash = contentHash(form.text);
  const blockKey = form.blockKey ?? null;
  const contact = [
    ...(form.email ? [{ authorEmail: form.email.toLowerCase() }] : []),
    ...(form.phone ? [{ authorPhone: form.phone }] : []),
  ];
  const existing = await db.comment.findFirst({
    where: { consultationId, contentHash: hash, blockKey, OR: contact },
    select: { receiptToken: true },
  });
  if (existing) return { status: "duplicate", receiptToken: existing.receiptToken };

  const receiptToken = randomBytes(24).toString("base64url");
  try {
    await db.comment.create({
      data: {
        consultationId,
        versionId,
        blockKey,
        quote: form.quote ?? null,
        quoteStart: form.quote ? form.quoteStart : null,
        quoteEnd: form.quote ? form.quoteEnd : null,
        stance: form.stance,
        originalText: form.text,
        authorName: form.name,
        authorEmail: form.email?.toLowerCase() ?? null,
        authorPhone: form.phone ?? null,
        provinceCode: locality.provinceCode,
        communeCode: locality.communeCode ?? null,
        occupation: form.occupation ?? null,
        ageGroup: form.ageGroup ?? null,
        onBehalfOf: form.onBehalfOf ?? null,
        consentAt: now,
        contentHash: hash,
        diacriticsConfirmed: form.confirmNoDiacritics && looksWithoutDiacritics(form.text),
        sourceHash: clientAddress ? await sourceHash(db, clientAddress) : null,
        receiptToken,
        createdAt: now,
      },
    });
  } catch (error) {
    // A token collision is astronomically unlikely; anything else is a real failure and must not
    // be answered with success.
    if (isUniqueViolation(error)) return store(db, consultationId, versionId, form, locality, clientAddress, now);
    throw error;
  }
  return { status: "accepted", receiptToken };
}

async function sourceHash(db: Db, address: string) {
  const secret = await getOrCreateSetting(db, "source.secret", () => randomBytes(32).toString("base64url"));
  return createHmac("sha256", secret).update(address).digest("base64url").slice(0, 22);
}
