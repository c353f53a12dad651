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

const ID_FIELDS: Record<string, string> = { organizationId: "organization", parentId: "organization", consultationId: "consultation" };

/** The "kind:id" references of an event: its subject, and the ids its stored before/after name. */
function referencesOf(event: { subject: string | null; before: string | null; after: string | null }): string[] {
  const refs = event.subject ? [event.subject] : [];
  for (const text of [event.before, event.after]) {
    if (!text?.startsWith("{")) continue;
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      for (const [key, kind] of Object.entries(ID_FIELDS)) if (typeof value[key] === "string") refs.push(`${kind}:${value[key]}`);
    } catch {
      // Not JSON after all: nothing to look up.
    }
  }
  return refs;
}

/**
 * Readable names for what events are about, keyed "kind:id": accounts ("user:<id>": name and email),
 * consultations, organizations and conferences (their titles and names), from their subjects and the
 * ids their stored before/after name.
 */
export async function subjectNames(
  db: Db,
  events: readonly { subject: string | null; before: string | null; after: string | null }[],
): Promise<Map<string, string>> {
  const ids: Record<"user" | "consultation" | "organization" | "conference", Set<string>> = {
    user: new Set(),
    consultation: new Set(),
    organization: new Set(),
    conference: new Set(),
  };
  for (const ref of events.flatMap(referencesOf)) {
    const colon = ref.indexOf(":");
    const kind = ref.slice(0, colon) as keyof typeof ids;
    if (colon > 0 && kind in ids) ids[kind].add(ref.slice(colon + 1));
  }
  const where = (kind: keyof typeof ids) => ({ where: { id: { in: [...ids[kind]] } } });
  const [users, consultations, organizations, conferences] = await Promise.all([
    ids.user.size ? db.user.findMany({ ...where("user"), select: { id: true, name: true, email: true } }) : [],
    ids.consultation.size ? db.consultation.findMany({ ...where("consultation"), select: { id: true, title: true } }) : [],
    ids.organization.size ? db.organization.findMany({ ...where("organization"), select: { id: true, name: true } }) : [],
    ids.conference.size ? db.conference.findMany({ ...where("conference"), select: { id: true, title: true } }) : [],
  ]);
  return new Map([
    ...users.map((u) => [`user:${u.id}`, `${u.name} (${u.email})`] as const),
    ...consultations.map((c) => [`consultation:${c.id}`, c.title] as const),
    ...organizations.map((o) => [`organization:${o.id}`, o.name] as const),
    ...conferences.map((c) => [`conference:${c.id}`, c.title] as const),
  ]);
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
  "Diễn giải",
];

/** An event of the CSV, as the log page shows it in a sentence (app/audit-log/sentences.ts, given by the route). */
export type AuditEventWithNames = Awaited<ReturnType<typeof page>>["events"][number];
export type DescribeEvent = (event: AuditEventWithNames, names: ReadonlyMap<string, string>) => string;

/**
 * The filtered log as CSV (UTF-8 with BOM so Excel reads Vietnamese), newest first, read in keyset
 * batches and streamed: memory stays flat however long the log is.
 */
export function auditCsvStream(db: Db, filters: AuditFilters, describe: DescribeEvent, batch = 500): ReadableStream<Uint8Array> {
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
        const names = await subjectNames(db, events);
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
              describe(e, names),
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
