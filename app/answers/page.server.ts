import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { scopeFor, type OrganizationScope } from "~/organizations/scope.server.ts";
import type { StaffUser } from "~/staff/auth.server.ts";
import { answerFormInput, correctionFormInput } from "./answer-input.ts";
import { correctAnswer, recordAnswer, type AnswerResult } from "./answers.server.ts";
import { answerProgress, answerViews, listOpinions, parseOpinionFilters } from "./progress.server.ts";
import { openThemes } from "./themes.server.ts";

// What the staff pages of the answers read and do (/quan-tri/tiep-thu…): the routes stay thin.

type Viewer = Pick<StaffUser, "id" | "role" | "organizationId" | "permissions">;

/** Who answers, and who moderates, sees every opinion; a representative those of their organization's scope (ADR 016). */
export async function answersScope(db: Db, viewer: Viewer): Promise<OrganizationScope> {
  if (viewer.permissions.has("answers.manage") || viewer.permissions.has("moderation.view")) return { kind: "all" };
  return scopeFor(db, viewer);
}

/** The consultations with a published version, each with its progress within the viewer's scope. */
export async function answersIndex(db: Db, sql: SqlDriver, viewer: Viewer) {
  const scope = await answersScope(db, viewer);
  const consultations = await db.consultation.findMany({
    where: { publishedVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, status: true },
  });
  return Promise.all(consultations.map(async (c) => ({ ...c, progress: (await answerProgress(db, sql, c.id, scope)).all })));
}

/** What the page's `tra-loi` names: one opinion, a group or a theme to answer. */
export type AnswerTargetParam = { scope: "COMMENT"; commentId: string } | { scope: "GROUP"; groupId: string } | { scope: "THEME"; phrase: string };

export function parseTargetParam(value: string | null): AnswerTargetParam | null {
  const match = /^(y-kien|nhom|chu-de):([a-z0-9 _-]{1,200})$/i.exec(value ?? "");
  if (!match) return null;
  const [, kind, id] = match;
  if (kind === "y-kien") return { scope: "COMMENT", commentId: id! };
  if (kind === "nhom") return { scope: "GROUP", groupId: id! };
  return /^[a-z0-9]+( [a-z0-9]+)+$/.test(id!) ? { scope: "THEME", phrase: id! } : null;
}

/** The page of one consultation: progress, filters, the list, the themes of the section, what the form needs. */
export async function answersPage(db: Db, sql: SqlDriver, viewer: Viewer, consultationId: string, params: URLSearchParams) {
  const consultation = await db.consultation.findUnique({
    where: { id: consultationId },
    select: { id: true, slug: true, title: true, publishedVersionId: true },
  });
  if (!consultation?.publishedVersionId) return null;
  const scope = await answersScope(db, viewer);
  const canAnswer = viewer.permissions.has("answers.manage");
  const filters = parseOpinionFilters(params);
  const [progress, list, versions] = await Promise.all([
    answerProgress(db, sql, consultation.id, scope),
    listOpinions(db, sql, consultation.id, filters, scope),
    db.documentVersion.findMany({
      where: { consultationId: consultation.id, status: "PUBLISHED" },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    }),
  ]);
  const sectionKey = filters.section === "toan-van" ? null : (filters.section ?? undefined);
  const themes = canAnswer && sectionKey !== undefined ? await openThemes(sql, consultation.id, sectionKey) : [];
  const blocks = canAnswer
    ? await db.block.findMany({
        where: { versionId: consultation.publishedVersionId, kind: { notIn: ["part", "chapter", "section", "heading"] } },
        orderBy: { position: "asc" },
        select: { key: true, label: true },
      })
    : [];
  const target = canAnswer ? parseTargetParam(params.get("tra-loi")) : null;
  const correctingId = canAnswer ? params.get("sua") : null;
  const correcting = correctingId && /^[A-Za-z0-9_-]{1,64}$/.test(correctingId) ? ((await answerViews(db, [correctingId])).get(correctingId) ?? null) : null;
  const current = versions.find((v) => v.id === consultation.publishedVersionId) ?? null;
  return {
    consultation: { id: consultation.id, title: consultation.title, slug: consultation.slug },
    canAnswer,
    filters,
    progress,
    items: list.items,
    next: list.next,
    versions,
    currentVersion: current,
    blocks,
    themes,
    sectionKey,
    target,
    correcting,
  };
}

export type AnswerAction = (AnswerResult & { intent: "answer" | "correct"; values: Record<string, unknown> }) | null;

/** The page's two forms: a new answer (`intent=answer`), a correction (`intent=correct`, `answerId`). */
export async function answersAction(db: Db, sql: SqlDriver, viewer: Viewer, consultationId: string, form: FormData): Promise<AnswerAction> {
  const intent = form.get("intent");
  const actor = { id: viewer.id, permissions: viewer.permissions };
  if (intent === "correct") {
    const answerId = String(form.get("answerId") ?? "");
    const answer = await db.answer.findUnique({ where: { id: answerId }, select: { consultationId: true } });
    const input = correctionFormInput(form);
    const result =
      answer?.consultationId === consultationId
        ? await correctAnswer(db, sql, actor, answerId, input)
        : ({ ok: false, message: "Không tìm thấy câu trả lời này.", fieldErrors: { form: "Không tìm thấy câu trả lời này." } } as const);
    return { ...result, intent, values: { ...(input as object), answerId } };
  }
  if (intent === "answer") {
    const input = answerFormInput(form, consultationId);
    const result = await recordAnswer(db, sql, actor, input);
    return { ...result, intent, values: input as Record<string, unknown> };
  }
  return null;
}
