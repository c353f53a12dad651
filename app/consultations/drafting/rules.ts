import { publicStatus, type StoredStatus } from "../status.ts";

// The state machine of a consultation, as plain rules (no database): which actions a state allows and
// what each needs. ADR 034.
//
//   DRAFT ──Lên lịch──► SCHEDULED ──(its opening time, by itself)──► OPEN ──(its closing time)──► CLOSED
//     │   (opening already come: straight to OPEN)   │ Mở ngay                  │ Kết thúc sớm (reason)
//     └──────────────────Mở ngay─────────────────────┴──────────────────────────►│
//                                                          OPEN/CLOSED ──Gia hạn (reason)──► OPEN
//
// The state a person sees is read from the stored status and the dates (publicStatus), so a SCHEDULED
// consultation whose opening has come is open at that second, before the background job stores it;
// the rules below read the same way. Leaving DRAFT makes the consultation public for good: its slug is
// frozen and there is no way back to DRAFT (readers may have kept links to it).

export interface Snapshot {
  status: StoredStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  publishedVersionId: string | null;
  firstPublicAt: Date | null;
}

export type StateAction = "schedule" | "open" | "close" | "extend";

export const REASON_MIN = 5;
export const REASON_MAX = 1000;

/** The slug is kept for good once the consultation has been public (or is not a draft: data from before the rule). */
export const slugFrozen = (c: Pick<Snapshot, "status" | "firstPublicAt">) => c.firstPublicAt !== null || c.status !== "DRAFT";

/** The comment period can no longer be edited in the settings once the consultation has opened (close early or extend instead). */
export function periodLocked(c: Pick<Snapshot, "status" | "opensAt" | "closesAt">, now: Date): boolean {
  const state = publicStatus(c, now);
  return state === "open" || state === "closed";
}

const NEEDS_VERSION = "Chưa có bản dự thảo được công bố: hãy nhập hoặc soạn bản dự thảo và công bố nó trước.";

/** Why «Lên lịch» cannot apply now, or null. DRAFT only; needs a published version and both times, the closing still ahead. */
export function scheduleProblem(c: Snapshot, now: Date): string | null {
  if (c.status !== "DRAFT") return "Chỉ lên lịch được một đợt lấy ý kiến đang là bản nháp.";
  if (!c.publishedVersionId) return NEEDS_VERSION;
  if (!c.opensAt || !c.closesAt) return "Cần nhập thời điểm bắt đầu và thời điểm kết thúc lấy ý kiến (trong phần Thông tin) trước khi lên lịch.";
  if (c.closesAt <= now) return "Thời điểm kết thúc đã qua: hãy sửa thời gian lấy ý kiến trước khi lên lịch.";
  return null;
}

/** Where «Lên lịch» leads: SCHEDULED, or OPEN at once when the opening time has already come. */
export const scheduledStatus = (c: Pick<Snapshot, "opensAt">, now: Date): StoredStatus => (c.opensAt && c.opensAt <= now ? "OPEN" : "SCHEDULED");

/** Why «Mở ngay» cannot apply now, or null: a draft or a consultation not yet open, with a published version and a closing ahead. */
export function openProblem(c: Snapshot, now: Date): string | null {
  const state = publicStatus(c, now);
  if (state === "open") return "Đợt lấy ý kiến đang mở.";
  if (state === "closed") return "Đợt lấy ý kiến đã kết thúc: để mở lại, dùng «Gia hạn» với thời điểm kết thúc mới.";
  if (!c.publishedVersionId) return NEEDS_VERSION;
  if (!c.closesAt) return "Cần nhập thời điểm kết thúc lấy ý kiến (trong phần Thông tin) trước khi mở.";
  if (c.closesAt <= now) return "Thời điểm kết thúc đã qua: hãy sửa thời gian lấy ý kiến trước khi mở.";
  return null;
}

/** Why «Kết thúc sớm» cannot apply now, or null: only while open. */
export function closeProblem(c: Snapshot, now: Date): string | null {
  const state = publicStatus(c, now);
  if (state === "closed") return "Đợt lấy ý kiến đã kết thúc.";
  if (state !== "open") return "Đợt lấy ý kiến chưa mở nên không kết thúc sớm được.";
  return null;
}

/**
 * Why «Gia hạn» to `until` cannot apply, or null: open or closed (a closed one opens again), the new
 * closing after now and after the current one.
 */
export function extendProblem(c: Snapshot, until: Date, now: Date): string | null {
  const state = publicStatus(c, now);
  if (state === "draft" || state === "upcoming") return "Đợt lấy ý kiến chưa mở: hãy đổi thời điểm kết thúc trong phần Thông tin.";
  if (until <= now) return "Thời điểm kết thúc mới phải ở tương lai.";
  if (c.closesAt && until <= c.closesAt) return "Thời điểm kết thúc mới phải sau thời điểm kết thúc hiện tại.";
  return null;
}

/** Why a reason given for closing early or extending is not enough, or null. */
export function reasonProblem(reason: string): string | null {
  if (reason.length < REASON_MIN) return `Vui lòng ghi lý do (ít nhất ${REASON_MIN} ký tự): lý do được lưu vào nhật ký.`;
  if (reason.length > REASON_MAX) return `Lý do dài tối đa ${REASON_MAX.toLocaleString("vi-VN")} ký tự.`;
  return null;
}

/** The actions the settings page offers in this state (each still checked again when it is applied). */
export function offeredActions(c: Snapshot, now: Date): StateAction[] {
  switch (publicStatus(c, now)) {
    case "draft":
      return ["schedule", "open"];
    case "upcoming":
      return ["open"];
    case "open":
      return ["close", "extend"];
    case "closed":
      return ["extend"];
  }
}
