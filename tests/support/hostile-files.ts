// Hostile upload files, built in the test that uses them (nothing huge is committed): ZIP archives
// whose entries inflate to hundreds of megabytes from a few hundred kilobytes, headers that lie,
// encrypted or oddly compressed entries, and the .xlsx parts around them.
import { constants, deflateRawSync } from "node:zlib";

/** A raw DEFLATE stream and the size it inflates to. */
export interface Deflated {
  bytes: Buffer;
  size: number;
}

/**
 * Each piece compressed once, then repeated `times` by repeating its compressed bytes: a full flush
 * ends every piece on a byte boundary with nothing referring back, so the copies chain into one
 * valid stream (closed by an empty final block). 1 MB of repeated text costs about 1 KB.
 */
export function deflateRepeated(pieces: { data: string | Buffer; times?: number }[]): Deflated {
  const parts: Buffer[] = [];
  let size = 0;
  for (const { data, times = 1 } of pieces) {
    const raw = typeof data === "string" ? Buffer.from(data) : data;
    const block = deflateRawSync(raw, { finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) parts.push(block);
    size += raw.length * times;
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return { bytes: Buffer.concat(parts), size };
}

export const deflated = (data: string | Buffer) => deflateRepeated([{ data }]);

export interface ZipEntrySpec {
  name: string;
  content: Deflated | Buffer;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
  /** Compression method in the headers (default: 8 for Deflated, 0 for a Buffer). */
  method?: number;
  encrypted?: boolean;
  /** CRC-32 of the uncompressed bytes (default 0: readers that stop early never see it). */
  crc?: number;
}

/** A ZIP archive: local headers and data, central directory, end record (CRC 0 unless given: readers that stop early never see it). */
export function zipArchive(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const isBuffer = Buffer.isBuffer(entry.content);
    const data = isBuffer ? (entry.content as Buffer) : (entry.content as Deflated).bytes;
    const size = entry.declaredSize ?? (isBuffer ? data.length : (entry.content as Deflated).size);
    const method = entry.method ?? (isBuffer ? 0 : 8);
    const flags = 0x0800 | (entry.encrypted ? 1 : 0);
    // The fields both headers share, from "flags" on (at 6 in the local header, 8 in the central one).
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(flags, at);
      header.writeUInt16LE(method, at + 2);
      header.writeUInt32LE(entry.crc ?? 0, at + 8); // CRC-32
      header.writeUInt32LE(data.length, at + 12);
      header.writeUInt32LE(size, at + 16);
      header.writeUInt16LE(name.length, at + 20);
      return header;
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    locals.push(shared(local, 6), name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    shared(central, 8);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_END = "</sheetData></worksheet>";

/** An .xlsx of one sheet «Ý kiến» (and a shared-strings part when given). */
export function workbookArchive(
  sheet: ZipEntrySpec["content"],
  {
    sharedStrings,
    sheetDeclaredSize,
    sharedDeclaredSize,
  }: { sharedStrings?: ZipEntrySpec["content"]; sheetDeclaredSize?: number; sharedDeclaredSize?: number } = {},
): Buffer {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ""}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const book = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Ý kiến" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const bookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>${sharedStrings ? `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`;
  return zipArchive([
    { name: "[Content_Types].xml", content: deflated(types) },
    { name: "_rels/.rels", content: deflated(rootRels) },
    { name: "xl/workbook.xml", content: deflated(book) },
    { name: "xl/_rels/workbook.xml.rels", content: deflated(bookRels) },
    { name: "xl/worksheets/sheet1.xml", content: sheet, declaredSize: sheetDeclaredSize },
    ...(sharedStrings ? [{ name: "xl/sharedStrings.xml", content: sharedStrings, declaredSize: sharedDeclaredSize }] : []),
  ]);
}

const MB = 1024 * 1024;
/** About 1 MB of Vietnamese text. */
const textMegabyte = (() => {
  const sentence = "Đề nghị bổ sung chỉ tiêu về nước sạch nông thôn. ";
  return sentence.repeat(Math.ceil(MB / Buffer.byteLength(sentence)));
})();

/** One inline cell of about `megabytes` MB (the issue's 293 KB file whose one cell expands to 300 MB). */
export function cellBomb(megabytes: number, { declaredSize }: { declaredSize?: number } = {}): Buffer {
  const sheet = deflateRepeated([
    { data: `${SHEET_START}<row r="1"><c r="A1" t="inlineStr"><is><t>` },
    { data: textMegabyte, times: megabytes },
    { data: `</t></is></c></row>${SHEET_END}` },
  ]);
  return workbookArchive(sheet, { sheetDeclaredSize: declaredSize });
}

/** A shared-strings table of about `megabytes` MB of short strings (the issue's 2.2 MB file, 1 GB of strings). */
export function sharedStringsBomb(megabytes: number, { declaredSize }: { declaredSize?: number } = {}): Buffer {
  const item = "<si><t>Ý kiến tán thành dự thảo</t></si>";
  const piece = item.repeat(Math.floor(MB / Buffer.byteLength(item)));
  const shared = deflateRepeated([
    { data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">` },
    { data: piece, times: megabytes },
    { data: "</sst>" },
  ]);
  const sheet = deflated(`${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_END}`);
  return workbookArchive(sheet, { sharedStrings: shared, sharedDeclaredSize: declaredSize });
}

// ---- Word (.docx) ----

const WORD_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
export const DOCUMENT_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${WORD_MAIN}"><w:body>`;
export const DOCUMENT_END = "</w:body></w:document>";
/** One Word paragraph of plain text. */
export const wordParagraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A minimal .docx around a main document part (and more parts, e.g. a macro project). */
export function documentArchive(
  document: ZipEntrySpec["content"],
  {
    declaredSize,
    mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    extra = [],
  }: { declaredSize?: number; mainType?: string; extra?: ZipEntrySpec[] } = {},
): Buffer {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${mainType}"/></Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="word/document.xml"/></Relationships>`;
  return zipArchive([
    { name: "[Content_Types].xml", content: deflated(types) },
    { name: "_rels/.rels", content: deflated(rootRels) },
    { name: "word/document.xml", content: document, declaredSize },
    ...extra,
  ]);
}

/** A document.xml of about `megabytes` MB of paragraphs of Vietnamese text (one honest, huge part). */
export function documentBomb(megabytes: number, { declaredSize }: { declaredSize?: number } = {}): Buffer {
  const paragraphs = wordParagraph("Đề nghị bổ sung chỉ tiêu về nước sạch nông thôn.").repeat(Math.floor(MB / 120));
  const document = deflateRepeated([{ data: DOCUMENT_START }, { data: paragraphs, times: megabytes }, { data: DOCUMENT_END }]);
  return documentArchive(document, { declaredSize });
}

/**
 * An OLE compound file (the container of .doc files and of password-protected Office files) whose
 * directory names the given streams: the header, one directory sector with the entries, no data.
 */
export function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(0, 48); // first directory sector
  const names = ["Root Entry", ...streams];
  const directory = Buffer.alloc(Math.ceil(names.length / 4) * 512);
  names.forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    Buffer.from(`${name}\0`, "utf16le").copy(entry, 0);
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    entry[66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return Buffer.concat([header, directory]);
}
