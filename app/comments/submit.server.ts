import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { sourceHash } from "./source-hash.server.ts";
import { publicStatus } from "~/consultations/status.ts";
import { localityFieldsSchema } from "~/localities/localities.server.ts";
import { gateCaptcha } from "./captcha.server.ts";
import { insertComment, isGroupGone, isIdempotencyConflict, receiptForIdempotencyKey } from "./comment-store.server.ts";
import { blockInfo, consultationForSubmission } from "./submission-cache.server.ts";
import { commentFormSchema, type CommentForm } from "./comment-form.ts";
import { proposalOriginal, proposalToStore } from "./proposal.ts";
import { normalizeEmail, normalizePhone } from "./contact.ts";
import { contentHash } from "~/text/fold.ts";
import { idempotencyHash } from "./idempotency.server.ts";
import { commentLimiter, readLimits, type KeyedLimit, type Limiter } from "~/platform/rate-limit.server.ts";
import { looksWithoutDiacritics } from "~/text/diacritics.ts";
import { hasInvalidText, hasMarkFlood } from "~/text/normalize.ts";
import { fieldErrorsOf } from "~/platform/forms.ts";
import { getSql, type SqlDriver } from "~/platform/sql.server.ts";
import { logSettleFailure, screenComment, settleGroup } from "~/comments/intake.server.ts";

export type SubmissionResult =
  | { status: "not-found" }
  | { status: "closed"; closesAt: Date | null }
  /** The consultation takes no opinions through the website (only conferences or letters). */
  | { status: "offline" }
  /** Stored, or stored by an earlier attempt of the same form (the same idempotency key): its receipt. */
  | { status: "accepted"; receiptToken: string }
  /** The same author, target and text came before from another form: nothing stored, and no receipt (it is the first sender's). */
  | { status: "duplicate" }
  | { status: "invalid"; fieldErrors: Record<string, string> }
  | { status: "confirm-diacritics" }
  | { status: "rate-limited"; retryAfter: number }
  | { status: "refused"; message: string };

export interface SubmissionContext {
  clientAddress: string | null;
  /** The driver for the hot-path statements; the process's own by default. */
  sql?: SqlDriver;
  now?: Date;
  limiter?: Limiter;
  limits?: ReturnType<typeof readLimits>;
}

export { REQUIRE_SCRIPT_KEY } from "./captcha.server.ts";

const REFUSED = {
  encoding: "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ. Vui lòng nhập lại nội dung.",
  marks: "Nội dung có chữ mang quá nhiều dấu chồng lên nhau. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường rồi gửi lại.",
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
  const consultation = await consultationForSubmission(db, slug, now);
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return { status: "not-found" };
  if (publicStatus(consultation, now) !== "open") return { status: "closed", closesAt: consultation.closesAt };
  if (!consultation.acceptsOnline) return { status: "offline" };

  for (const value of formData.values()) {
    if (typeof value === "string" && (value.includes("\uFFFD") || hasInvalidText(value))) return { status: "refused", message: REFUSED.encoding };
  }
  for (const value of formData.values()) if (typeof value === "string" && hasMarkFlood(value)) return { status: "refused", message: REFUSED.marks };
  if (formData.get("website")) return { status: "refused", message: REFUSED.bot };

  const raw = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const parsed = formSchema(consultation.commentCharLimit).safeParse(raw);
  const locality = localityFieldsSchema.safeParse({ provinceCode: raw.provinceCode ?? "", communeCode: raw.communeCode ?? "" });
  if (!parsed.success || !locality.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error, locality.error) };
  const form = parsed.data;

  const block = form.blockKey ? await blockInfo(db, consultation.publishedVersionId, form.blockKey) : null;
  if (form.blockKey && block === null) return { status: "refused", message: REFUSED.block };
  const text = block?.text ?? null;
  if (text !== null && form.quote !== undefined && text.slice(form.quoteStart, form.quoteEnd) !== form.quote) {
    return { status: "refused", message: REFUSED.quote };
  }

  // Kept only when it changes the wording it started from (the box is prefilled with it).
  const proposedText = proposalToStore(proposalOriginal({ quote: form.quote ?? null, blockText: text }), form.proposal);

  const withoutDiacritics = looksWithoutDiacritics(form.text);
  if (withoutDiacritics && !form.confirmNoDiacritics) return { status: "confirm-diacritics" };

  const limiter = ctx.limiter ?? commentLimiter();
  const limits = ctx.limits ?? readLimits();
  const addressKey = ctx.clientAddress ? `address:${ctx.clientAddress}` : null;
  // Each contact is one identity however it was typed, and each counts: a new email does not reset the phone's count.
  const contactKeys = contacts(form).map((contact) => `contact:${contact}`);
  const sql = ctx.sql ?? getSql();
  const { captcha, refusal } = await gateCaptcha(db, sql, formData.get("captcha") as string | null, slug, now);
  if (refusal) return { status: "refused", message: REFUSED[refusal] };
  // Every limit at once, counted on all of them or on none (one round trip when shared through Redis).
  const hits: KeyedLimit[] = contactKeys.map((key) => ({ key, limit: limits.contact }));
  if (addressKey) hits.push({ key: addressKey, limit: limits.address });
  const sources = hits.length; // the email, the phone and the address: what a burst is counted on
  if (addressKey && captcha.status === "missing") hits.push({ key: `noscript:${ctx.clientAddress}`, limit: limits.noScriptAddress });
  const { wait, estimates } = await limiter.hitAll(hits, now.getTime());
  if (wait > 0) return { status: "rate-limited", retryAfter: wait };
  // Many comments from one address or one email/phone within the window: flagged for moderators.
  const burst = estimates.slice(0, sources).some((estimate) => estimate >= BURST);
  const target = { consultationId: consultation.id, versionId: consultation.publishedVersionId, sectionKey: block?.section ?? null, burst };
  const stored = await store(
    db,
    sql,
    target,
    { ...form, confirmNoDiacritics: withoutDiacritics, proposal: proposedText ?? undefined },
    locality.data,
    ctx.clientAddress,
    now,
    captcha.status === "ok" ? captcha : undefined,
  );
  return stored ?? { status: "refused", message: REFUSED.captcha };
}

/** The form's email and phone, each in the one form that identifies a person (contact.ts). */
function contacts(form: CommentForm): string[] {
  const phone = form.phone ? (normalizePhone(form.phone) ?? form.phone) : null;
  return [form.email ? normalizeEmail(form.email) : null, phone].filter((c): c is string => c !== null);
}

/** Comments from one address or one email/phone within the rate-limit window that flag a burst. */
export const BURST = 4;

async function store(
  db: Db,
  sql: SqlDriver,
  { consultationId, versionId, sectionKey, burst }: { consultationId: string; versionId: string; sectionKey: string | null; burst: boolean },
  form: CommentForm,
  locality: { provinceCode: string; communeCode?: string },
  clientAddress: string | null,
  now: Date,
  captcha: { signature: string; expiresAt: Date } | undefined,
): Promise<SubmissionResult | null> {
  const hash = contentHash(form.text);
  const blockKey = form.blockKey ?? null;
  const email = form.email ? normalizeEmail(form.email) : null;
  const phone = form.phone ? (normalizePhone(form.phone) ?? form.phone) : null;
  const idempotencyKey = form.idempotencyKey ? idempotencyHash(form.idempotencyKey, { consultationId, blockKey, contentHash: hash }) : null;
  // Screening's query also finds this form's earlier attempt and the author's identical earlier
  // comment (one round trip for all). A retry gets its own receipt back; anyone else sending the same
  // text with the same contact gets no receipt: it would show the first sender's name and status.
  const resubmission = { contentHash: hash, email, phone, idempotencyKey };
  const proposal = form.proposal ?? null;
  let screening = await screenComment(db, sql, { consultationId, blockKey, stance: form.stance, text: form.text, proposal, burst }, now, resubmission);
  if (screening.retry) return { status: "accepted", receiptToken: screening.retry };
  if (screening.duplicate) return { status: "duplicate" };

  const receiptToken = randomBytes(24).toString("base64url");
  const source = clientAddress ? await sourceHash(db, clientAddress) : null;
  const id = randomUUID();
  const row = () => ({
    id,
    consultationId,
    versionId,
    blockKey,
    quote: form.quote ?? null,
    quoteStart: form.quote ? (form.quoteStart ?? null) : null,
    quoteEnd: form.quote ? (form.quoteEnd ?? null) : null,
    stance: form.stance,
    originalText: form.text,
    proposedText: proposal,
    authorName: form.name,
    authorEmail: email,
    authorPhone: phone,
    // The author asked to be written to when the opinion is answered: only with an address to write to.
    mayContact: form.mayContact && email !== null,
    provinceCode: locality.provinceCode,
    communeCode: locality.communeCode ?? null,
    occupation: form.occupation ?? null,
    ageGroup: form.ageGroup ?? null,
    onBehalfOf: form.onBehalfOf ?? null,
    contentHash: hash,
    // Set when the text looked typed without diacritics and the author confirmed it.
    diacriticsConfirmed: form.confirmNoDiacritics,
    sourceHash: source,
    receiptToken,
    idempotencyKey,
    createdAt: now,
    sectionKey,
    flags: screening.flags,
    bands: screening.bands,
    groupId: screening.groupId,
  });
  // A second attempt of the same form racing the first (a double click, a retry while the first
  // was still being stored) is stopped by the unique key or by the captcha's one use: it gets the
  // first attempt's receipt.
  const sameForm = async () => (idempotencyKey ? await receiptForIdempotencyKey(sql, idempotencyKey) : null);
  let groupGone = false;
  const insert = async () => {
    try {
      return await insertComment(sql, row(), captcha, screening.steps);
    } catch (error) {
      if (isIdempotencyConflict(error)) return false;
      // The group screening chose was merged into another meanwhile: nothing was written; look again.
      if (isGroupGone(error) && !groupGone) {
        groupGone = true;
        return false;
      }
      throw error;
    }
  };
  let inserted = await insert();
  if (groupGone || (!inserted && screening.steps.length && !(await sameForm()))) {
    // Another submission started or changed the group meanwhile: look again, once.
    screening = await screenComment(db, sql, { consultationId, blockKey, stance: form.stance, text: form.text, proposal, burst }, now);
    inserted = await insert();
  }
  if (inserted) {
    // Whatever arrived meanwhile, or before without a group, ends in one group with it (ADR 041).
    await settleGroup(sql, { id, consultationId, blockKey, stance: form.stance, text: form.text, groupId: screening.groupId }, now).catch(logSettleFailure);
    return { status: "accepted", receiptToken };
  }
  const first = await sameForm();
  // Not inserted and not this form's: the captcha solution had been used already (the caller refuses it).
  return first ? { status: "accepted", receiptToken: first } : null;
}

const schemas = new Map<number, ReturnType<typeof commentFormSchema>>();
/** Building a zod schema costs more than using it: one per character limit. */
function formSchema(limit: number) {
  let schema = schemas.get(limit);
  if (!schema) schemas.set(limit, (schema = commentFormSchema(limit)));
  return schema;
}
