import { appendAudit } from "~/audit/audit.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import type { FieldErrors } from "~/platform/forms.ts";
import { publicStatus, type StoredStatus } from "../status.ts";
import { forgetPublicState } from "./public-state.server.ts";
import { periodLocked, slugFrozen } from "./rules.ts";
import { settingsValues, type DraftSettings, type SettingsValues } from "./settings-form.ts";

// The drafting team's side of consultations: the list with its counts, one consultation with its
// working copy and published version, creating one (in DRAFT, without a version: the import and editor
// pages make the working copy) and changing its settings with the revision the form was read at.

export const consultationSubject = (id: string) => `consultation:${id}`;

const SLUG_TAKEN = "Đường dẫn này đã được dùng cho một đợt lấy ý kiến khác. Vui lòng chọn đường dẫn khác.";

/**
 * Every consultation with its state and counts, in four queries whatever their number: the rows (with
 * the published version's block count), comments grouped by consultation and status, and the working copies.
 */
export async function listConsultationsForStaff(db: Db, now = new Date()) {
  const [rows, comments, workingCopies] = await Promise.all([
    db.consultation.findMany({
      orderBy: [{ createdAt: "desc" }],
      select: {
        id: true,
        slug: true,
        title: true,
        kind: true,
        status: true,
        opensAt: true,
        closesAt: true,
        publishedVersion: { select: { number: true, _count: { select: { blocks: true } } } },
      },
    }),
    db.comment.groupBy({ by: ["consultationId", "status"], _count: { _all: true } }),
    db.documentVersion.findMany({ where: { status: "DRAFT" }, select: { consultationId: true } }),
  ]);
  const counts = new Map<string, Record<string, number>>();
  for (const row of comments) {
    const byStatus = counts.get(row.consultationId) ?? {};
    byStatus[row.status] = row._count._all;
    counts.set(row.consultationId, byStatus);
  }
  const withWorkingCopy = new Set(workingCopies.map((v) => v.consultationId));
  return rows.map((c) => {
    const byStatus = counts.get(c.id) ?? {};
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      kind: c.kind,
      status: c.status as StoredStatus,
      state: publicStatus(c, now),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      comments: { pending: byStatus.PENDING ?? 0, approved: byStatus.APPROVED ?? 0, rejected: byStatus.REJECTED ?? 0 },
      publishedVersion: c.publishedVersion ? { number: c.publishedVersion.number, blocks: c.publishedVersion._count.blocks } : null,
      hasWorkingCopy: withWorkingCopy.has(c.id),
    };
  });
}
export type StaffConsultationRow = Awaited<ReturnType<typeof listConsultationsForStaff>>[number];

const DETAIL_FIELDS = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  issuingBody: true,
  kind: true,
  status: true,
  opensAt: true,
  closesAt: true,
  commentCharLimit: true,
  acceptsOnline: true,
  acceptsConference: true,
  acceptsLetter: true,
  firstPublicAt: true,
  revision: true,
  publishedVersionId: true,
  createdAt: true,
  updatedAt: true,
  publishedVersion: { select: { id: true, number: true, publishedAt: true, _count: { select: { blocks: true } } } },
} as const;

/** One consultation for its settings page: the settings, the published version and the working copy (without its content). */
export async function getConsultationForStaff(db: Db, id: string) {
  const consultation = await db.consultation.findUnique({ where: { id }, select: DETAIL_FIELDS });
  if (!consultation) return null;
  const [workingCopy, comments] = await Promise.all([
    db.documentVersion.findFirst({
      where: { consultationId: id, status: "DRAFT" },
      orderBy: { number: "desc" },
      select: { id: true, number: true, revision: true, source: true, updatedAt: true, updatedById: true },
    }),
    db.comment.groupBy({ by: ["status"], where: { consultationId: id }, _count: { _all: true } }),
  ]);
  const editor = workingCopy?.updatedById ? await db.user.findUnique({ where: { id: workingCopy.updatedById }, select: { name: true } }) : null;
  const count = (status: string) => comments.find((c) => c.status === status)?._count._all ?? 0;
  return {
    ...consultation,
    status: consultation.status as StoredStatus,
    workingCopy: workingCopy ? { ...workingCopy, updatedByName: editor?.name ?? null } : null,
    comments: { pending: count("PENDING"), approved: count("APPROVED"), rejected: count("REJECTED") },
  };
}
export type StaffConsultation = NonNullable<Awaited<ReturnType<typeof getConsultationForStaff>>>;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/** The settings as stored (and as the audit log records them: times in ISO). */
function stored(s: DraftSettings) {
  return {
    title: s.title,
    slug: s.slug,
    summary: s.summary,
    issuingBody: s.issuingBody,
    kind: s.kind,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    commentCharLimit: s.commentCharLimit,
    acceptsOnline: s.acceptsOnline,
    acceptsConference: s.acceptsConference,
    acceptsLetter: s.acceptsLetter,
  };
}
type StoredSettings = ReturnType<typeof stored>;
const SETTING_KEYS = Object.keys(stored({} as DraftSettings)) as (keyof StoredSettings)[];

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

export type CreateResult = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors };

/** Creates a consultation in DRAFT (no version yet) and logs "draft-create"; a taken slug is a field error and nothing is stored. */
export async function createConsultation(db: Db, actor: { id: string } | null, settings: DraftSettings, now = new Date()): Promise<CreateResult> {
  if (await db.consultation.findUnique({ where: { slug: settings.slug }, select: { id: true } })) {
    return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
  }
  try {
    const id = await db.$transaction(async (tx) => {
      const created = await tx.consultation.create({ data: { ...stored(settings), status: "DRAFT" }, select: { id: true } });
      await appendAudit(
        tx,
        {
          action: "draft-create",
          actorId: actor?.id ?? null,
          subject: consultationSubject(created.id),
          after: JSON.stringify(stored(settings)),
          note: settings.title,
        },
        now,
      );
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    // Another consultation took the slug between the check and the insert.
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
    throw error;
  }
}

export type UpdateResult =
  | { ok: true; revision: number; changed: string[] }
  | { ok: false; fieldErrors: FieldErrors }
  /** Someone else changed it since `baseRevision`: nothing written; `current` is what is stored now. */
  | { ok: false; conflict: true; current: SettingsValues }
  | { ok: false; missing: true };

/**
 * Saves the settings over those read at `baseRevision`: one conditional write, applied only while the
 * stored revision is still that one (a form read before someone else's change, or before a change of
 * state, is refused and overwrites nothing). The slug cannot change once the consultation has been
 * public; the period cannot change once it has opened (closing early and extending have their own
 * actions, with a reason). Logs "draft-update" with what changed, before and after.
 */
export async function updateConsultationSettings(
  db: Db,
  actor: { id: string } | null,
  id: string,
  baseRevision: number,
  settings: DraftSettings,
  now = new Date(),
): Promise<UpdateResult> {
  // Read and checked outside the transaction: the write applies only while the revision is still the one
  // the form was read at, and a transaction that starts with its write takes SQLite's lock at once.
  const current = await db.consultation.findUnique({ where: { id }, select: { ...DETAIL_FIELDS, publishedVersion: false } });
  if (!current) return { ok: false, missing: true };
  if (current.revision !== baseRevision) return { ok: false, conflict: true, current: settingsValues(current) };
  const next = stored(settings);
  const fieldErrors: FieldErrors = {};
  if (next.slug !== current.slug && slugFrozen(current)) {
    fieldErrors.slug = "Đợt lấy ý kiến đã công khai: đường dẫn được giữ nguyên để các liên kết đã chia sẻ không bị hỏng.";
  }
  if (periodLocked(current, now)) {
    // Shown read-only on the page; a hand-made form cannot move them either.
    next.opensAt = current.opensAt;
    next.closesAt = current.closesAt;
  } else if (current.status === "SCHEDULED") {
    if (!next.opensAt) fieldErrors.opensAt = "Đợt lấy ý kiến đã lên lịch cần thời điểm bắt đầu.";
    else if (next.opensAt <= now) fieldErrors.opensAt = "Thời điểm bắt đầu đã qua: để mở ngay, dùng nút «Mở ngay».";
    if (!next.closesAt) fieldErrors.closesAt = "Đợt lấy ý kiến đã lên lịch cần thời điểm kết thúc.";
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const changed = SETTING_KEYS.filter((key) => comparable(next[key]) !== comparable(current[key]));
  if (changed.length === 0) return { ok: true, revision: current.revision, changed };
  if (changed.includes("slug") && (await db.consultation.findFirst({ where: { slug: next.slug, id: { not: id } }, select: { id: true } }))) {
    return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
  }
  const pick = (source: Record<string, unknown>) => JSON.stringify(Object.fromEntries(changed.map((key) => [key, comparable(source[key])])));
  const result = await db
    .$transaction(async (tx): Promise<UpdateResult> => {
      const { count } = await tx.consultation.updateMany({
        where: { id, revision: baseRevision, ...(changed.includes("slug") ? { firstPublicAt: null, status: "DRAFT" } : {}) },
        data: { ...(Object.fromEntries(changed.map((key) => [key, next[key]])) as Prisma.ConsultationUpdateManyMutationInput), revision: { increment: 1 } },
      });
      if (count !== 1) return { ok: false, conflict: true, current: {} };
      await appendAudit(
        tx,
        { action: "draft-update", actorId: actor?.id ?? null, subject: consultationSubject(id), before: pick(current), after: pick(next), note: current.title },
        now,
      );
      return { ok: true, revision: baseRevision + 1, changed };
    })
    .catch((error: unknown): UpdateResult => {
      if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
      throw error;
    });
  if (!result.ok && "conflict" in result) {
    // Changed between the read and the write: say what is stored now.
    const latest = await db.consultation.findUnique({ where: { id }, select: { ...DETAIL_FIELDS, publishedVersion: false } });
    return latest ? { ok: false, conflict: true, current: settingsValues(latest) } : { ok: false, missing: true };
  }
  if (result.ok && result.changed.length) forgetPublicState(db);
  return result;
}
