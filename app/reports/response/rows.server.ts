import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Db } from "~/platform/db.server.ts";
import type { ResponseReportFilters } from "./filters.ts";
import { opinionBatches } from "./grouping.ts";
import {
  answerOpinions,
  loadOverview,
  type AnswerRow,
  type PublicOpinion,
  type ReportConsultation,
  type ReportOverview,
  type ReportReader,
  type ReportSection,
} from "./report.server.ts";

// The whole response report in reading order, for the files: section by section, the answers in keyset
// batches, and the opinions of a batch of answers in one query (a batch holds at most OPINION_BATCH
// opinions, or one answer when it alone covers more). Memory holds one batch; the event loop gets a turn
// between batches.

export const ANSWER_BATCH = 500;
export const OPINION_BATCH = 5_000;

export type ReportItem =
  | { kind: "section"; section: ReportSection }
  | { kind: "answer"; section: ReportSection; answer: AnswerRow; opinions: PublicOpinion[]; groupSizes: Map<string, number> };

export async function* reportItems(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  overview?: ReportOverview,
): AsyncGenerator<ReportItem> {
  const loaded = overview ?? (await loadOverview(db, reader, consultation, filters));
  if (!loaded) return;
  const versionNumbers = new Map(consultation.versions.map((v) => [v.id, v.number]));
  for (const section of loaded.sections) {
    yield { kind: "section", section };
    let afterId: string | undefined;
    for (;;) {
      // The Answer table alone (its (consultationId, sectionKey) index); answers none of whose opinions
      // the filters keep are left out below, once their opinions are read.
      const answers = await db.answer.findMany({
        where: {
          consultationId: consultation.id,
          sectionKey: section.key,
          ...(filters.disposition ? { disposition: filters.disposition } : {}),
          ...(afterId ? { id: { gt: afterId } } : {}),
        },
        orderBy: { id: "asc" },
        take: ANSWER_BATCH,
        select: { id: true, sectionKey: true, disposition: true, explanation: true, versionId: true, blockKeys: true, commentCount: true },
      });
      if (answers.length === 0) break;
      for (const batch of opinionBatches(
        answers.map((a) => ({ ...a, opinions: a.commentCount })),
        OPINION_BATCH,
      )) {
        const ids = batch.map((a) => a.id);
        const opinions = await answerOpinions(reader, ids, loaded.versionId, versionNumbers, {});
        const byAnswer = new Map<string, PublicOpinion[]>(ids.map((id) => [id, []]));
        for (const opinion of opinions) byAnswer.get(opinion.answerId)?.push(opinion);
        for (const { commentCount: _, ...answer } of batch) {
          const own = byAnswer.get(answer.id)!;
          if (own.length === 0) continue;
          const sizes = new Map<string, number>();
          for (const o of own) if (o.groupId !== null) sizes.set(o.groupId, (sizes.get(o.groupId) ?? 0) + 1);
          yield { kind: "answer", section, answer: { ...answer, opinions: own.length }, opinions: own, groupSizes: sizes };
        }
        await yieldToEventLoop();
      }
      if (answers.length < ANSWER_BATCH) break;
      afterId = answers.at(-1)!.id;
    }
  }
}
