// @vitest-environment happy-dom
import { Editor, type JSONContent } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { DecorationSet } from "@tiptap/pm/view";
import { afterEach, describe, expect, it } from "vitest";
import { currentBlockChoice, setBlockChoice, toggleList } from "~/consultations/editor/block-kinds";
import { editorExtensions, headingOutline } from "~/consultations/editor/extensions";
import { checkDocument } from "~/consultations/document/validate";

// The browser editor's extension set in a real tiptap Editor (happy-dom): block ids stay unique and
// stable through splits, pastes and changes of kind, and what it produces passes the server's check.

const DOC: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { id: "chuong0001", level: 2, kind: "chapter", number: "I" }, content: [{ type: "text", text: "Chương I. Chế độ chính trị" }] },
    { type: "heading", attrs: { id: "dieu000001", level: 4, kind: "article", number: "1" }, content: [{ type: "text", text: "Điều 1. Phạm vi" }] },
    {
      type: "paragraph",
      attrs: { id: "khoan00001", kind: "clause", number: "1" },
      content: [{ type: "text", text: "1. Khoản một nói về phạm vi điều chỉnh." }],
    },
    { type: "paragraph", attrs: { id: "doan000001", kind: null, number: null }, content: [{ type: "text", text: "Điều 5. Quyền con người" }] },
    { type: "paragraph", attrs: { id: "doan000002", kind: null, number: null }, content: [{ type: "text", text: "Đoạn cuối cùng." }] },
  ],
};

interface Block {
  id: string;
  type: string;
  kind: string | null;
  number: string | null;
  level?: number;
  text: string;
}

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.innerHTML = "";
});

function mount(content: JSONContent = DOC): Editor {
  const element = document.createElement("div");
  document.body.append(element);
  editor = new Editor({ element, extensions: editorExtensions(), content, injectCSS: false, enableInputRules: false, enablePasteRules: false });
  return editor;
}

function blocks(e: Editor): Block[] {
  const found: Block[] = [];
  e.state.doc.descendants((node) => {
    if (node.type.name !== "heading" && node.type.name !== "paragraph") return true;
    found.push({ id: node.attrs.id, type: node.type.name, kind: node.attrs.kind, number: node.attrs.number, level: node.attrs.level, text: node.textContent });
    return false;
  });
  return found;
}

/** Document position of `offset` characters into the block whose text starts with `start`. */
function inside(e: Editor, start: string, offset: number): number {
  let at = -1;
  e.state.doc.descendants((node, pos) => {
    if (at === -1 && node.isTextblock && node.textContent.startsWith(start)) at = pos + 1 + offset;
    return at === -1;
  });
  if (at === -1) throw new Error(`no block starts with ${start}`);
  return at;
}

function expectUniqueIds(e: Editor) {
  const ids = blocks(e).map((b) => b.id);
  expect(ids.every((id) => typeof id === "string" && /^[a-z0-9]{10}$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  const checked = checkDocument(e.getJSON());
  expect(checked.ok ? "accepted" : checked.message).toBe("accepted");
}

function paste(e: Editor, html: string) {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "");
  e.view.dom.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}

describe("block ids in the editor", () => {
  it("splitting a clause in the middle: the head keeps id, kind and number; the tail gets a new id and neither", () => {
    const e = mount();
    e.chain()
      .setTextSelection(inside(e, "1. Khoản một", 13))
      .splitBlock()
      .run();
    const after = blocks(e);
    expect(after.map((b) => b.text)).toContain("1. Khoản một ");
    const head = after.find((b) => b.text === "1. Khoản một ")!;
    const tail = after.find((b) => b.text === "nói về phạm vi điều chỉnh.")!;
    expect(head).toMatchObject({ id: "khoan00001", kind: "clause", number: "1" });
    expect(tail.id).not.toBe("khoan00001");
    expect(tail).toMatchObject({ kind: null, number: null });
    expectUniqueIds(e);
  });

  it("Enter at the start of a clause: the text keeps its id, kind and number; the new empty block has none of them", () => {
    const e = mount();
    e.chain()
      .setTextSelection(inside(e, "1. Khoản một", 0))
      .splitBlock()
      .run();
    const after = blocks(e);
    const clause = after.find((b) => b.text.startsWith("1. Khoản một"))!;
    const empty = after[after.indexOf(clause) - 1];
    expect(clause).toMatchObject({ id: "khoan00001", kind: "clause", number: "1" });
    expect(empty).toMatchObject({ text: "", kind: null, number: null });
    expect(empty.id).not.toBe("khoan00001");
    expectUniqueIds(e);
  });

  it("pasting blocks copied from the same draft gives the copies new ids and leaves the originals theirs", () => {
    const e = mount();
    const before = blocks(e);
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    paste(e, e.getHTML());
    const after = blocks(e);
    expect(after.length).toBeGreaterThan(before.length);
    for (const original of before) expect(after.filter((b) => b.id === original.id)).toHaveLength(1);
    expect(after.slice(0, before.length - 1).map((b) => b.id)).toEqual(before.slice(0, -1).map((b) => b.id));
    expectUniqueIds(e);
  });

  it("content put in with its ids (no paste event: pasteHTML, insertContent) above the original: the original keeps its id", () => {
    const e = mount();
    const html = '<p data-id="doan000002">Đoạn cuối cùng.</p><p data-id="khoan00001" data-kind="clause" data-number="1">1. Chép lại.</p>';
    e.commands.setTextSelection(inside(e, "Chương I", 0));
    e.view.pasteHTML(html);
    e.commands.insertContentAt(0, [{ type: "paragraph", attrs: { id: "dieu000001" }, content: [{ type: "text", text: "Chép tiêu đề" }] }]);
    const after = blocks(e);
    expect(after.find((b) => b.id === "doan000002")!.text).toBe("Đoạn cuối cùng.");
    expect(after.filter((b) => b.text === "Đoạn cuối cùng.")).toHaveLength(2);
    expect(after.find((b) => b.id === "khoan00001")!.text).toBe("1. Khoản một nói về phạm vi điều chỉnh.");
    expect(after.find((b) => b.id === "dieu000001")!.text).toBe("Điều 1. Phạm vi");
    expectUniqueIds(e);
  });

  it("undo after a split brings the one block back with its id; redo splits it again without a shared id", () => {
    const e = mount();
    e.chain()
      .setTextSelection(inside(e, "Đoạn cuối", 5))
      .splitBlock()
      .run();
    e.commands.undo();
    expect(blocks(e).find((b) => b.text === "Đoạn cuối cùng.")!.id).toBe("doan000002");
    e.commands.redo();
    expectUniqueIds(e);
  });
});

describe("kinds of block", () => {
  it("a paragraph becomes Điều with its number read from the text, keeping its id", () => {
    const e = mount();
    e.commands.setTextSelection(inside(e, "Điều 5.", 3));
    expect(currentBlockChoice(e.state)).toBe("paragraph");
    e.commands.command(({ state, dispatch }) => setBlockChoice("article")(state, dispatch));
    expect(blocks(e).find((b) => b.text.startsWith("Điều 5."))).toMatchObject({ id: "doan000001", type: "heading", level: 4, kind: "article", number: "5" });
    expect(currentBlockChoice(e.state)).toBe("article");
    expectUniqueIds(e);
  });

  it("a selection over several blocks changes them all and every id stays", () => {
    const e = mount();
    const before = blocks(e).map((b) => b.id);
    e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, inside(e, "Điều 1.", 1), inside(e, "Đoạn cuối", 2))));
    e.commands.command(({ state, dispatch }) => setBlockChoice("paragraph")(state, dispatch));
    const after = blocks(e);
    expect(after.map((b) => b.id)).toEqual(before);
    expect(after.slice(1).every((b) => b.type === "paragraph")).toBe(true);
    // "1. …" reads as a clause, "Điều 1." as a plain paragraph once it is no heading.
    expect(after.find((b) => b.id === "khoan00001")).toMatchObject({ kind: "clause", number: "1" });
    expect(after.find((b) => b.id === "dieu000001")).toMatchObject({ kind: null, number: null });
    expectUniqueIds(e);
  });

  it("another heading sits one level below the structure around it; Ctrl+Alt+5 does the same as the button", () => {
    const e = mount();
    e.commands.setTextSelection(inside(e, "Đoạn cuối", 1));
    e.view.dom.dispatchEvent(new KeyboardEvent("keydown", { key: "5", code: "Digit5", ctrlKey: true, altKey: true, bubbles: true, cancelable: true }));
    expect(blocks(e).find((b) => b.id === "doan000002")).toMatchObject({ type: "heading", kind: "heading", level: 5 });
    expect(currentBlockChoice(e.state)).toBe("heading");
  });

  it("a list made over a heading keeps the heading's id (as a paragraph in the list)", () => {
    const e = mount();
    e.commands.setTextSelection(inside(e, "Điều 1.", 1));
    expect(toggleList(e, "bulletList")).toBe(true);
    expect(e.isActive("bulletList")).toBe(true);
    expect(blocks(e).find((b) => b.text === "Điều 1. Phạm vi")!.id).toBe("dieu000001");
    expectUniqueIds(e);
  });

  it("typing «1. » or «- » at the start of a paragraph leaves a paragraph (no input rules; with them it would be a list)", () => {
    const type = (e: Editor, text: string) => {
      for (const char of text) {
        const { from, to } = e.state.selection;
        const handled = e.view.someProp("handleTextInput", (f) => f(e.view, from, to, char, () => e.state.tr.insertText(char, from, to)));
        if (!handled) e.view.dispatch(e.state.tr.insertText(char, from, to));
      }
    };
    const start: JSONContent = { type: "doc", content: [{ type: "paragraph", attrs: { id: "moi0000001" } }] };
    for (const text of ["1. Khoản mới", "- Ý mới"]) {
      const e = mount(start);
      e.commands.setTextSelection(1);
      type(e, text);
      expect(e.isActive("orderedList") || e.isActive("bulletList")).toBe(false);
      expect(blocks(e)).toEqual([expect.objectContaining({ id: "moi0000001", type: "paragraph", text })]);
      e.destroy();
      editor = null;
    }
    const element = document.createElement("div");
    document.body.append(element);
    editor = new Editor({ element, extensions: editorExtensions(), content: start, injectCSS: false });
    editor.commands.setTextSelection(1);
    type(editor, "1. Khoản mới");
    expect(editor.isActive("orderedList")).toBe(true);
  });
});

describe("headings in the page's outline", () => {
  /** The editor's headings as the DOM has them: tag, role and aria-level. */
  const outline = (e: Editor) => {
    // The plugin carries its decorations over from the previous state: they must be what a fresh start gives.
    const fresh = headingOutline(e.state.doc, 1)
      .find()
      .map((d) => [d.from, d.to, d.spec.level]);
    const kept = e.view.state.plugins.map((plugin) => plugin.getState(e.state)).find((state) => state instanceof DecorationSet) as DecorationSet;
    expect(kept.find().map((d) => [d.from, d.to, d.spec.level])).toEqual(fresh);
    return [...e.view.dom.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => [
      h.tagName.toLowerCase(),
      h.getAttribute("role"),
      h.getAttribute("aria-level"),
    ]);
  };

  it("keeps the tags the team chose and gives each heading its level below the page's h1, from the first render", () => {
    const e = mount();
    expect(outline(e)).toEqual([
      ["h2", "heading", "2"],
      ["h4", "heading", "3"],
    ]);
  });

  it("follows changes: a new Điều is a sibling of Điều 1, a Phần above moves everything one level down, undo brings the levels back", () => {
    const e = mount();
    e.commands.setTextSelection(inside(e, "Điều 5.", 3));
    e.commands.command(({ state, dispatch }) => setBlockChoice("article")(state, dispatch));
    expect(outline(e)).toEqual([
      ["h2", "heading", "2"],
      ["h4", "heading", "3"],
      ["h4", "heading", "3"],
    ]);
    e.commands.insertContentAt(0, { type: "heading", attrs: { level: 1, kind: "part" }, content: [{ type: "text", text: "Phần thứ nhất" }] });
    expect(outline(e)).toEqual([
      ["h1", "heading", "2"],
      ["h2", "heading", "3"],
      ["h4", "heading", "4"],
      ["h4", "heading", "4"],
    ]);
    e.commands.insertContentAt(inside(e, "Điều 1.", 5), "mới ");
    expect(outline(e)).toHaveLength(4);
    e.commands.undo();
    e.commands.undo();
    e.commands.undo();
    expect(outline(e)).toEqual([
      ["h2", "heading", "2"],
      ["h4", "heading", "3"],
    ]);
  });

  it("a heading that becomes a paragraph loses role and level (no leftover attributes)", () => {
    const e = mount();
    e.commands.setTextSelection(inside(e, "Điều 1.", 1));
    e.commands.command(({ state, dispatch }) => setBlockChoice("paragraph")(state, dispatch));
    expect(outline(e)).toEqual([["h2", "heading", "2"]]);
    expect(e.view.dom.querySelectorAll("[aria-level], [role=heading]")).toHaveLength(1);
  });
});
