import { getSchema, type JSONContent } from "@tiptap/core";
import { Node, type Schema } from "@tiptap/pm/model";
import { z } from "zod";
import { cleanInlineText, hasInvalidText } from "~/text/normalize.ts";
import { documentExtensions } from "./extensions";
import type { BlockKind } from "./kinds";

// Checking a document someone sends (the editor's autosave): the shape with zod, then the
// ProseMirror schema of THE extension set (Node.fromJSON + check), then what the schema does not say:
// every heading and paragraph carries its own id, heading levels and block kinds are known values.
// Text is cleaned (NFC, no invisible or control characters). Nothing here trusts the sender.

/** The largest document JSON taken, in bytes: a 2,000-paragraph report is about 1 MB. */
export const MAX_DOCUMENT_BYTES = 6 * 1024 * 1024;
/** Headings and paragraphs at most (the Constitution has 467, a long report a few thousand). */
export const MAX_DOCUMENT_BLOCKS = 50_000;
/** Nesting depth at most (doc › list › item › list › item › paragraph › text is 7). */
export const MAX_DOCUMENT_DEPTH = 24;

const BLOCK_KINDS = ["part", "chapter", "section", "article", "heading", "clause", "point", "list_item", "paragraph"] as const satisfies readonly BlockKind[];
const ORDERED_LIST_TYPES = [null, "1", "a", "A", "i", "I"];
/** Block ids: what newBlockId makes (10 × [a-z0-9]), with room for ids of older or imported documents. */
const BLOCK_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NUMBER_CHARS = 32;

const attrValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
const markShape = z.object({ type: z.string().max(40), attrs: z.record(attrValue).optional() }).strict();
const nodeShape: z.ZodType<JSONContent> = z.lazy(() =>
  z
    .object({
      type: z.string().max(40),
      attrs: z.record(attrValue).optional(),
      content: z.array(nodeShape).optional(),
      marks: z.array(markShape).max(10).optional(),
      text: z.string().optional(),
    })
    .strict(),
);

export type DocumentCheck =
  | { ok: true; doc: JSONContent; blocks: number }
  | { ok: false; message: string };

const refuse = (message: string): DocumentCheck => ({ ok: false, message });

let schema: Schema | null = null;
/** The schema of the document model (built once: getSchema is not free). */
export function documentSchema(): Schema {
  return (schema ??= getSchema(documentExtensions));
}

/**
 * Parses and checks a document sent as JSON text. Returns the document as the schema writes it
 * (every attribute present, text cleaned), or a Vietnamese message saying what is wrong.
 */
export function checkDocumentJson(text: string): DocumentCheck {
  if (Buffer.byteLength(text, "utf8") > MAX_DOCUMENT_BYTES) {
    return refuse(`Văn bản quá lớn (tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB). Hãy chia bớt nội dung hoặc nhập từ tệp.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse("Nội dung gửi lên không phải là văn bản hợp lệ (JSON hỏng). Hãy tải lại trang rồi thử lại.");
  }
  return checkDocument(json);
}

/** As checkDocumentJson, for a value already parsed. */
export function checkDocument(json: unknown): DocumentCheck {
  const depth = depthOf(json);
  if (depth > MAX_DOCUMENT_DEPTH) return refuse(`Văn bản lồng nhau quá sâu (hơn ${MAX_DOCUMENT_DEPTH} tầng).`);
  const shape = nodeShape.safeParse(json);
  if (!shape.success) return refuse("Nội dung gửi lên không đúng cấu trúc văn bản của trình soạn thảo.");
  if (shape.data.type !== "doc") return refuse("Nội dung gửi lên không phải là một văn bản (thiếu nút gốc «doc»).");
  const invalidText = cleanText(shape.data);
  if (invalidText) return refuse("Văn bản có ký tự không hợp lệ (mã Unicode hỏng). Hãy gõ lại đoạn vừa sửa.");

  let node: Node;
  try {
    node = Node.fromJSON(documentSchema(), shape.data);
    node.check();
  } catch (error) {
    return refuse(`Văn bản không khớp với cấu trúc cho phép: ${describeSchemaError(error)}.`);
  }
  const problem = checkAttributes(node);
  if (typeof problem === "string") return refuse(problem);
  return { ok: true, doc: node.toJSON() as JSONContent, blocks: problem.blocks };
}

/** Deepest nesting of arrays and objects, counted without recursion (a hostile body can nest 100,000 deep). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    // A node is an object holding its content array: two JSON levels per document level.
    const level = Math.ceil(depth / 2);
    if (level > deepest) deepest = level;
    if (deepest > MAX_DOCUMENT_DEPTH) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Cleans every text node in place and drops the ones left empty; true when some text is not valid Unicode. */
function cleanText(node: JSONContent): boolean {
  if (!node.content) return false;
  let invalid = false;
  const kept: JSONContent[] = [];
  for (const child of node.content) {
    if (child.type === "text") {
      const raw = child.text ?? "";
      if (hasInvalidText(raw)) invalid = true;
      const text = cleanInlineText(raw);
      if (text !== "") kept.push({ ...child, text });
    } else {
      if (cleanText(child)) invalid = true;
      kept.push(child);
    }
  }
  node.content = kept;
  return invalid;
}

function describeSchemaError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknownType = /Unknown node type: (\S+)|There is no mark type (\S+)/.exec(message);
  if (unknownType) return `loại nội dung «${unknownType[1] ?? unknownType[2]}» không được dùng trong dự thảo`;
  return "một khối chứa nội dung không được phép đặt ở đó";
}

/** What the schema leaves open: ids (present, well-formed, unique), heading levels, kinds, numbers, list styles. */
function checkAttributes(doc: Node): string | { blocks: number } {
  const seen = new Set<string>();
  let blocks = 0;
  let problem: string | null = null;
  doc.descendants((node) => {
    if (problem) return false;
    const { attrs } = node;
    if (node.type.name === "orderedList") {
      if (!Number.isInteger(attrs.start) || attrs.start < 0 || attrs.start > 100_000) problem = "Danh sách đánh số có số bắt đầu không hợp lệ.";
      else if (!ORDERED_LIST_TYPES.includes(attrs.type)) problem = "Danh sách đánh số có kiểu đánh số không hợp lệ.";
      return true;
    }
    if (node.type.name !== "heading" && node.type.name !== "paragraph") return true;
    blocks++;
    const where = `khối thứ ${blocks} («${node.textContent.slice(0, 40)}»)`;
    if (blocks > MAX_DOCUMENT_BLOCKS) problem = `Văn bản có quá nhiều đoạn (tối đa ${MAX_DOCUMENT_BLOCKS.toLocaleString("vi-VN")}).`;
    else if (typeof attrs.id !== "string" || !BLOCK_ID.test(attrs.id)) problem = `${capitalize(where)} không có mã định danh hợp lệ.`;
    else if (seen.has(attrs.id)) problem = `Hai khối có cùng mã định danh «${attrs.id}» (${where}). Hãy tải lại trang rồi sửa lại.`;
    else if (node.type.name === "heading" && !(Number.isInteger(attrs.level) && attrs.level >= 1 && attrs.level <= 6)) problem = `${capitalize(where)} có cấp tiêu đề không hợp lệ.`;
    else if (attrs.kind !== null && !(BLOCK_KINDS as readonly unknown[]).includes(attrs.kind)) problem = `${capitalize(where)} có loại khối không hợp lệ.`;
    else if (attrs.number !== null && !(typeof attrs.number === "string" && attrs.number.length <= MAX_NUMBER_CHARS)) problem = `${capitalize(where)} có số thứ tự không hợp lệ.`;
    seen.add(String(attrs.id));
    return true;
  });
  return problem ?? { blocks };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
