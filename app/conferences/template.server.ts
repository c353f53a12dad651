import ExcelJS from "exceljs";
import { STANCES } from "~/vocabulary/vocabulary.ts";
import { WHOLE_DRAFT_LABEL } from "./labels.ts";
import { MAX_OPINION_ROWS, OPINION_COLUMNS } from "./opinion-rows.ts";

// The opinions template of one consultation: a sheet to fill in (header row, stance list, date
// format) and a "Hướng dẫn" sheet explaining each column and listing every block label of the
// published version with its code, which the first column offers as a drop-down list.

export const TEMPLATE_SHEET = "Ý kiến";
export const INSTRUCTIONS_SHEET = "Hướng dẫn";
const ROWS_WITH_LISTS = 1_000;

export async function buildTemplate({
  consultationTitle,
  blocks,
  charLimit,
}: {
  consultationTitle: string;
  blocks: { key: string; label: string; text: string }[];
  charLimit: number;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Góp ý dự thảo";
  workbook.created = new Date();

  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: OPINION_COLUMNS.label, key: "label", width: 45 },
    { header: OPINION_COLUMNS.stance, key: "stance", width: 18 },
    { header: OPINION_COLUMNS.text, key: "text", width: 80 },
    { header: OPINION_COLUMNS.name, key: "name", width: 28 },
    { header: OPINION_COLUMNS.date, key: "date", width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  sheet.getColumn("text").alignment = { wrapText: true, vertical: "top" };
  sheet.getColumn("date").numFmt = "dd/mm/yyyy";
  // Text cells: what is typed stays text (a leading "=" is not a formula).
  for (const key of ["label", "text", "name"]) sheet.getColumn(key).numFmt = "@";

  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.columns = [{ width: 50 }, { width: 40 }, { width: 80 }];
  const lines: string[][] = [
    [`Mẫu nhập ý kiến góp ý: ${consultationTitle}`],
    [],
    ["Cách điền (trang «Ý kiến», mỗi ý kiến một dòng, không sửa dòng tiêu đề):"],
    [
      `${OPINION_COLUMNS.label}`,
      `Nhãn phần, mục, đoạn được góp ý, chọn trong danh sách bên dưới (hoặc ghi mã đoạn). Để trống hoặc ghi «${WHOLE_DRAFT_LABEL}» nếu góp ý chung cho cả dự thảo.`,
    ],
    [`${OPINION_COLUMNS.stance}`, `«${STANCES.AGREE}», «${STANCES.DISAGREE}» hoặc «${STANCES.OTHER}».`],
    [
      `${OPINION_COLUMNS.text}`,
      `Bắt buộc; tối đa ${charLimit.toLocaleString("vi-VN")} ký tự mỗi ý kiến. Nội dung được giữ nguyên như đã ghi (kể cả khi bắt đầu bằng dấu =, +, -, @).`,
    ],
    [`${OPINION_COLUMNS.name}`, "Không bắt buộc. Để trống thì ý kiến được ghi là của hội nghị (hoặc thư góp ý) và tổ chức."],
    [`${OPINION_COLUMNS.date}`, "Không bắt buộc; mặc định là ngày tổ chức hội nghị. Ghi ngày/tháng/năm (25/11/2026) hoặc năm-tháng-ngày (2026-11-25)."],
    [],
    [
      `Tối đa ${MAX_OPINION_ROWS.toLocaleString("vi-VN")} ý kiến mỗi tệp. Có thể lưu thành CSV UTF-8 với cùng các cột. Mọi ý kiến đều qua kiểm duyệt trước khi công khai.`,
    ],
    [],
    ["Nhãn phần, mục, đoạn", "Mã đoạn", "Đầu đoạn văn"],
  ];
  for (const line of lines) instructions.addRow(line);
  instructions.getRow(1).font = { bold: true, size: 13 };
  instructions.getRow(3).font = { bold: true };
  const tableHeader = instructions.getRow(lines.length);
  tableHeader.font = { bold: true };
  tableHeader.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  const first = lines.length + 1;
  instructions.addRow([WHOLE_DRAFT_LABEL, "", "Góp ý chung cho cả dự thảo"]);
  for (const block of blocks) {
    const excerpt = block.text.length > 90 ? `${block.text.slice(0, 90)}…` : block.text;
    instructions.addRow([block.label, block.key, excerpt]);
  }
  const last = first + blocks.length;
  for (const column of ["A", "B", "C"]) instructions.getColumn(column).numFmt = "@";

  // Drop-down lists that do not forbid other values (a block code typed by hand is fine), one validation
  // per column range: exceljs merges per-cell validations in text order of the addresses (A10 before A2),
  // which wrote overlapping ranges (A10:A1001 and A2:A1001) that Excel reports as a damaged file.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add(`A2:A${ROWS_WITH_LISTS + 1}`, {
    type: "list",
    allowBlank: true,
    showErrorMessage: false,
    formulae: [`'${INSTRUCTIONS_SHEET}'!$A$${first}:$A$${last}`],
  });
  validations.add(`B2:B${ROWS_WITH_LISTS + 1}`, {
    type: "list",
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: "Quan điểm",
    error: `Chọn «${STANCES.AGREE}», «${STANCES.DISAGREE}» hoặc «${STANCES.OTHER}».`,
    formulae: [`"${STANCES.AGREE},${STANCES.DISAGREE},${STANCES.OTHER}"`],
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
