import path from "node:path/posix";
import { timeBudget, type TimeBudget } from "~/files/refusal.ts";
import { walkXml } from "~/files/xml.server.ts";
import { openZip, type BoundedZip, type ZipLimits } from "~/files/zip.server.ts";
import { DRAFT_REFUSALS, DraftFileRefused } from "./refusals.ts";

// A .docx checked before mammoth sees it (ADR 023, 035). mammoth reads the archive with JSZip and each
// XML part into a whole DOM, with no cap of its own: measured, 4 MB of dense document.xml took 640 MB
// and 15 s. So first, under a memory and time budget: the bounded ZIP reader checks the directory
// (declared sizes, entry count, encryption, methods); then every XML part is parsed here as a stream
// (sax: well-formed, no DOCTYPE, real size counted while it inflates, elements and text counted).
// What is refused: not a Word package ([Content_Types].xml, the main part), macros (.docm), too many
// elements or characters for mammoth's memory, no text at all. Media are never inflated: the importer
// does not read images (mammoth's image reader is never called).

export interface DocxLimits {
  zip: Partial<ZipLimits>;
  /** Uncompressed bytes of one XML part, really inflated. */
  maxXmlPartBytes: number;
  /** XML elements in all parts: what mammoth's memory grows with (~1 KB an element, measured). */
  maxElements: number;
  /** Characters of text (w:t) in all parts. */
  maxTextChars: number;
  /** Time for the whole check. */
  timeMs: number;
}

export const DOCX_LIMITS: DocxLimits = {
  zip: {},
  maxXmlPartBytes: 32 * 1024 * 1024,
  maxElements: 100_000,
  maxTextChars: 4_000_000,
  timeMs: 15_000,
};

export interface DocxPackage {
  mainPart: string;
  elements: number;
  /** Characters of text in the main document part (not counting notes, headers, comments). */
  mainTextChars: number;
}

const WORD_MAIN = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.(document|template)\.main\+xml$/;
const OTHER_MAINS: [RegExp, string][] = [
  [/spreadsheetml|ms-excel/, "bảng tính Excel"],
  [/presentationml|ms-powerpoint/, "bản trình chiếu PowerPoint"],
];
const OFFICE_DOCUMENT = "/officeDocument";
const XML_PART = /\.(xml|rels|vml)$/i;
/** The small parts that say what the package is. */
const SMALL_PART_BYTES = 1024 * 1024;

/** Throws DraftFileRefused or FileRefused (the ZIP reader's own), both with a Vietnamese message. */
export async function checkDocxPackage(bytes: Uint8Array, limits: DocxLimits = DOCX_LIMITS): Promise<DocxPackage> {
  const budget = timeBudget(limits.timeMs);
  const zip = await openZip(bytes, limits.zip);
  if (zip.has("mimetype") && (await zip.read("mimetype", { maxBytes: 200 })).toString().includes("opendocument")) {
    throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat("tài liệu OpenDocument (.odt)"));
  }
  if (!zip.has("[Content_Types].xml")) throw new DraftFileRefused(DRAFT_REFUSALS.notDocx);
  const types = await readContentTypes(zip, budget);
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || [...types.values()].some((type) => /vbaProject|macroEnabled/i.test(type))) {
    throw new DraftFileRefused(DRAFT_REFUSALS.macro);
  }
  const mainPart = await findMainPart(zip, budget);
  const mainType = types.get(mainPart) ?? "";
  for (const [pattern, what] of OTHER_MAINS) if (pattern.test(mainType)) throw new DraftFileRefused(DRAFT_REFUSALS.otherFormat(what));
  if (!zip.has(mainPart)) throw new DraftFileRefused(DRAFT_REFUSALS.noMainDocument);
  if (mainType && !WORD_MAIN.test(mainType)) throw new DraftFileRefused(DRAFT_REFUSALS.notDocx);

  let elements = 0;
  let textChars = 0;
  let mainTextChars = 0;
  for (const name of zip.names.filter((n) => XML_PART.test(n))) {
    const isMain = name === mainPart;
    let inText = false;
    await walkXml(
      await zip.stream(name, { maxBytes: limits.maxXmlPartBytes }),
      {
        open(element) {
          if (++elements > limits.maxElements) throw new DraftFileRefused(DRAFT_REFUSALS.tooComplex(limits.maxElements), "too-complex");
          inText = element === "t";
        },
        close() {
          inText = false;
        },
        text(piece) {
          if (!inText) return;
          textChars += piece.length;
          if (textChars > limits.maxTextChars) throw new DraftFileRefused(DRAFT_REFUSALS.tooMuchText(limits.maxTextChars), "too-much-text");
          if (isMain && /\S/u.test(piece)) mainTextChars += piece.length;
        },
      },
      budget,
    );
  }
  if (mainTextChars === 0) throw new DraftFileRefused(DRAFT_REFUSALS.noText);
  return { mainPart, elements, mainTextChars };
}

/** Part name (without the leading "/") → content type, from the Override entries. */
async function readContentTypes(zip: BoundedZip, budget: TimeBudget): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  await walkXml(
    await zip.stream("[Content_Types].xml", { maxBytes: SMALL_PART_BYTES }),
    {
      open(name, attributes) {
        if (name === "Override" && attributes.PartName && attributes.ContentType) types.set(attributes.PartName.replace(/^\//, ""), attributes.ContentType);
      },
    },
    budget,
  );
  return types;
}

/** The main document part as mammoth finds it: the package's officeDocument relationship, else word/document.xml. */
async function findMainPart(zip: BoundedZip, budget: TimeBudget): Promise<string> {
  let target: string | null = null;
  if (zip.has("_rels/.rels")) {
    await walkXml(
      await zip.stream("_rels/.rels", { maxBytes: SMALL_PART_BYTES }),
      {
        open(name, attributes) {
          if (name === "Relationship" && target === null && attributes.Type?.endsWith(OFFICE_DOCUMENT) && attributes.Target) {
            target = path.normalize(attributes.Target.replace(/^\//, ""));
          }
        },
      },
      budget,
    );
  }
  return target ?? "word/document.xml";
}
