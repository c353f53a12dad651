import { getSchema, type JSONContent } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { EMPTY_FILE, hasCompoundStream, isCompoundFile, isZip, knownBinaryKind, MAX_UPLOAD_BYTES, tooLargeMessage } from "~/files/detect.ts";
import { FileRefused } from "~/files/refusal.ts";
import { DocumentImportError } from "../document/errors.ts";
import { documentExtensions } from "../document/extensions.ts";
import { decodePlainText, stripInvisible } from "../document/plain-text.ts";
import { importStructuredText } from "../document/structured-text.ts";
import { checkDocxPackage, DOCX_LIMITS, type DocxLimits } from "./docx-package.server.ts";
import { htmlToDraft } from "./html-draft.server.ts";
import { convertDocx, MAMMOTH_LIMITS, type MammothLimits } from "./mammoth.server.ts";
import { markdownToHtml } from "./markdown.server.ts";
import { previewDraft, type ConversionNotes, type DraftPreview } from "./outline.ts";
import { DRAFT_REFUSALS, DraftFileRefused } from "./refusals.ts";

// A draft file, from its bytes to a tiptap document of the one extension set and the preview of it
// (outline and warnings), nothing stored. What the file is comes from its bytes: a ZIP is read as
// .docx (checked under a budget, then mammoth in a worker), an OLE compound file is a .doc or an
// encrypted .docx and is refused, text is Markdown when its name says .md, else structured plain text
// (the existing importer). Every refusal is a Vietnamese message; nothing half-made comes out.

export type DraftFormat = "docx" | "markdown" | "text";

export interface ImportedDraft {
  format: DraftFormat;
  fileName: string;
  doc: JSONContent;
  preview: DraftPreview;
}

export type DraftImport = { ok: true; draft: ImportedDraft } | { ok: false; message: string };

export interface ImportLimits {
  maxFileBytes: number;
  docx: DocxLimits;
  mammoth: MammothLimits;
}

export const IMPORT_LIMITS: ImportLimits = { maxFileBytes: MAX_UPLOAD_BYTES, docx: DOCX_LIMITS, mammoth: MAMMOTH_LIMITS };

export const FORMAT_NAMES: Record<DraftFormat, string> = { docx: "Word (.docx)", markdown: "Markdown", text: "văn bản thuần" };

const MARKDOWN_NAME = /\.(md|markdown)$/i;
const WORD_NAME = /\.(docx|docm|dotx|dotm|doc)$/i;

/** What the bytes are; throws DraftFileRefused for what is not taken. */
export function detectDraftFormat(bytes: Uint8Array, name: string, maxBytes = MAX_UPLOAD_BYTES): DraftFormat {
  if (bytes.length === 0) throw new DraftFileRefused(EMPTY_FILE);
  const tooLarge = tooLargeMessage(bytes, maxBytes);
  if (tooLarge) throw new DraftFileRefused(tooLarge, "too-large");
  if (isZip(bytes)) return "docx";
  if (isCompoundFile(bytes)) {
    // An encrypted .docx is a compound file holding the real package as "EncryptedPackage" (ECMA-376 §2.3.4).
    if (hasCompoundStream(bytes, "EncryptedPackage") || hasCompoundStream(bytes, "EncryptionInfo"))
      throw new DraftFileRefused(DRAFT_REFUSALS.encrypted, "encrypted");
    if (hasCompoundStream(bytes, "WordDocument")) throw new DraftFileRefused(DRAFT_REFUSALS.legacyDoc);
    if (hasCompoundStream(bytes, "Workbook") || hasCompoundStream(bytes, "Book"))
      throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("bảng tính Excel 97-2003 (.xls)"));
    throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("tệp Office 97-2003"));
  }
  const binary = knownBinaryKind(bytes);
  if (binary === "pdf") throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("tệp PDF"));
  if (binary === "rtf") throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("tệp RTF"));
  if (binary === "image") throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("hình ảnh"));
  if (WORD_NAME.test(name)) throw new DraftFileRefused(DRAFT_REFUSALS.notDocx);
  return MARKDOWN_NAME.test(name) ? "markdown" : "text";
}

export async function importDraftFile(file: { name: string; bytes: Uint8Array }, limits: ImportLimits = IMPORT_LIMITS): Promise<DraftImport> {
  try {
    const format = detectDraftFormat(file.bytes, file.name, limits.maxFileBytes);
    const { doc, title, notes } = await convert(format, file.bytes, limits);
    checkAgainstSchema(doc);
    return { ok: true, draft: { format, fileName: file.name.normalize("NFC"), doc, preview: previewDraft(doc, title, notes) } };
  } catch (error) {
    if (error instanceof FileRefused || error instanceof DocumentImportError) return { ok: false, message: error.message };
    throw error;
  }
}

async function convert(
  format: DraftFormat,
  bytes: Uint8Array,
  limits: ImportLimits,
): Promise<{ doc: JSONContent; title: string | null; notes: ConversionNotes }> {
  if (format === "docx") {
    await checkDocxPackage(bytes, limits.docx);
    const converted = await convertDocx(bytes, limits.mammoth);
    const { doc, title, report } = htmlToDraft(converted.html, { images: converted.images });
    return { doc, title, notes: report };
  }
  const text = decodePlainText(bytes);
  if (format === "markdown") {
    const { doc, title, report } = htmlToDraft(markdownToHtml(text));
    return { doc, title, notes: report };
  }
  const imported = importStructuredText(text);
  return { doc: imported.doc, title: imported.title, notes: { notNfc: notNfcLines(text) } };
}

/** Lines the plain-text importer changed by NFC (it normalizes silently). */
function notNfcLines(text: string): number {
  let changed = 0;
  for (const line of text.split(/\r\n?|\n/)) {
    const stripped = stripInvisible(line);
    if (stripped !== stripped.normalize("NFC")) changed++;
  }
  return changed;
}

let schema: ReturnType<typeof getSchema> | null = null;

/** The document must be one the editor and the publish step accept; anything else is the importer's bug. */
export function checkAgainstSchema(doc: JSONContent) {
  schema ??= getSchema(documentExtensions);
  try {
    Node.fromJSON(schema, doc).check();
  } catch (error) {
    console.error("Nhập dự thảo: tài liệu không hợp lệ với lược đồ", error);
    throw new DraftFileRefused(DRAFT_REFUSALS.unreadable);
  }
}
