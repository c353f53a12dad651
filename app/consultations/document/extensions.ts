import { Extension, mergeAttributes, type Extensions } from "@tiptap/core";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import UniqueID from "@tiptap/extension-unique-id";
import StarterKit from "@tiptap/starter-kit";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_LENGTH = 10;
// Largest multiple of 36 below 256: bytes at or above it are skipped so every character is equally likely.
const UNBIASED_LIMIT = 256 - (256 % ID_ALPHABET.length);

/** A short random block id (10 × [a-z0-9], ~51 bits). Web Crypto exists both in browsers and in Node 20. */
export function newBlockId(): string {
  let id = "";
  while (id.length < ID_LENGTH) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < UNBIASED_LIMIT && id.length < ID_LENGTH) id += ID_ALPHABET[byte % ID_ALPHABET.length];
    }
  }
  return id;
}

/**
 * `kind` (part, chapter, section, article, heading, clause, point, list_item, paragraph) and `number`
 * ("I", "5", "a") on headings and paragraphs. They are not kept on split: the half of a clause split
 * in the editor is a plain paragraph, not a second "khoản 1".
 */
const BlockMeta = Extension.create({
  name: "blockMeta",
  addGlobalAttributes() {
    return [
      {
        types: ["heading", "paragraph"],
        attributes: {
          kind: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => element.getAttribute("data-kind"),
            renderHTML: (attributes) => (attributes.kind ? { "data-kind": attributes.kind } : {}),
          },
          number: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => element.getAttribute("data-number"),
            renderHTML: (attributes) => (attributes.number ? { "data-number": attributes.number } : {}),
          },
        },
      },
    ];
  },
});

/**
 * A table without the inline styles tiptap gives it (a minimum width, a <colgroup> of widths): the site's
 * Content-Security-Policy allows no style attributes (ADR 024), and column widths are the reader's
 * screen's business. A table is one block for readers: it has its own id and is commented on whole.
 */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const { style: _style, ...attributes } = mergeAttributes(this.options.HTMLAttributes, HTMLAttributes);
    return ["table", attributes, ["tbody", 0]];
  },
});

/** The block types that carry a stable id: what a reader can comment on (a table's cells go with their table). */
export const BLOCK_ID_TYPES = ["heading", "paragraph", "table"];

/**
 * The one extension set of the document model: the importer, the publish step (HTML rendering) and the
 * browser editor must all use it, or they would disagree on the schema.
 * Headings go to level 5: 1 Phần, 2 Chương, 3 Mục, 4 Điều, 5 a plain heading inside an Điều.
 */
export const documentExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [1, 2, 3, 4, 5, 6] },
    codeBlock: false,
    code: false,
    blockquote: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: false,
  }),
  PlainTable.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
  UniqueID.configure({
    types: BLOCK_ID_TYPES,
    attributeName: "id",
    generateID: () => newBlockId(),
  }),
  BlockMeta,
];
