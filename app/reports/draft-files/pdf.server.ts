import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { singleton } from "~/platform/singleton.server.ts";
import { LINE_BREAK, runsText, type DraftCover, type Piece, type Run } from "./draft-file.ts";

// The published version as PDF (ADR 049), written in this process by pdfkit: A4 with the margins of
// Decree 30 (20/15/20/30 mm), Noto Serif (from the npm package @expo-google-fonts/noto-serif, the whole
// font: every precomposed Vietnamese letter, embedded as a subset of the glyphs used), the title and
// "Bản số N, công bố ngày …" on the first page, the pieces in order, "Trang i/n" at the foot of each page.

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM };
const BODY = 12;
const SMALL = 10;
const LIST_INDENT = 7 * MM;
const FIRST_LINE = 10 * MM;
/** Heading sizes by level: Phần, Chương, Mục, Điều, then plain headings. */
const HEADING_SIZE = [14, 13, 12.5, 12, 12, 12];

const FACES = {
  regular: "400Regular/NotoSerif_400Regular.ttf",
  bold: "700Bold/NotoSerif_700Bold.ttf",
  italic: "400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
  boldItalic: "700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
} as const;
type Face = keyof typeof FACES;

/** The four faces' bytes, read once per process from the font package. */
export function fontFaces(): Record<Face, Buffer> {
  return singleton("draft-pdf-fonts", () => {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${file}`));
    return { regular: read(FACES.regular), bold: read(FACES.bold), italic: read(FACES.italic), boldItalic: read(FACES.boldItalic) };
  });
}

const faceOf = (run: { bold?: boolean; italic?: boolean }): Face => (run.bold ? (run.italic ? "boldItalic" : "bold") : run.italic ? "italic" : "regular");

/** The .pdf file's bytes. */
export function buildDraftPdf(cover: DraftCover, pieces: Piece[]): Promise<Buffer> {
  const faces = fontFaces();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    font: faces.regular as unknown as string,
    info: { Title: `${cover.title} — ${cover.versionLine}`, Creator: "Góp ý dự thảo" },
    lang: "vi-VN",
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  for (const face of Object.keys(FACES) as Face[]) doc.registerFont(face, faces[face]);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  doc.font("bold").fontSize(15).text(cover.title.toLocaleUpperCase("vi"), { align: "center" });
  doc.moveDown(0.3);
  doc.font("italic").fontSize(BODY).text(cover.versionLine, { align: "center" });
  const ruleY = doc.y + 6;
  doc
    .moveTo(MARGINS.left + width / 3, ruleY)
    .lineTo(MARGINS.left + (2 * width) / 3, ruleY)
    .lineWidth(0.6)
    .stroke();
  doc.y = ruleY + 14;

  for (const piece of pieces) writePiece(doc, piece, width);
  numberPages(doc);
  doc.end();
  return done;
}

/** Runs written one after another in one paragraph (pdfkit's `continued`), each in its face. */
function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], size: number, options: PDFKit.Mixins.TextOptions, force?: { bold?: boolean; italic?: boolean }) {
  runs.forEach((run, i) => {
    const face = faceOf({ bold: run.bold || force?.bold, italic: run.italic || force?.italic });
    doc
      .font(face)
      .fontSize(size)
      .text(run.text, { ...options, continued: i < runs.length - 1 });
  });
}

function writePiece(doc: PDFKit.PDFDocument, piece: Piece, width: number) {
  const x = MARGINS.left;
  if (piece.type === "heading") {
    const level = Math.min(Math.max(piece.level, 1), 6);
    doc.moveDown(0.6);
    // A heading is not left alone at the foot of a page: it goes over with the text under it.
    if (doc.y > doc.page.height - MARGINS.bottom - 4 * BODY * 1.4) doc.addPage();
    doc.x = x;
    writeRuns(doc, piece.runs, HEADING_SIZE[level - 1]!, { width, align: level <= 2 ? "center" : "left", paragraphGap: 4, lineGap: 1 }, { bold: true });
    return;
  }
  if (piece.type === "paragraph") {
    const size = piece.kind === "note" ? SMALL : BODY;
    if (piece.list) {
      const left = x + LIST_INDENT * piece.list.depth;
      if (piece.list.marker) {
        const y = doc.y;
        doc
          .font("regular")
          .fontSize(size)
          .text(piece.list.marker, left - LIST_INDENT, y, { width: LIST_INDENT - 2, lineBreak: false });
        doc.y = y;
      }
      doc.x = left;
      writeRuns(doc, piece.runs, size, { width: width - (left - x), align: "justify", paragraphGap: 4, lineGap: 2 });
      doc.x = x;
      return;
    }
    doc.x = x;
    writeRuns(doc, piece.runs, size, { width, align: "justify", indent: piece.kind === "note" ? 0 : FIRST_LINE, paragraphGap: 4, lineGap: 2 });
    return;
  }
  doc.x = x;
  doc.moveDown(0.3);
  const columns = Math.max(...piece.rows.map((row) => row.cells.length), 1);
  doc.font("regular").fontSize(SMALL);
  doc.table({
    position: { x, y: doc.y },
    width,
    columnStyles: () => ({ width: width / columns }),
    data: piece.rows.map((row) => {
      const cells = row.cells.map((cell) => ({
        text: runsText(cell).split(LINE_BREAK).join("\n"),
        font: { src: row.header ? "bold" : "regular", size: SMALL },
      }));
      while (cells.length < columns) cells.push({ text: "", font: { src: "regular", size: SMALL } });
      return cells;
    }),
  } as unknown as PDFKit.Mixins.TableOptions);
  doc.x = x;
  doc.moveDown(0.5);
}

/** "Trang i/n" at the foot of every page, once the pages are known (they are kept until the end). */
function numberPages(doc: PDFKit.PDFDocument) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page: the margin is lifted while writing there.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(SMALL)
      .text(`Trang ${i + 1}/${range.count}`, MARGINS.left, doc.page.height - 12 * MM, {
        width: doc.page.width - MARGINS.left - MARGINS.right,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
