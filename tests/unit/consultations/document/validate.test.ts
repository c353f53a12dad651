import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { importStructuredText } from "~/consultations/document/structured-text";
import { checkDocument, checkDocumentJson, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH } from "~/consultations/document/validate";
import { readConstitution } from "./fixtures.ts";

const paragraph = (id: string, text: string, attrs: Record<string, unknown> = {}): JSONContent => ({
  type: "paragraph",
  attrs: { id, ...attrs },
  content: text ? [{ type: "text", text }] : [],
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

const refused = (value: unknown) => {
  const result = checkDocument(value);
  if (result.ok) throw new Error("accepted");
  return result.message;
};

describe("checkDocument", () => {
  it("takes the Constitution as the importer made it, unchanged, and counts its blocks", () => {
    const imported = importStructuredText(readConstitution()).doc;
    const result = checkDocumentJson(JSON.stringify(imported));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.blocks).toBe(467);
    const ids = (node: JSONContent): unknown[] => [...(node.attrs?.id ? [node.attrs.id] : []), ...(node.content ?? []).flatMap(ids)];
    const texts = (node: JSONContent): string => node.text ?? (node.content ?? []).map(texts).join("|");
    expect(ids(result.doc)).toEqual(ids(imported));
    expect(texts(result.doc)).toBe(texts(imported));
    // What it returns is taken again as it is.
    expect(checkDocument(result.doc)).toEqual(result);
  });

  it("cleans text: NFC, no invisible or direction characters, no line breaks inside a run; empty runs dropped", () => {
    const decomposed = "Đie\u0302\u0300u 1. Quye\u0302\u0300n con ngu\u031Bo\u031B\u0300i";
    const result = checkDocument(
      doc(paragraph("aaaaaaaaaa", `${decomposed}\u200B\u202E\n tiếp`), {
        type: "paragraph",
        attrs: { id: "bbbbbbbbbb" },
        content: [{ type: "text", text: "\u200B" }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc.content![0].content![0].text).toBe("Điều 1. Quyền con người  tiếp");
    expect(result.doc.content![1].content ?? []).toEqual([]);
  });

  it("refuses what the schema does not allow, naming it", () => {
    expect(refused(doc({ type: "image", attrs: { src: "x.png" } }))).toMatch(/«image» không được dùng/);
    expect(refused(doc({ type: "paragraph", attrs: { id: "aaaaaaaaaa" }, content: [{ type: "text", text: "a", marks: [{ type: "link" }] }] }))).toMatch(
      /«link»/,
    );
    // A list item must start with a paragraph.
    expect(
      refused(doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "heading", attrs: { id: "aaaaaaaaaa", level: 2 } }] }] })),
    ).toMatch(/không khớp với cấu trúc/);
    expect(refused({ type: "paragraph", attrs: { id: "aaaaaaaaaa" } })).toMatch(/nút gốc «doc»/);
  });

  it("refuses blocks without an id, with a malformed one, or sharing one", () => {
    expect(refused(doc(paragraph("aaaaaaaaaa", "Một"), { type: "paragraph", content: [{ type: "text", text: "Hai" }] }))).toMatch(
      /Khối thứ 2 \(«Hai»\) không có mã định danh/,
    );
    expect(refused(doc(paragraph("có dấu cách", "Một")))).toMatch(/không có mã định danh hợp lệ/);
    expect(refused(doc(paragraph("aaaaaaaaaa", "Một"), paragraph("aaaaaaaaaa", "Hai")))).toMatch(/Hai khối có cùng mã định danh «aaaaaaaaaa»/);
  });

  it("refuses unknown heading levels, kinds, numbers and list styles", () => {
    expect(refused(doc({ type: "heading", attrs: { id: "aaaaaaaaaa", level: "<script>" }, content: [{ type: "text", text: "A" }] }))).toMatch(/cấp tiêu đề/);
    expect(refused(doc({ type: "heading", attrs: { id: "aaaaaaaaaa", level: 9 }, content: [{ type: "text", text: "A" }] }))).toMatch(/cấp tiêu đề/);
    expect(refused(doc(paragraph("aaaaaaaaaa", "A", { kind: "khoan" })))).toMatch(/loại khối/);
    expect(refused(doc(paragraph("aaaaaaaaaa", "A", { kind: "clause", number: "1".repeat(40) })))).toMatch(/số thứ tự/);
    expect(
      refused(doc({ type: "orderedList", attrs: { start: 1, type: "x" }, content: [{ type: "listItem", content: [paragraph("aaaaaaaaaa", "A")] }] })),
    ).toMatch(/kiểu đánh số/);
  });

  it("refuses shapes that are not a document: extra keys, wrong types, deep nesting, broken JSON, too large", () => {
    expect(refused(doc({ ...paragraph("aaaaaaaaaa", "A"), onclick: "x" } as JSONContent))).toMatch(/không đúng cấu trúc/);
    expect(refused(doc({ type: "paragraph", attrs: { id: "aaaaaaaaaa" }, content: [{ type: "text", text: 5 as unknown as string }] }))).toMatch(
      /không đúng cấu trúc/,
    );
    expect(refused(doc(paragraph("aaaaaaaaaa", "\uD800 nửa cặp")))).toMatch(/mã Unicode hỏng/);
    let deep: unknown = { type: "text", text: "x" };
    for (let i = 0; i < 100_000; i++) deep = { type: "bulletList", content: [deep] };
    expect(refused(doc(deep as JSONContent))).toMatch(new RegExp(`hơn ${MAX_DOCUMENT_DEPTH} tầng`));
    const broken = checkDocumentJson('{"type":"doc","content":[');
    expect(broken).toEqual({ ok: false, message: expect.stringMatching(/JSON hỏng/) });
    const huge = checkDocumentJson(JSON.stringify(doc(paragraph("aaaaaaaaaa", "ạ".repeat(MAX_DOCUMENT_BYTES / 3 + 10)))));
    expect(huge).toEqual({ ok: false, message: expect.stringMatching(/quá lớn/) });
  });
});
