import type { Db } from "~/platform/db.server.ts";
import { auditActionLabel } from "./actions.ts";
import { type AuditFilters, DAY_MS, VN_OFFSET } from "./audit-filters.ts";
import { CSV_BOM, csvRow } from "./csv.ts";

// Reading the audit log: newest-first keyset pages for /quan-tri/nhat-ky, and the CSV export.

function whereOf(filters: AuditFilters) {
  const createdAt: { gte?: Date; lt?: Date } = {};
  if (filters.from) createdAt.gte = new Date(`${filters.from}T00:00:00${VN_OFFSET}`);
  if (filters.to) createdAt.lt = new Date(new Date(`${filters.to}T00:00:00${VN_OFFSET}`).getTime() + DAY_MS);
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.commentId ? { commentId: filters.commentId } : {}),
    ...(createdAt.gte || createdAt.lt ? { createdAt } : {}),
  };
}

function cursorWhere(after: string | undefined) {
  if (!after) return {};
  const dot = after.indexOf(".");
  const at = new Date(Number(after.slice(0, dot)));
  const id = after.slice(dot + 1);
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
}

const cursorOf = (event: { createdAt: Date; id: string }) => `${event.createdAt.getTime()}.${event.id}`;

const SELECT = {
  id: true,
  action: true,
  commentId: true,
  groupId: true,
  subject: true,
  before: true,
  after: true,
  note: true,
  createdAt: true,
  actor: { select: { id: true, name: true, email: true } },
} as const;

async function page(db: Db, filters: AuditFilters, size: number) {
  const rows = await db.auditEvent.findMany({
    where: { AND: [whereOf(filters), cursorWhere(filters.after)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
    select: SELECT,
  });
  const events = rows.slice(0, size);
  return { events, next: rows.length > size ? cursorOf(events[events.length - 1]) : null };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page, newest first; `next` is the cursor of the following (older) page, or null at the end. */
export function listAuditEvents(db: Db, filters: AuditFilters, size = AUDIT_PAGE_SIZE) {
  return page(db, filters, size);
}

/** Readable names for subjects "user:<id>" (the account an event was about), keyed by subject. */
export async function subjectNames(db: Db, subjects: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(subjects.filter((s): s is string => !!s?.startsWith("user:")).map((s) => s.slice(5)))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [`user:${u.id}`, `${u.name} (${u.email})`]));
}

/** Who has acted, for the actor filter: staff accounts by name. */
export function listActors(db: Db) {
  return db.user.findMany({ orderBy: [{ name: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true } });
}

const vnTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export const AUDIT_CSV_HEADER = [
  "Thời điểm (giờ Việt Nam)",
  "Hành động",
  "Mã hành động",
  "Người thực hiện",
  "Thư điện tử người thực hiện",
  "Mã ý kiến",
  "Mã nhóm",
  "Đối tượng",
  "Trước",
  "Sau",
  "Ghi chú",
  "Mã sự kiện",
];

/**
 * The filtered log as CSV (UTF-8 with BOM so Excel reads Vietnamese), newest first, read in keyset
 * batches and streamed: memory stays flat however long the log is.
 */
export function auditCsvStream(db: Db, filters: AuditFilters, batch = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined = undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvRow(AUDIT_CSV_HEADER)));
          return;
        }
        const { events, next } = await page(db, { ...filters, after: cursor }, batch);
        const text = events
          .map((e) =>
            csvRow([
              vnTime.format(e.createdAt),
              auditActionLabel(e.action),
              e.action,
              e.actor?.name,
              e.actor?.email,
              e.commentId,
              e.groupId,
              e.subject,
              e.before,
              e.after,
              e.note,
              e.id,
            ]),
          )
          .join("");
        if (text) controller.enqueue(encoder.encode(text));
        if (next) cursor = next;
        else controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
