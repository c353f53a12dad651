import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { normalizeText } from "~/text/normalize.ts";
import { countCharacters } from "~/comments/comment-form.ts";
import type { StaffUser } from "~/staff/auth.server.ts";
import {
  claimComment,
  DONE,
  claimGroup,
  decideComment,
  decideMany,
  MAX_SELECTION,
  releaseComment,
  type Decision,
  type ModerationResult,
  type OnDecided,
} from "./decisions.server.ts";

// The moderation page's form posts, validated, turned into calls on the decision functions.

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Mã không hợp lệ.");
const note = z.preprocess(
  (v) => (typeof v === "string" ? normalizeText(v, { multiline: true }) : v),
  z.string().max(500, "Ghi chú tối đa 500 ký tự.").optional(),
);

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim"), id }),
  z.object({ intent: z.literal("release"), id }),
  z.object({ intent: z.literal("approve"), id }),
  z.object({ intent: z.literal("reject"), id, reason: id, note }),
  z.object({ intent: z.literal("edit"), id, text: z.string() }),
  z.object({
    intent: z.literal("bulk-approve"),
    ids: z.array(id).min(1, "Chưa chọn ý kiến nào.").max(MAX_SELECTION, `Mỗi lần chỉ xử lý tối đa ${MAX_SELECTION} ý kiến.`),
  }),
  z.object({
    intent: z.literal("bulk-reject"),
    ids: z.array(id).min(1, "Chưa chọn ý kiến nào.").max(MAX_SELECTION, `Mỗi lần chỉ xử lý tối đa ${MAX_SELECTION} ý kiến.`),
    reason: id,
    note,
  }),
  z.object({ intent: z.literal("group-claim"), group: id }),
  z.object({ intent: z.literal("group-approve"), group: id }),
  z.object({ intent: z.literal("group-reject"), group: id, reason: id, note }),
]);

export type ModerationAnswer = ModerationResult & { intent: string | null; id: string | null; text?: string; invalid?: true };

const BULK = new Set(["bulk-approve", "bulk-reject", "group-approve", "group-reject"]);

export async function handleModerationForm(
  db: Db,
  sql: SqlDriver,
  user: StaffUser,
  formData: FormData,
  options: { now?: Date; onDecided?: OnDecided } = {},
): Promise<ModerationAnswer> {
  const raw = Object.fromEntries([...formData].filter(([key, v]) => key !== "ids" && typeof v === "string"));
  const parsed = schema.safeParse({ ...raw, ids: formData.getAll("ids").filter((v) => typeof v === "string") });
  const intent = typeof raw.intent === "string" ? raw.intent : null;
  const itemId = typeof raw.id === "string" ? raw.id : typeof raw.group === "string" ? raw.group : null;
  if (!parsed.success) {
    return {
      ok: false,
      invalid: true,
      message: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ.",
      intent,
      id: itemId,
      text: raw.text as string | undefined,
    };
  }
  const form = parsed.data;
  if (BULK.has(form.intent) && !user.permissions.has("moderation.bulk")) {
    return { ok: false, message: "Bạn không có quyền xử lý hàng loạt.", intent, id: itemId };
  }
  const actor = { id: user.id, name: user.name };
  const answer = (result: ModerationResult, extra: { text?: string } = {}): ModerationAnswer => ({ ...result, intent, id: itemId, ...extra });

  const reason = async (reasonId: string, extra: string | undefined): Promise<Decision | string> => {
    const row = await db.rejectReason.findUnique({ where: { id: reasonId }, select: { label: true, active: true } });
    if (!row?.active) return "Vui lòng chọn lý do từ chối trong danh sách.";
    return { action: "reject", reason: extra ? `${row.label}: ${extra}` : row.label };
  };

  switch (form.intent) {
    case "claim":
      return answer(await claimComment(sql, actor, form.id, options.now));
    case "release":
      return answer(await releaseComment(sql, actor, form.id, options.now));
    case "group-claim":
      return answer(await claimGroup(sql, actor, form.group, options.now));
    case "approve":
      return answer(await decideComment(sql, actor, form.id, { action: "approve" }, options));
    case "edit": {
      const text = normalizeText(form.text, { multiline: true });
      const comment = await db.comment.findUnique({
        where: { id: form.id },
        select: { originalText: true, consultation: { select: { commentCharLimit: true } } },
      });
      if (!comment) return answer({ ok: false, message: "Không tìm thấy ý kiến này." });
      const limit = comment.consultation.commentCharLimit;
      if (!text) return answer({ ok: false, message: "Nội dung biên tập không được để trống." }, { text: form.text });
      if (countCharacters(text) > limit) return answer({ ok: false, message: `Nội dung biên tập dài quá ${limit} ký tự.` }, { text: form.text });
      const decision: Decision = text === comment.originalText ? { action: "approve" } : { action: "edit", text };
      return answer(await decideComment(sql, actor, form.id, decision, options), { text: form.text });
    }
    case "reject": {
      const decision = await reason(form.reason, form.note);
      if (typeof decision === "string") return answer({ ok: false, message: decision });
      return answer(await decideComment(sql, actor, form.id, decision, options));
    }
    case "bulk-approve":
      return answer(await decideMany(sql, actor, { ids: form.ids }, { action: "approve" }, options));
    case "bulk-reject": {
      const decision = await reason(form.reason, form.note);
      if (typeof decision === "string") return answer({ ok: false, message: decision });
      return answer(await decideMany(sql, actor, { ids: form.ids }, decision as Exclude<Decision, { action: "edit" }>, options));
    }
    case "group-approve":
      return answer(await decideMany(sql, actor, { groupId: form.group }, { action: "approve" }, options));
    case "group-reject": {
      const decision = await reason(form.reason, form.note);
      if (typeof decision === "string") return answer({ ok: false, message: decision });
      return answer(await decideMany(sql, actor, { groupId: form.group }, decision as Exclude<Decision, { action: "edit" }>, options));
    }
  }
}

// Without JavaScript a decision is a plain form post: it answers with a redirect to the queue as it was
// (its filters kept) at the next item's anchor, so the moderator goes on where they were instead of at
// the page's top; the address carries what was done (`xong`, `so`) for the notice. The forms send
// `anchor` only until the page's scripts start (with them, a fetcher posts and focus moves instead).

const DECIDED_AS: Record<string, keyof typeof DONE> = {
  approve: "approve",
  "group-approve": "approve",
  "bulk-approve": "approve",
  edit: "edit",
  reject: "reject",
  "group-reject": "reject",
  "bulk-reject": "reject",
};
const anchor = z.string().regex(/^(?:[yn]-[A-Za-z0-9_-]{1,64}|kiem-duyet-tieu-de)$/);

/** Where a plain form post's successful decision goes on to, or null (a refusal, a claim, or a post from a script). */
export function afterDecision(requestUrl: string, formData: FormData, answer: ModerationAnswer): string | null {
  const to = anchor.safeParse(formData.get("anchor"));
  const done = answer.intent ? DECIDED_AS[answer.intent] : undefined;
  if (!to.success || !answer.ok || !done) return null;
  const url = new URL(requestUrl);
  url.searchParams.set("xong", done);
  url.searchParams.set("so", String(answer.changed));
  return `${url.pathname}${url.search}#${to.data}`;
}

/** The notice for the address a plain form post's decision landed on. */
export function decisionNotice(search: URLSearchParams): string | null {
  const done = search.get("xong");
  const count = Number(search.get("so"));
  if (done !== "approve" && done !== "edit" && done !== "reject") return null;
  return DONE[done](Number.isInteger(count) && count > 0 ? count : 1);
}
