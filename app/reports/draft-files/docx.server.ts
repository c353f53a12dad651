import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from "docx";
import { A4_PORTRAIT, BODY, centered, DOCUMENT_STYLES, FONT, HEADER, MM, para, rule, TABLE } from "~/reports/export/docx-report.ts";
import { LINE_BREAK, type DraftCover, type Piece, type Run } from "./draft-file.ts";

// The published version as Word (ADR 049): the administrative layout of the reports (Times New Roman
// 14 pt, A4 with the margins of Decree 30, app/reports/export/docx-report.ts), the title and "Bản số N,
// công bố ngày …" on the first page, then the draft's pieces in order. Headings use Word's heading
// styles, so the navigation pane shows the draft's outline; lists keep their markers as text.

const HEADING_LEVELS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
/** 165 mm: A4 less the 30 + 15 mm margins. */
const CONTENT_WIDTH = Math.round(165 * MM);
const LIST_INDENT = Math.round(7 * MM);

const headingStyle = (size: number, centeredHeading: boolean) => ({
  run: { font: FONT, size, bold: true, color: "000000" },
  paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, ...(centeredHeading ? { alignment: AlignmentType.CENTER } : {}) },
});

const STYLES = {
  default: {
    ...DOCUMENT_STYLES.default,
    // Phần and Chương centred, as laws print them; Mục, Điều and plain headings flush left.
    heading1: headingStyle(BODY, true),
    heading2: headingStyle(BODY, true),
    heading3: headingStyle(BODY, false),
    heading4: headingStyle(BODY, false),
    heading5: headingStyle(BODY, false),
    heading6: headingStyle(BODY, false),
  },
};

/** Runs as docx TextRuns; a line break starts a new line in the same paragraph. */
function textRuns(runs: Run[], options: Omit<IRunOptions, "text"> = {}): TextRun[] {
  return runs.flatMap((r) =>
    r.text
      .split(LINE_BREAK)
      .map(
        (line, i) =>
          new TextRun({ text: line, bold: r.bold || options.bold, italics: r.italic || options.italics, size: options.size, break: i > 0 ? 1 : undefined }),
      ),
  );
}

function pieceToDocx(piece: Piece): Paragraph | Table {
  if (piece.type === "heading") {
    return new Paragraph({ children: textRuns(piece.runs), heading: HEADING_LEVELS[Math.min(Math.max(piece.level, 1), 6) - 1] });
  }
  if (piece.type === "paragraph") {
    const options: Omit<IParagraphOptions, "children" | "text"> = piece.list
      ? { indent: { left: LIST_INDENT * piece.list.depth, hanging: piece.list.marker ? LIST_INDENT : 0 } }
      : piece.kind === "note"
        ? { indent: { firstLine: 0 } }
        : {};
    const marker = piece.list?.marker ? [new TextRun({ text: `${piece.list.marker}\t` })] : [];
    return para([...marker, ...textRuns(piece.runs, piece.kind === "note" ? { size: TABLE } : {})], options);
  }
  const columns = Math.max(...piece.rows.map((row) => row.cells.length), 1);
  const width = Math.floor(CONTENT_WIDTH / columns);
  return new Table({
    width: { size: width * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    layout: TableLayoutType.FIXED,
    rows: piece.rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: true,
          children: row.cells.map(
            (cell) =>
              new TableCell({
                width: { size: width, type: WidthType.DXA },
                children: [new Paragraph({ children: textRuns(cell, { size: TABLE, bold: row.header }) })],
              }),
          ),
        }),
    ),
  });
}

/** The .docx file's bytes. */
export async function buildDraftDocx(cover: DraftCover, pieces: Piece[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    centered(cover.title.toLocaleUpperCase("vi"), { bold: true }, { spacing: { before: 240, after: 0 } }),
    centered(cover.versionLine, { italics: true, size: HEADER }, { spacing: { before: 120, after: 0 } }),
    rule(60),
  ];
  for (const piece of pieces) {
    children.push(pieceToDocx(piece));
    // Two tables in a row would merge into one in Word: an empty paragraph keeps them apart.
    if (piece.type === "table") children.push(new Paragraph({ children: [] }));
  }
  const document = new Document({
    creator: "Góp ý dự thảo",
    title: `${cover.title} — ${cover.versionLine}`,
    styles: STYLES,
    sections: [
      {
        properties: { page: A4_PORTRAIT },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: TABLE })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
