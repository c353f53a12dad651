import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Db } from "~/platform/db.server.ts";
import type { ResponseReportFilters } from "./filters.ts";
import { opinionBatches } from "./grouping.ts";
import { answerOpinions, groupSizes, loadOverview, sectionAnswers, type AnswerRow, type PublicOpinion, type ReportConsultation, type ReportOverview, type ReportReader, type ReportSection } from "./report.server.ts";

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
  const keep = { versionId: loaded.versionId, disposition: filters.disposition };
  for (const section of loaded.sections) {
    yield { kind: "section", section };
    let afterId: string | undefined;
    for (;;) {
      const answers = await sectionAnswers(reader, consultation.id, keep, section.key, { afterId, limit: ANSWER_BATCH });
      if (answers.length === 0) break;
      for (const batch of opinionBatches(answers, OPINION_BATCH)) {
        const ids = batch.map((a) => a.id);
        const [opinions, sizes] = await Promise.all([
          answerOpinions(reader, ids, loaded.versionId, versionNumbers, { limit: batch.reduce((n, a) => n + a.opinions, 0) + 1 }),
          groupSizes(reader, ids, loaded.versionId),
        ]);
        const byAnswer = new Map<string, PublicOpinion[]>(ids.map((id) => [id, []]));
        for (const opinion of opinions) byAnswer.get(opinion.answerId)?.push(opinion);
        for (const answer of batch) {
          const own = new Map<string, number>();
          for (const [key, n] of sizes) if (key.startsWith(`${answer.id}|`)) own.set(key.slice(answer.id.length + 1), n);
          yield { kind: "answer", section, answer, opinions: byAnswer.get(answer.id) ?? [], groupSizes: own };
        }
        await yieldToEventLoop();
      }
      if (answers.length < ANSWER_BATCH) break;
      afterId = answers.at(-1)!.id;
    }
  }
}
