import { appendAudit } from "~/audit/audit.server.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { findCommune } from "~/localities/localities.server.ts";
import { localityShape } from "~/organizations/kinds.ts";
import { organizationsInScope, scopeFor, type OrganizationScope } from "~/organizations/scope.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { ConferenceInput } from "./conference-form.ts";
import { dateProblem, toStoredDate } from "./dates.ts";

// Conferences and letters: who may record them (an organization of the user's scope), listing and
// reading them within that scope, and creating one. Their opinions are taken in by intake.server.ts.

export interface Recorder {
  id: string;
  role: string;
  organizationId: string | null;
}

/** Conferences whose organization is in the scope. */
export function conferenceScopeWhere(scope: OrganizationScope): Prisma.ConferenceWhereInput {
  if (scope.kind === "all") return {};
  if (scope.kind === "none") return { id: { in: [] } };
  return { organization: { path: { startsWith: scope.path } } };
}

/** The organizations the user may record conferences for: those of their scope. */
export async function recordableOrganizations(db: Db, user: Recorder) {
  return organizationsInScope(db, await scopeFor(db, user));
}

/** Why a consultation does not take opinions through this channel (its settings), or null. */
export function channelRefusal(consultation: { acceptsConference: boolean; acceptsLetter: boolean }, channel: string): string | null {
  if (channel === "CONFERENCE" && !consultation.acceptsConference) return "Đợt lấy ý kiến này không nhận ý kiến qua hội nghị.";
  if (channel === "LETTER" && !consultation.acceptsLetter) return "Đợt lấy ý kiến này không nhận ý kiến bằng thư, văn bản.";
  return null;
}

/** Consultations that take conference or letter opinions: published (open or closed), with one of those channels on. */
export function consultationsForIntake(db: Db) {
  return db.consultation.findMany({
    where: { status: { not: "DRAFT" }, publishedVersionId: { not: null }, OR: [{ acceptsConference: true }, { acceptsLetter: true }] },
    orderBy: [{ createdAt: "desc" }],
    select: { id: true, title: true, slug: true },
  });
}

export async function listConferences(db: Db, user: Recorder, { consultationId }: { consultationId?: string | null } = {}) {
  const scope = await scopeFor(db, user);
  const rows = await db.conference.findMany({
    where: { ...conferenceScopeWhere(scope), ...(consultationId ? { consultationId } : {}) },
    orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
    take: 500,
    select: {
      id: true,
      title: true,
      channel: true,
      heldOn: true,
      place: true,
      attendees: true,
      organization: { select: { name: true } },
      consultation: { select: { title: true } },
      _count: { select: { comments: { where: { status: { not: "DELETED" } } } } },
    },
  });
  return { scope, rows };
}

/** One conference, if the user's scope holds its organization. */
export async function getConference(db: Db, user: Recorder, id: string) {
  const scope = await scopeFor(db, user);
  return db.conference.findFirst({
    where: { id, ...conferenceScopeWhere(scope) },
    select: {
      id: true,
      title: true,
      channel: true,
      heldOn: true,
      place: true,
      attendees: true,
      chairperson: true,
      note: true,
      createdAt: true,
      organizationId: true,
      organization: { select: { name: true, path: true } },
      consultation: {
        select: { id: true, title: true, slug: true, commentCharLimit: true, publishedVersionId: true, acceptsConference: true, acceptsLetter: true },
      },
      _count: { select: { comments: { where: { status: { not: "DELETED" } } } } },
    },
  });
}
export type ConferenceDetails = NonNullable<Awaited<ReturnType<typeof getConference>>>;

/** The blocks of a published version in reading order, with the section each belongs to. */
export async function versionBlocks(db: Db, versionId: string) {
  const rows = await db.block.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { key: true, label: true, text: true, kind: true, level: true, number: true },
  });
  const sections = sectionOfBlocks(rows);
  return rows.map((row) => ({ ...row, section: sections.get(row.key) ?? null }));
}

/** The province and commune an organization's opinions are counted under: its own locality, else the nearest one above it. */
export async function organizationLocality(db: Db, organization: { path: string }): Promise<{ provinceCode: string | null; communeCode: string | null }> {
  const ids = organization.path.split("/").filter(Boolean);
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, localityCode: true } });
  const byId = new Map(rows.map((r) => [r.id, r.localityCode]));
  for (const id of ids.reverse()) {
    const code = byId.get(id) ?? null;
    if (localityShape(code) === "province") return { provinceCode: code, communeCode: null };
    if (localityShape(code) === "commune") return { provinceCode: findCommune(code)?.provinceCode ?? null, communeCode: code };
  }
  return { provinceCode: null, communeCode: null };
}

export type CreateConferenceResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string> };

export async function createConference(db: Db, user: Recorder, input: ConferenceInput, now = new Date()): Promise<CreateConferenceResult> {
  const fieldErrors: Record<string, string> = {};
  const scope = await scopeFor(db, user);
  const organization = await db.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, name: true, path: true } });
  const inScope = organization && (scope.kind === "all" || (scope.kind === "subtree" && organization.path.startsWith(scope.path)));
  if (!inScope) fieldErrors.organizationId = "Bạn chỉ ghi nhận được hội nghị của tổ chức mình và các tổ chức trực thuộc. Vui lòng chọn lại.";
  const consultation = await db.consultation.findUnique({
    where: { id: input.consultationId },
    select: { status: true, publishedVersionId: true, title: true, acceptsConference: true, acceptsLetter: true },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId)
    fieldErrors.consultationId = "Dự thảo này không nhận ý kiến. Vui lòng chọn lại.";
  else {
    const refusal = channelRefusal(consultation, input.channel);
    if (refusal) fieldErrors.channel = `${refusal} Vui lòng chọn hình thức khác hoặc dự thảo khác.`;
  }
  const dateError = dateProblem(input.heldOn, now);
  if (dateError) fieldErrors.heldOn = dateError;
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const conference = await db.$transaction(async (tx) => {
    const created = await tx.conference.create({
      data: {
        consultationId: input.consultationId,
        organizationId: input.organizationId,
        channel: input.channel,
        title: input.title,
        heldOn: toStoredDate(input.heldOn),
        place: input.place,
        attendees: input.attendees,
        chairperson: input.chairperson,
        note: input.note,
        createdById: user.id,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      action: "conference-create",
      actorId: user.id,
      subject: `conference:${created.id}`,
      after: JSON.stringify({ ...input, heldOn: toStoredDate(input.heldOn).toISOString() }),
      note: `${input.title} – ${organization!.name}`,
    });
    return created;
  });
  return { ok: true, id: conference.id };
}

/** The latest opinions recorded for a conference, for its page. */
export function conferenceOpinions(db: Db, conferenceId: string, take = 50) {
  return db.comment.findMany({
    where: { conferenceId, status: { not: "DELETED" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, blockKey: true, stance: true, originalText: true, authorName: true, status: true, createdAt: true },
  });
}
