import { getSchema } from "@tiptap/core";
import { generateJSON } from "@tiptap/html";
import { describe, expect, it } from "vitest";
import { documentExtensions, newBlockId } from "~/consultations/document/extensions";

describe("newBlockId", () => {
  it("makes short random ids of [a-z0-9]", () => {
    const ids = Array.from({ length: 2000 }, newBlockId);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("documentExtensions", () => {
  const schema = getSchema(documentExtensions);

  it("leaves out what a draft does not need", () => {
    for (const name of ["codeBlock", "blockquote", "horizontalRule"]) expect(schema.nodes[name]).toBeUndefined();
    for (const name of ["code", "strike", "underline", "link"]) expect(schema.marks[name]).toBeUndefined();
    expect(schema.nodes.bulletList).toBeDefined();
  });

  it("gives headings and paragraphs id, kind and number, read back from HTML", () => {
    expect(Object.keys(schema.nodes.paragraph.spec.attrs ?? {})).toEqual(expect.arrayContaining(["id", "kind", "number"]));
    const json = generateJSON('<h2 data-id="abc" data-kind="chapter" data-number="I">Chương I</h2>', documentExtensions);
    expect(json.content[0]).toMatchObject({ type: "heading", attrs: { id: "abc", level: 2, kind: "chapter", number: "I" } });
  });
});
