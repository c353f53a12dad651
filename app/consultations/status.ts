// What a reader is told about a consultation: the stored status plus its dates.
// Stored: DRAFT (never public) → SCHEDULED → OPEN → CLOSED. The background job moves SCHEDULED to OPEN and
// OPEN to CLOSED when their time comes, but every page reads the dates too, so the public state changes at
// the very second, in every process, whether or not the job has run yet.
export type PublicStatus = "draft" | "upcoming" | "open" | "closed";
export type StoredStatus = "DRAFT" | "SCHEDULED" | "OPEN" | "CLOSED";

export const STATUS_LABEL: Record<PublicStatus, string> = {
  draft: "Bản nháp",
  upcoming: "Sắp lấy ý kiến",
  open: "Đang lấy ý kiến",
  closed: "Đã kết thúc lấy ý kiến",
};

interface Dated {
  status: StoredStatus;
  opensAt: Date | string | null;
  closesAt: Date | string | null;
}

export function publicStatus(c: Dated, now: Date = new Date()): PublicStatus {
  if (c.status === "DRAFT") return "draft";
  if (c.status === "CLOSED") return "closed";
  if (c.closesAt && new Date(c.closesAt) <= now) return "closed";
  if (c.opensAt && new Date(c.opensAt) > now) return "upcoming";
  return "open";
}

/** Order on the home page: open first, then upcoming, then closed. */
export const STATUS_ORDER: Record<PublicStatus, number> = { open: 0, upcoming: 1, closed: 2, draft: 3 };

/** The states as the drafting team's pages name them (the same four, read the same way from the dates). */
export const STAFF_STATUS_LABEL: Record<PublicStatus, string> = {
  draft: "Bản nháp",
  upcoming: "Đã lên lịch",
  open: "Đang lấy ý kiến",
  closed: "Đã kết thúc",
};

/**
 * The next instant at which publicStatus() of this consultation will change by itself (its opening or
 * closing still ahead), or null. A page showing the state may be kept (page cache) only until then.
 */
export function nextStatusChange(c: Dated, now: Date = new Date()): Date | null {
  if (c.status === "DRAFT" || c.status === "CLOSED") return null;
  const opens = c.opensAt ? new Date(c.opensAt) : null;
  const closes = c.closesAt ? new Date(c.closesAt) : null;
  if (opens && opens > now) return opens;
  if (closes && closes > now) return closes;
  return null;
}

/** The earliest of several consultations' next changes, or null. */
export function earliestStatusChange(list: readonly Dated[], now: Date = new Date()): Date | null {
  let earliest: Date | null = null;
  for (const c of list) {
    const next = nextStatusChange(c, now);
    if (next && (!earliest || next < earliest)) earliest = next;
  }
  return earliest;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long an open consultation still takes opinions: "Còn 3 ngày", on its last day "Còn 5 giờ" (null when closed or without an end). */
export function timeLeftText(c: Dated, now: Date = new Date()): string | null {
  if (publicStatus(c, now) !== "open" || !c.closesAt) return null;
  const left = new Date(c.closesAt).getTime() - now.getTime();
  if (left >= DAY_MS) return `Còn ${Math.floor(left / DAY_MS)} ngày`;
  if (left >= HOUR_MS) return `Còn ${Math.floor(left / HOUR_MS)} giờ`;
  return "Còn dưới 1 giờ";
}
