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

/**
 * The root, with zod. The nodes under it (thousands) are checked by the walk below against the same
 * kind of shape: zod on each node costs about 60 ms for a 2,000-paragraph document, a recursive zod
 * schema 300 ms or more, the walk a few milliseconds (ADR 036).
 */
const rootShape = z
  .object({ type: z.literal("doc"), content: z.array(z.unknown()).max(MAX_DOCUMENT_BLOCKS), attrs: z.record(z.unknown()).optional() })
  .strict();
const NODE_KEYS = new Set(["type", "attrs", "content", "marks", "text"]);
const MARK_KEYS = new Set(["type", "attrs"]);
const MAX_NAME_CHARS = 40;
const MAX_ATTR_CHARS = 200;
const MAX_MARKS = 10;

export type DocumentCheck = { ok: true; doc: JSONContent; blocks: number } | { ok: false; message: string };

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

/** As checkDocumentJson, for a value already parsed. Text is cleaned in place. */
export function checkDocument(json: unknown): DocumentCheck {
  const root = rootShape.safeParse(json);
  if (!root.success) {
    return refuse(
      isPlainObject(json) && json.type !== "doc"
        ? "Nội dung gửi lên không phải là một văn bản (thiếu nút gốc «doc»)."
        : "Nội dung gửi lên không đúng cấu trúc văn bản của trình soạn thảo.",
    );
  }
  const walked = walkNodes(json as JSONContent);
  if (walked) return refuse(walked);

  let node: Node;
  try {
    node = Node.fromJSON(documentSchema(), json);
    node.check();
  } catch (error) {
    return refuse(`Văn bản không khớp với cấu trúc cho phép: ${describeSchemaError(error)}.`);
  }
  const problem = checkAttributes(node);
  if (typeof problem === "string") return refuse(problem);
  return { ok: true, doc: node.toJSON() as JSONContent, blocks: problem.blocks };
}

const SHAPE = "Nội dung gửi lên không đúng cấu trúc văn bản của trình soạn thảo.";
const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const isAttrValue = (value: unknown) =>
  value === null ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  (typeof value === "string" && value.length <= MAX_ATTR_CHARS);
const isAttrs = (value: unknown) => value === undefined || (isPlainObject(value) && Object.values(value).every(isAttrValue));
const isName = (value: unknown) => typeof value === "string" && value.length > 0 && value.length <= MAX_NAME_CHARS;
const hasOnlyKeys = (value: Record<string, unknown>, keys: ReadonlySet<string>) => Object.keys(value).every((key) => keys.has(key));
const isMark = (value: unknown) => isPlainObject(value) && hasOnlyKeys(value, MARK_KEYS) && isName(value.type) && isAttrs(value.attrs);
const isMarks = (value: unknown) => value === undefined || (Array.isArray(value) && value.length <= MAX_MARKS && value.every(isMark));

/**
 * Every node under the root, without recursion (a hostile body can nest 100,000 deep): only the keys a
 * node has (type, attrs, content, marks, text) with values of their kind, nesting at most
 * MAX_DOCUMENT_DEPTH; text runs cleaned (NFC, no invisible or control characters) and dropped when
 * left empty. Returns what is wrong, or null.
 */
function walkNodes(root: JSONContent): string | null {
  const stack: [JSONContent, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node.content === undefined) continue;
    if (!Array.isArray(node.content)) return SHAPE;
    if (depth >= MAX_DOCUMENT_DEPTH) return `Văn bản lồng nhau quá sâu (hơn ${MAX_DOCUMENT_DEPTH} tầng).`;
    const kept: JSONContent[] = [];
    for (const child of node.content as unknown[]) {
      if (!isPlainObject(child) || !hasOnlyKeys(child, NODE_KEYS) || !isName(child.type) || !isAttrs(child.attrs) || !isMarks(child.marks)) return SHAPE;
      if (child.type !== "text") {
        if (child.text !== undefined) return SHAPE;
        kept.push(child as JSONContent);
        stack.push([child as JSONContent, depth + 1]);
        continue;
      }
      if (typeof child.text !== "string" || child.content !== undefined) return SHAPE;
      if (hasInvalidText(child.text)) return "Văn bản có ký tự không hợp lệ (mã Unicode hỏng). Hãy gõ lại đoạn vừa sửa.";
      const text = cleanInlineText(child.text);
      if (text !== "") kept.push(text === child.text ? (child as JSONContent) : { ...(child as JSONContent), text });
    }
    node.content = kept;
  }
  return null;
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
    // Said only when something is wrong (textContent builds a string).
    const where = () => `khối thứ ${blocks} («${node.textContent.slice(0, 40)}»)`;
    const Where = () => capitalize(where());
    if (blocks > MAX_DOCUMENT_BLOCKS) problem = `Văn bản có quá nhiều đoạn (tối đa ${MAX_DOCUMENT_BLOCKS.toLocaleString("vi-VN")}).`;
    else if (typeof attrs.id !== "string" || !BLOCK_ID.test(attrs.id)) problem = `${Where()} không có mã định danh hợp lệ.`;
    else if (seen.has(attrs.id)) problem = `Hai khối có cùng mã định danh «${attrs.id}» (${where()}). Hãy tải lại trang rồi sửa lại.`;
    else if (node.type.name === "heading" && !(Number.isInteger(attrs.level) && attrs.level >= 1 && attrs.level <= 6))
      problem = `${Where()} có cấp tiêu đề không hợp lệ.`;
    else if (attrs.kind !== null && !(BLOCK_KINDS as readonly unknown[]).includes(attrs.kind)) problem = `${Where()} có loại khối không hợp lệ.`;
    else if (attrs.number !== null && !(typeof attrs.number === "string" && attrs.number.length <= MAX_NUMBER_CHARS))
      problem = `${Where()} có số thứ tự không hợp lệ.`;
    seen.add(String(attrs.id));
    return true;
  });
  return problem ?? { blocks };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
