import { DocumentImportError } from "./errors";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

// More than 1 in 100 characters being control characters means this is not text someone typed.
const MAX_CONTROL_SHARE = 0.01;

/** Bytes or a string → the text, refusing what is too large, not UTF-8, or not text at all. */
export function decodePlainText(input: string | Uint8Array): string {
  if (typeof input === "string") {
    if (utf8Length(input) > MAX_IMPORT_BYTES) throw new DocumentImportError("too-large");
    return rejectBinary(input); // a BOM in a string goes with the other invisible characters
  }
  if (input.byteLength > MAX_IMPORT_BYTES) throw new DocumentImportError("too-large");
  if (hasPrefix(input, [0xff, 0xfe]) || hasPrefix(input, [0xfe, 0xff])) {
    throw new DocumentImportError(
      "encoding",
      "Tệp không phải mã UTF-8 (tệp đang dùng mã UTF-16). " + "Hãy mở tệp bằng trình soạn thảo, chọn lưu với mã hóa UTF-8 rồi tải lên lại.",
    );
  }
  // NUL never occurs in text; checking bytes first gives "binary" rather than "encoding" for .docx/.pdf.
  if (input.includes(0)) throw new DocumentImportError("binary");
  const bytes = hasPrefix(input, [0xef, 0xbb, 0xbf]) ? input.subarray(3) : input;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentImportError("encoding");
  }
  return rejectBinary(text);
}

/**
 * The text → its non-empty lines, cleaned. Invisible characters go before NFC so that a zero-width
 * character between a letter and its combining mark cannot stop them from composing; NFC goes before
 * any parsing because decomposed "Điều" does not match the keyword (the corpus has such lines).
 */
export function normalizeLines(text: string): string[] {
  return cleanText(text.replace(/\r\n?|[\u2028\u2029\f\v]/g, "\n"))
    .split("\n")
    .map((line) => line.replace(/[\t\p{Zs}]+/gu, " ").trim())
    .filter((line) => line !== "");
}

/** Zero-width and direction marks, soft hyphens, BOMs: invisible, and they split words and keywords. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g;
/** Control characters other than tab and line ends. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/** Text without invisible or control characters, before NFC (to tell whether NFC changed it). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "").replace(CONTROL, "");
}

/** Text as the importers keep it: invisible and control characters out first, then NFC (see normalizeLines). */
export function cleanText(text: string): string {
  return stripInvisible(text).normalize("NFC");
}

function rejectBinary(text: string): string {
  if (text.includes("\u0000")) throw new DocumentImportError("binary");
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0001-\u0008\u000E-\u001F\u007F-\u009F]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > MAX_CONTROL_SHARE) throw new DocumentImportError("binary");
  return text;
}

function hasPrefix(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
