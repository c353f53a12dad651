import { CHANNELS, STANCES } from "~/vocabulary/vocabulary.ts";
import {
  AlignmentType,
  BorderStyle,
  Document,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from "docx";
import { formatCount } from "~/platform/format.ts";
import { sectionTitle } from "~/consultations/sections.ts";
import type { ReportStatistics } from "../statistics.server.ts";
import { percent, type Split } from "../statistics.ts";
import type { Themes } from "../themes.server.ts";
import { excerpt, SPLIT_HEADERS, splitCells } from "./tables.ts";

// The Word report in the Vietnamese administrative layout (Decree 30/2020/NĐ-CP, Appendix I):
// the issuing organization and the national motto side by side, number, place and date, the title,
// the body, the signature block and the recipients, then an appendix table. Times New Roman,
// 14 pt body, 13 pt header; A4 with margins 20/15/20/30 mm (top/right/bottom/left).

export interface Issuer {
  /** The organization above the issuing one, when there is one ("ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM"). */
  parentName: string | null;
  name: string;
  /** After "BC-" in the number: "MTTQ", "ĐTN", … */
  numberSuffix: string;
  /** Where the report is issued: "Hòa Sơn", "Hà Nội". */
  place: string;
}

export interface ReportInput {
  issuer: Issuer;
  date: Date;
  consultationTitle: string;
  /** What the report counts, for a person: "Ý kiến đã duyệt", "Tổ chức: …", … */
  scope: string[];
  statistics: ReportStatistics;
  /** Themes of each section (by section key; "" for the whole draft). */
  themes: Map<string, Themes>;
}

export const FONT = "Times New Roman";
export const BODY = 28; // half-points: 14 pt
export const HEADER = 26; // 13 pt
export const SMALL = 24; // 12 pt
export const TABLE = 22; // 11 pt
export const MM = 56.7; // twips per millimetre

/** "Hòa Sơn, ngày 26 tháng 11 năm 2026": days below 10 and months below 3 get a leading zero (Decree 30). */
export function placeAndDate(place: string, date: Date): string {
  const [y, m, d] = new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = String(d).padStart(2, "0");
  const month = m < 3 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Dự thảo Báo cáo chính trị …" → "Báo cáo chính trị …": the title follows "vào dự thảo". */
export function draftName(title: string): string {
  return title.replace(/^\s*dự thảo\s+/iu, "");
}

/** A run of text; the font comes from the document's default style (one declaration instead of one per run). */
export function run(text: string, options: Omit<IRunOptions, "text"> = {}): TextRun {
  const { size, ...rest } = options;
  return new TextRun({ text, ...rest, ...(size !== undefined && size !== BODY ? { size } : {}) });
}

export function para(children: TextRun[] | string, options: Omit<IParagraphOptions, "children" | "text"> = {}): Paragraph {
  return new Paragraph({
    children: typeof children === "string" ? [run(children)] : children,
    spacing: { before: 60, after: 60, line: 312 },
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    ...options,
  });
}

export function centered(text: string, runOptions: Omit<IRunOptions, "text"> = {}, options: Omit<IParagraphOptions, "children" | "text"> = {}): Paragraph {
  return new Paragraph({ children: [run(text, runOptions)], alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...options });
}

/** A short centred rule under a header line, as a bottom border of an empty paragraph with wide indents. */
export function rule(indentMm: number): Paragraph {
  return new Paragraph({
    children: [],
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 120 },
    indent: { left: Math.round(indentMm * MM), right: Math.round(indentMm * MM) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
  });
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number]): Table {
  const total = widths[0] + widths[1];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: left, width: { size: widths[0], type: WidthType.DXA }, borders: NO_BORDERS }),
          new TableCell({ children: right, width: { size: widths[1], type: WidthType.DXA }, borders: NO_BORDERS }),
        ],
      }),
    ],
  });
}

export function header(input: Pick<ReportInput, "issuer" | "date">): Table {
  const { issuer } = input;
  const left = [
    ...(issuer.parentName ? [centered(issuer.parentName.toLocaleUpperCase("vi"), { size: HEADER })] : []),
    centered(issuer.name.toLocaleUpperCase("vi"), { size: HEADER, bold: true }),
    rule(22),
    centered(`Số: …/BC-${issuer.numberSuffix}`, { size: HEADER }),
  ];
  const right = [
    centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: HEADER - 2, bold: true }),
    centered("Độc lập - Tự do - Hạnh phúc", { size: BODY, bold: true }),
    rule(28),
    centered(placeAndDate(issuer.place, input.date), { size: BODY, italics: true }),
  ];
  return twoColumns(left, right, [Math.round(68 * MM), Math.round(97 * MM)]);
}

function countsSentence(split: Split): string {
  const channels = (["ONLINE", "CONFERENCE", "LETTER"] as const)
    .filter((c) => split.channels[c] > 0)
    .map((c) => `${CHANNELS[c].toLocaleLowerCase("vi")} ${formatCount(split.channels[c])}`);
  const stances = (["AGREE", "DISAGREE", "OTHER"] as const).map(
    (s) => `${STANCES[s].toLocaleLowerCase("vi")} ${formatCount(split.stances[s])} (${percent(split.stances[s], split.total)})`,
  );
  return `${formatCount(split.total)} ý kiến${channels.length ? ` (${channels.join(", ")})` : ""}; ${stances.join(", ")}.`;
}

function summary(input: ReportInput): Paragraph[] {
  const { total } = input.statistics;
  const days = input.statistics.days.filter((d) => d.split.total > 0);
  const channelLine = (["ONLINE", "CONFERENCE", "LETTER"] as const)
    .map((c) => `${channelPhrase(c)} ${formatCount(total.channels[c])} ý kiến (${percent(total.channels[c], total.total)})`)
    .join("; ");
  const stanceLine = (["AGREE", "DISAGREE", "OTHER"] as const)
    .map((s) => `${STANCES[s].toLocaleLowerCase("vi")} ${formatCount(total.stances[s])} ý kiến (${percent(total.stances[s], total.total)})`)
    .join("; ");
  return [
    para([run("I. KẾT QUẢ CHUNG", { bold: true })], { indent: { firstLine: 0 } }),
    para([run("1. Tổng số ý kiến: ", { bold: true }), run(`${formatCount(total.total)} ý kiến.`)]),
    para([run("2. Theo hình thức: ", { bold: true }), run(`${channelLine}.`)]),
    para([run("3. Theo quan điểm: ", { bold: true }), run(`${stanceLine}.`)]),
    para([run("4. Thời gian: ", { bold: true }), run(days.length ? `từ ngày ${dmy(days[0]!.day)} đến ngày ${dmy(days.at(-1)!.day)}.` : "chưa có ý kiến.")]),
    para([run("5. Phạm vi tổng hợp: ", { bold: true }), run(`${input.scope.join("; ")}.`)]),
  ];
}

function channelPhrase(channel: "ONLINE" | "CONFERENCE" | "LETTER"): string {
  return { ONLINE: "trực tuyến", CONFERENCE: "tại hội nghị", LETTER: "bằng thư, văn bản" }[channel];
}

function dmy(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

function themeParagraphs(themes: Themes | undefined): Paragraph[] {
  if (!themes || themes.sampled === 0) return [];
  const result: Paragraph[] = [];
  if (themes.phrases.length) {
    result.push(
      para([
        run("Cụm từ được nhắc đến nhiều: ", { italics: true }),
        run(
          `${themes.phrases
            .slice(0, 8)
            .map((p) => `“${p.text}” (${formatCount(p.count)})`)
            .join(", ")}.`,
        ),
      ]),
    );
  }
  const clusters = themes.clusters.slice(0, 3);
  if (clusters.length) {
    result.push(para([run("Nhóm ý kiến tiêu biểu:", { italics: true })]));
    for (const cluster of clusters) {
      const stances = (["AGREE", "DISAGREE", "OTHER"] as const)
        .filter((s) => cluster.stances[s])
        .map((s) => `${STANCES[s].toLocaleLowerCase("vi")} ${formatCount(cluster.stances[s]!)}`)
        .join(", ");
      result.push(
        para([run(`- Nhóm ${formatCount(cluster.count)} ý kiến (${stances}): `), run(`“${excerpt(cluster.quotes[0] ?? "", 500)}”`, { italics: true })]),
      );
      for (const quote of cluster.quotes.slice(1, 2)) result.push(para([run("  Ý kiến khác cùng nhóm: "), run(`“${excerpt(quote, 400)}”`, { italics: true })]));
    }
  }
  return result;
}

function sections(input: ReportInput): Paragraph[] {
  const stats = input.statistics;
  const result: Paragraph[] = [para([run("II. Ý KIẾN THEO TỪNG PHẦN CỦA DỰ THẢO", { bold: true })], { indent: { firstLine: 0 } })];
  // Headings carry the draft's own numbers ("Phần thứ nhất › I. KẾT QUẢ ĐẠT ĐƯỢC"): none is added.
  let n = 0;
  if (stats.wholeDocument.total > 0) {
    n++;
    result.push(para([run("Ý kiến về toàn văn dự thảo", { bold: true })]));
    result.push(para(`Số ý kiến: ${countsSentence(stats.wholeDocument)}`));
    result.push(...themeParagraphs(input.themes.get("")));
  }
  const blocksBySection = new Map<string, typeof stats.blocks>();
  let current: string | null = null;
  const sectionKeys = new Set(stats.sections.map((s) => s.key));
  for (const block of stats.blocks) {
    if (sectionKeys.has(block.key)) current = block.key;
    if (current && block.split.total > 0) blocksBySection.set(current, [...(blocksBySection.get(current) ?? []), block]);
  }
  for (const section of stats.sections) {
    if (section.split.total === 0) continue;
    n++;
    result.push(para([run(excerpt(sectionTitle(section), 200), { bold: true })]));
    result.push(para(`Số ý kiến: ${countsSentence(section.split)}`));
    const top = [...(blocksBySection.get(section.key) ?? [])].sort((a, b) => b.split.total - a.split.total).slice(0, 3);
    if (top.length) {
      result.push(para(`Các đoạn được góp ý nhiều nhất: ${top.map((b) => `${b.label} (${formatCount(b.split.total)} ý kiến)`).join("; ")}.`));
    }
    result.push(...themeParagraphs(input.themes.get(section.key)));
  }
  if (n === 0) result.push(para("Chưa có ý kiến nào trong phạm vi tổng hợp."));
  return result;
}

function breakdowns(input: ReportInput): Paragraph[] {
  const stats = input.statistics;
  const list = (rows: { label: string; split: Split }[]) =>
    rows
      .filter((r) => r.split.total > 0)
      .slice(0, 8)
      .map((r) => `${r.label} ${formatCount(r.split.total)} (${percent(r.split.total, stats.total.total)})`)
      .join("; ");
  const result = [para([run("III. Ý KIẾN THEO ĐỊA BÀN, TỔ CHỨC VÀ ĐỐI TƯỢNG", { bold: true })], { indent: { firstLine: 0 } })];
  const lines: [string, string][] = [
    [stats.localities.level === "province" ? "Theo tỉnh, thành phố" : "Theo xã, phường", list(stats.localities.rows)],
    ["Theo tổ chức", list(stats.organizations)],
    ["Theo nghề nghiệp", list(stats.occupations)],
    ["Theo độ tuổi", list(stats.ageGroups)],
  ];
  lines.forEach(([label, text], i) => result.push(para([run(`${i + 1}. ${label}: `, { bold: true }), run(text ? `${text}.` : "không có số liệu.")])));
  return result;
}

export function signature(input: Pick<ReportInput, "issuer">): Table {
  const left = [
    new Paragraph({ children: [run("Nơi nhận:", { bold: true, italics: true, size: SMALL })] }),
    new Paragraph({ children: [run("- Như trên;", { size: TABLE })] }),
    new Paragraph({ children: [run("- Ban soạn thảo văn kiện;", { size: TABLE })] }),
    new Paragraph({ children: [run("- Lưu: VT.", { size: TABLE })] }),
  ];
  const right = [
    centered(`TM. ${input.issuer.name.toLocaleUpperCase("vi")}`, { bold: true, size: HEADER }),
    centered("(Ký, ghi rõ họ tên và đóng dấu)", { italics: true, size: HEADER }),
  ];
  return twoColumns(left, right, [Math.round(75 * MM), Math.round(90 * MM)]);
}

function cell(text: string, { bold = false, align = AlignmentType.LEFT as (typeof AlignmentType)[keyof typeof AlignmentType], width = 0 } = {}) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { size: TABLE, bold })], alignment: align })],
    verticalAlign: VerticalAlign.CENTER,
    ...(width ? { width: { size: width, type: WidthType.DXA } } : {}),
  });
}

function appendix(input: ReportInput): (Paragraph | Table)[] {
  const stats = input.statistics;
  // A landscape page: 297 mm less the 30 + 15 mm margins.
  const numberWidth = Math.round(12 * MM);
  const labelWidth = Math.round(96 * MM);
  const countWidth = Math.round((252 * MM - numberWidth - labelWidth) / SPLIT_HEADERS.length);
  const headerRow = new TableRow({
    tableHeader: true,
    children: [
      cell("STT", { bold: true, align: AlignmentType.CENTER, width: numberWidth }),
      cell("Phần, mục, đoạn", { bold: true, align: AlignmentType.CENTER, width: labelWidth }),
      ...SPLIT_HEADERS.map((h) => cell(h, { bold: true, align: AlignmentType.CENTER, width: countWidth })),
    ],
  });
  const rows = stats.blocks.filter((b) => b.split.total > 0);
  const lines = [
    ...(stats.wholeDocument.total > 0 ? [{ label: "Toàn văn dự thảo", split: stats.wholeDocument }] : []),
    ...rows.map((b) => ({ label: b.label, split: b.split })),
    ...(stats.elsewhere.total > 0 ? [{ label: "Đoạn không còn trong dự thảo", split: stats.elsewhere }] : []),
  ];
  const body = lines.map(
    (line, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), { align: AlignmentType.CENTER, width: numberWidth }),
          cell(line.label, { width: labelWidth }),
          ...splitCells(line.split).map((n) => cell(formatCount(n), { align: AlignmentType.RIGHT, width: countWidth })),
        ],
      }),
  );
  const totalRow = new TableRow({
    children: [
      cell("", { width: numberWidth }),
      cell("Tổng cộng", { bold: true, width: labelWidth }),
      ...splitCells(stats.total).map((n) => cell(formatCount(n), { bold: true, align: AlignmentType.RIGHT, width: countWidth })),
    ],
  });
  return [
    centered("PHỤ LỤC", { bold: true }),
    centered("SỐ Ý KIẾN THEO TỪNG ĐOẠN CỦA DỰ THẢO", { bold: true }),
    centered(
      `(Kèm theo Báo cáo số …/BC-${input.issuer.numberSuffix} ${placeAndDate("", input.date).replace(/^, /, "")})`,
      { italics: true, size: HEADER },
      { spacing: { after: 200 } },
    ),
    new Table({
      width: { size: numberWidth + labelWidth + countWidth * SPLIT_HEADERS.length, type: WidthType.DXA },
      columnWidths: [numberWidth, labelWidth, ...SPLIT_HEADERS.map(() => countWidth)],
      layout: TableLayoutType.FIXED,
      rows: [headerRow, ...body, totalRow],
    }),
  ];
}

/** Times New Roman 14 pt for the whole document (one declaration instead of one per run). */
export const DOCUMENT_STYLES = { default: { document: { run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: BODY } } } };

/** A4 upright with the margins of Decree 30 (20/15/20/30 mm). */
export const A4_PORTRAIT = {
  size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
  margin: { top: Math.round(20 * MM), right: Math.round(15 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM) },
};

/** The whole report as a docx Document. */
export function buildReportDocument(input: ReportInput): Document {
  const title = draftName(input.consultationTitle);
  return new Document({
    creator: input.issuer.name,
    title: `Báo cáo tổng hợp ý kiến góp ý vào dự thảo ${title}`,
    description: "Báo cáo tổng hợp ý kiến góp ý",
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: { page: A4_PORTRAIT },
        children: [
          header(input),
          centered("BÁO CÁO", { bold: true }, { spacing: { before: 360, after: 0 } }),
          centered(`Tổng hợp ý kiến góp ý vào dự thảo ${title}`, { bold: true }),
          rule(60),
          para(`Thực hiện việc lấy ý kiến Nhân dân vào dự thảo ${title}, ${input.issuer.name} báo cáo kết quả tổng hợp ý kiến góp ý như sau:`),
          ...summary(input),
          ...sections(input),
          ...breakdowns(input),
          para(`Trên đây là báo cáo tổng hợp ý kiến góp ý vào dự thảo ${title} của ${input.issuer.name}./.`),
          new Paragraph({ children: [], spacing: { after: 200 } }),
          signature(input),
        ],
      },
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.LANDSCAPE },
            margin: { top: Math.round(20 * MM), right: Math.round(15 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM) },
          },
        },
        children: appendix(input),
      },
    ],
  });
}
