import { contentHash } from "~/text/fold.ts";
import { countCharacters } from "~/comments/comment-form.ts";
import { readSpreadsheet } from "~/files/spreadsheet.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import type { OpinionInput } from "./conference-form.ts";
import { versionBlocks, type ConferenceDetails } from "./conferences.server.ts";
import { takeInOpinions } from "./intake.server.ts";
import { labelIndex } from "./labels.ts";
import { labelBlocks } from "~/consultations/document/blocks.ts";
import { HEADER_MESSAGE, MAX_OPINION_ROWS, readOpinionRows, type OpinionRow, type ReadRows, type RowError } from "./opinion-rows.ts";

// An uploaded opinions file, from bytes to stored comments: what the file really is, its rows, every
// row checked, then all of it stored in one transaction, or none of it. With `validOnly` (the
// person ticked "Chỉ nhập các dòng hợp lệ") the good rows are stored and the others reported.

/** `alreadyIn`: the file's lines whose opinion was imported for this conference before (not stored again). */
export type UploadResult =
  | { ok: true; imported: number; skipped: RowError[]; alreadyIn: number[] }
  | { ok: false; formError: string | null; errors: RowError[]; validRows: number; alreadyIn: number[] };

/** Rows read beyond the limit: enough to find a header a few rows down and to know there were too many. */
const READ_ROWS = MAX_OPINION_ROWS + 11;

/**
 * The rows of a file already recorded for this conference (same block, stance and text: the row's
 * fingerprint), as many times as they were recorded, in the file's order: uploading the corrected
 * whole file after a partial import stores only what is missing, and says which rows were in.
 */
async function markRepeats(db: Db, conferenceId: string, opinions: OpinionRow[]): Promise<{ fresh: OpinionRow[]; alreadyIn: number[] }> {
  const existing = await db.comment.groupBy({ by: ["blockKey", "stance", "contentHash"], where: { conferenceId }, _count: { _all: true } });
  const left = new Map(existing.map((e) => [`${e.blockKey ?? ""}|${e.stance}|${e.contentHash}`, e._count._all]));
  const fresh: OpinionRow[] = [];
  const alreadyIn: number[] = [];
  for (const opinion of opinions) {
    const key = `${opinion.blockKey ?? ""}|${opinion.stance}|${contentHash(opinion.text)}`;
    const count = left.get(key) ?? 0;
    if (count > 0) {
      left.set(key, count - 1);
      alreadyIn.push(opinion.line);
    } else fresh.push(opinion);
  }
  return { fresh, alreadyIn };
}

export async function uploadOpinions(
  db: Db,
  sql: SqlDriver,
  actor: { id: string },
  conference: ConferenceDetails,
  file: { name: string; bytes: Uint8Array },
  { validOnly, now = new Date() }: { validOnly: boolean; now?: Date },
): Promise<UploadResult> {
  const versionId = conference.consultation.publishedVersionId;
  const refuse = (formError: string, alreadyIn: number[] = []): UploadResult => ({ ok: false, formError, errors: [], validRows: 0, alreadyIn });
  if (!versionId) return refuse("Dự thảo này chưa công bố nên chưa nhận ý kiến.");
  const read = await readSpreadsheet(file.bytes, { maxRows: READ_ROWS });
  if (!read.ok) return refuse(read.message);
  const blocks = await versionBlocks(db, versionId);
  // Files made from an older template carry the labels of the earlier scheme ("… › Mục I › đoạn 6").
  const earlier = labelBlocks(blocks, "ordinal");
  const labels = labelIndex(blocks.map((block, i) => ({ ...block, earlierLabel: earlier[i] })));
  const context = { labels, charLimit: conference.consultation.commentCharLimit, now };
  // The opinions sheet is the first one with the header row (the template's second sheet is its instructions).
  let result: ReadRows = { ok: false, formError: HEADER_MESSAGE };
  for (const sheet of read.sheets) {
    result = readOpinionRows(sheet.rows, { ...context, truncated: sheet.truncated });
    if (result.ok || result.formError !== HEADER_MESSAGE) break;
  }
  if (!result.ok) return refuse(result.formError);

  const { fresh, alreadyIn } = await markRepeats(db, conference.id, result.opinions);
  const errors = result.errors;
  if (errors.length && !validOnly) return { ok: false, formError: null, errors, validRows: fresh.length, alreadyIn };
  // Every good row was in already: nothing to do, and nothing wrong with that.
  if (!fresh.length && alreadyIn.length) return { ok: true, imported: 0, skipped: errors, alreadyIn };
  if (!fresh.length) return { ok: false, formError: "Không có dòng hợp lệ nào để nhập.", errors, validRows: 0, alreadyIn };

  const sections = new Map(blocks.map((b) => [b.key, b.section]));
  const note =
    `Nhập ${fresh.length} ý kiến từ tệp «${file.name}»${errors.length ? `, bỏ qua ${errors.length} dòng lỗi` : ""}` +
    `${alreadyIn.length ? `, ${alreadyIn.length} dòng đã nhập từ trước` : ""}.`;
  await takeInOpinions(db, sql, actor, conference, fresh, { action: "conference-import", note }, { sections, now });
  return { ok: true, imported: fresh.length, skipped: errors, alreadyIn };
}

export type AddOpinionResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

/** One opinion typed in the page. */
export async function addOpinion(
  db: Db,
  sql: SqlDriver,
  actor: { id: string },
  conference: ConferenceDetails,
  input: OpinionInput,
  now = new Date(),
): Promise<AddOpinionResult> {
  const versionId = conference.consultation.publishedVersionId;
  if (!versionId) return { ok: false, fieldErrors: { form: "Dự thảo này chưa công bố nên chưa nhận ý kiến." } };
  const limit = conference.consultation.commentCharLimit;
  if (countCharacters(input.text) > limit)
    return { ok: false, fieldErrors: { text: `Nội dung ý kiến không được quá ${limit.toLocaleString("vi-VN")} ký tự.` } };
  const blocks = await versionBlocks(db, versionId);
  const block = input.blockKey ? blocks.find((b) => b.key === input.blockKey) : null;
  if (input.blockKey && !block) return { ok: false, fieldErrors: { blockKey: "Phần, mục, đoạn đã chọn không có trong dự thảo. Vui lòng chọn lại." } };
  const sections = new Map(blocks.map((b) => [b.key, b.section]));
  const opinion = { blockKey: input.blockKey, stance: input.stance, text: input.text, authorName: input.authorName, date: null };
  await takeInOpinions(db, sql, actor, conference, [opinion], { action: "conference-opinion", note: `Thêm 1 ý kiến: ${conference.title}` }, { sections, now });
  return { ok: true };
}
