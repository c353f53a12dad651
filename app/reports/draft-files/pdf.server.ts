import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create } from "fontkit";
import PDFDocument from "pdfkit";
import { singleton } from "~/platform/singleton.server.ts";
import { LINE_BREAK, runsText, type DraftCover, type Piece, type Run } from "./draft-file.ts";

// The published version as PDF (ADR 049), written in this process by pdfkit: A4 with the margins of
// Decree 30 (20/15/20/30 mm), Noto Serif (from the npm package @expo-google-fonts/noto-serif, the whole
// font: every precomposed Vietnamese letter, embedded as a subset of the glyphs used), the title and
// "Bản số N, công bố ngày …" on the first page, the pieces in order, "Trang N" at the foot of each page.
// Bounded (bench:draft-files): the faces are parsed once per process and handed to pdfkit as parsed fonts
// (given bytes, pdfkit parses the whole font again on every new page and every table cell), and each page
// goes to the output as soon as the next one starts (no bufferPages), so memory does not grow with the
// draft's length: the page number is written when its page starts, without the total.

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

/** The four faces, read and parsed (fontkit, the parser pdfkit uses) once per process from the font package. */
export function fontFaces(): Record<Face, object> {
  return singleton("draft-pdf-fonts", () => {
    const require = createRequire(import.meta.url);
    const read = (file: string) => create(readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${file}`)));
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
    // No default font: pdfkit would set it again on every new page (mid-paragraph, in the wrong face).
    font: null,
    autoFirstPage: false,
    info: { Title: `${cover.title} — ${cover.versionLine}`, Creator: "Góp ý dự thảo" },
    lang: "vi-VN",
    displayTitle: true,
  } as unknown as PDFKit.PDFDocumentOptions);
  // pdfkit takes a parsed font wherever it takes a font's bytes (its types name only a path).
  for (const face of Object.keys(FACES) as Face[]) doc.registerFont(face, faces[face] as unknown as string);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  let pageNumber = 0;
  doc.on("pageAdded", () => numberPage(doc, ++pageNumber));
  doc.addPage();
  doc.font("regular");
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

/** pdfkit's text state, which a page break in the middle of a paragraph leaves set. */
interface TextState {
  x: number;
  y: number;
  _wrapper: unknown;
  _textOptions: unknown;
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  _fontSize: number;
}
const TEXT_STATE = ["x", "y", "_wrapper", "_textOptions", "_font", "_fontSource", "_fontFamily", "_fontSize"] as const;

/**
 * "Trang N" centred at the foot of the page that has just started (the text under way, if any, goes on
 * after it as it was: its line wrapper, face and position are put back).
 */
function numberPage(doc: PDFKit.PDFDocument, n: number) {
  const state = doc as unknown as TextState;
  const saved = Object.fromEntries(TEXT_STATE.map((key) => [key, state[key]]));
  state._wrapper = null;
  state._textOptions = null;
  const label = `Trang ${n}`;
  doc.font("regular").fontSize(SMALL);
  // Without a width the text is drawn as one line where it is put: nothing wraps, nothing breaks the page.
  doc.text(label, (doc.page.width - doc.widthOfString(label)) / 2, doc.page.height - 12 * MM, { lineBreak: false });
  Object.assign(state, saved);
}
