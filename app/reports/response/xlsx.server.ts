import ExcelJS from "exceljs";
import type { Writable } from "node:stream";
import type { Disposition } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { sheetValue } from "~/reports/export/cells.ts";
import { printSetup } from "~/reports/export/files.server.ts";
import { DISPOSITION_LABELS } from "~/answers/dispositions.ts";
import type { ResponseReportFilters } from "./filters.ts";
import { GENERAL_SECTION_LABEL } from "./grouping.ts";
import type { ReportConsultation, ReportReader } from "./report.server.ts";
import { reportItems } from "./rows.server.ts";

// The response report as a spreadsheet: one row per opinion (every member of a near-duplicate group
// too), streamed with exceljs's WorkbookWriter; the header row frozen and repeated on every printed
// page, A4 landscape. Text cells are strings, never formulas (sheetValue).

export const RESPONSE_COLUMNS = [
  { header: "Phần của dự thảo", width: 32 },
  { header: "Đoạn được góp ý", width: 28 },
  { header: "Nội dung ý kiến", width: 70 },
  { header: "Đề xuất sửa thành", width: 60 },
  { header: "Người góp ý (viết tắt)", width: 30 },
  { header: "Kết quả xử lý", width: 22 },
  { header: "Nội dung tiếp thu, giải trình", width: 60 },
  { header: "Viết trên bản số", width: 10 },
] as const;

/** Block labels by key: the current version's first, else the latest version that had the block. */
async function blockLabels(db: Db, consultation: ReportConsultation): Promise<Map<string, string>> {
  const blocks = await db.block.findMany({
    where: { version: { consultationId: consultation.id, status: "PUBLISHED" } },
    orderBy: { version: { number: "asc" } },
    select: { key: true, label: true, versionId: true },
  });
  const labels = new Map<string, string>();
  for (const b of blocks) labels.set(b.key, b.label);
  for (const b of blocks) if (b.versionId === consultation.publishedVersionId) labels.set(b.key, b.label);
  return labels;
}

export async function writeResponseXlsx(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  file: string | Writable,
): Promise<number> {
  const labels = await blockLabels(db, consultation);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof file === "string" ? { filename: file } : { stream: file }),
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Góp ý dự thảo";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet("Tiếp thu, giải trình", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: printSetup("1:1"),
  });
  sheet.columns = RESPONSE_COLUMNS.map((c) => ({ width: c.width }));
  const head = sheet.addRow(RESPONSE_COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  let done = 0;
  for await (const item of reportItems(db, reader, consultation, filters)) {
    if (item.kind === "section") continue;
    const section = item.section.key === null ? GENERAL_SECTION_LABEL : item.section.label;
    const disposition = DISPOSITION_LABELS[item.answer.disposition as Disposition];
    for (const opinion of item.opinions) {
      sheet
        .addRow([
          sheetValue(section),
          sheetValue(opinion.blockKey ? (labels.get(opinion.blockKey) ?? "Đoạn không còn trong dự thảo") : "Toàn văn dự thảo"),
          sheetValue(opinion.text),
          sheetValue(opinion.proposal?.text),
          sheetValue(opinion.byline),
          sheetValue(disposition),
          sheetValue(item.answer.explanation),
          opinion.versionNumber,
        ])
        .commit();
      done++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return done;
}
