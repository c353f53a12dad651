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
