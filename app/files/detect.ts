// What an uploaded file really is, from its bytes (never from its name): an .xlsx workbook (a ZIP
// archive, "PK\x03\x04"), or CSV text in UTF-8 (a BOM allowed) or UTF-16 with a BOM (Excel's
// "Unicode text"). Anything else is refused with a message that says what to upload instead. The
// draft importer (app/consultations/import/) uses the same signatures for .docx, .doc and the rest.

export type DetectedFile = { ok: true; kind: "xlsx" } | { ok: true; kind: "csv"; text: string } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The largest file the upload pages read (the server's MAX_UPLOAD_BYTES leaves room for the form around it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const NOT_A_SPREADSHEET =
  "Tệp tải lên không phải bảng tính Excel (.xlsx) hay tệp CSV. Vui lòng dùng tệp mẫu, điền rồi lưu dưới dạng .xlsx hoặc CSV UTF-8.";

export const EMPTY_FILE = "Tệp tải lên trống. Vui lòng chọn lại tệp.";

/** Null when the file is within the limit, else the message saying so. */
export function tooLargeMessage(bytes: Uint8Array, maxBytes = MAX_UPLOAD_BYTES): string | null {
  if (bytes.length <= maxBytes) return null;
  return `Tệp quá lớn (${(bytes.length / 1024 / 1024).toFixed(1)} MB): tối đa ${Math.floor(maxBytes / 1024 / 1024)} MB. Vui lòng chia thành nhiều tệp.`;
}

/** A ZIP archive's local file header: .xlsx, .docx, .docm, .odt… */
export const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
/** An OLE compound file: Office 97-2003 (.doc, .xls), and Office files encrypted with a password (ECMA-376 §2.3.4). */
export const isCompoundFile = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Whether a compound file holds a stream of this name (directory entries store names in UTF-16LE). */
export function hasCompoundStream(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, "utf16le"));
}

/** What else a file that is neither ZIP nor text may be, from its first bytes. */
export function knownBinaryKind(bytes: Uint8Array): "pdf" | "rtf" | "image" | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "pdf";
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return "rtf";
  const images = [
    [0x89, 0x50, 0x4e, 0x47],
    [0xff, 0xd8, 0xff],
    [0x47, 0x49, 0x46, 0x38],
    [0x42, 0x4d],
  ];
  return images.some((magic) => startsWith(bytes, magic)) ? "image" : null;
}

export function detectSpreadsheet(bytes: Uint8Array, { maxBytes = MAX_UPLOAD_BYTES }: { maxBytes?: number } = {}): DetectedFile {
  if (bytes.length === 0) return { ok: false, message: EMPTY_FILE };
  const tooLarge = tooLargeMessage(bytes, maxBytes);
  if (tooLarge) return { ok: false, message: tooLarge };
  if (isZip(bytes)) return { ok: true, kind: "xlsx" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, message: "Tệp Excel 97-2003 (.xls) không được hỗ trợ. Vui lòng mở tệp trong Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8." };
  }
  if (startsWith(bytes, [0x50, 0x4b])) return { ok: false, message: NOT_A_SPREADSHEET };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    try {
      const text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes);
      return looksLikeText(text) ? { ok: true, kind: "csv", text } : { ok: false, message: NOT_A_SPREADSHEET };
    } catch {
      return { ok: false, message: NOT_A_SPREADSHEET };
    }
  }
  // NUL bytes never occur in UTF-8 text: a binary file (an image, a PDF, a renamed program).
  if (bytes.includes(0)) return { ok: false, message: NOT_A_SPREADSHEET };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    if (knownBinaryKind(bytes) === "pdf" || !mostlyPrintable(bytes)) return { ok: false, message: NOT_A_SPREADSHEET };
    return {
      ok: false,
      message: "Tệp CSV không ở bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel, chọn Lưu thành (Save As) › CSV UTF-8 (Comma delimited), rồi tải lên lại.",
    };
  }
  if (!looksLikeText(text)) return { ok: false, message: NOT_A_SPREADSHEET };
  return { ok: true, kind: "csv", text };
}

/** Control characters other than tab and line ends are rare in text and common in binary data. */
function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 65_536);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) controls++;
  }
  return controls <= sample.length / 100;
}

/** Bytes of a legacy 8-bit text (Windows-1258): few control bytes. */
function mostlyPrintable(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65_536);
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
  return controls <= sample.length / 100;
}
