import type { JSONContent } from "@tiptap/core";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks";
import { cleanText } from "~/consultations/document/plain-text";
import { markPassages, mergePassages, overlaps, passageMatches, type Passage, type PassageMark } from "~/consultations/passage-marks";
import { readConstitution } from "./document/fixtures";

// Marks as tests can read them: «…» around each piece, [n] after a mark's last piece.
const brackets = { open: () => "«", close: "»", after: (m: PassageMark) => `[${m.count}]` };
// Real markup, to check that the HTML stays well formed.
const tags = {
  open: (m: PassageMark) => `<mark data-passage="${m.start}-${m.end}">`,
  close: "</mark>",
  after: (m: PassageMark) => `<a class="passage-count" href="#" data-n="${m.count}"></a>`,
};

const at = (text: string, quote: string, count = 1, from = 0): Passage => {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`«${quote}» not in the text`);
  return { quote, start, end: start + quote.length, count };
};

const window = new Window();
/** The HTML as a browser parses and writes it back: equal to the input only when the input was well formed. */
function reparsed(html: string) {
  const div = window.document.createElement("div");
  div.innerHTML = html;
  return { html: div.innerHTML, text: div.textContent };
}

describe("mergePassages", () => {
  const text = "Nhà nước bảo đảm và phát huy quyền làm chủ của Nhân dân.";

  it("merges overlapping passages into one mark counting every comment; touching ones stay apart", () => {
    const marks = mergePassages(text, [
      at(text, "bảo đảm và phát huy", 2),
      at(text, "phát huy quyền", 1),
      at(text, "quyền làm chủ", 3), // overlaps the second only: still the same mark
      at(text, "của Nhân dân", 1), // a space after "làm chủ": apart
      at(text, "Nhà nước", 1),
    ]);
    expect(marks.map((m) => [text.slice(m.start, m.end), m.count])).toEqual([
      ["Nhà nước", 1],
      ["bảo đảm và phát huy quyền làm chủ", 6],
      ["của Nhân dân", 1],
    ]);
  });

  it("keeps two passages that only touch as two marks", () => {
    const marks = mergePassages(text, [at(text, "Nhà nước ", 1), at(text, "bảo đảm", 1)]);
    expect(marks).toHaveLength(2);
    expect(marks[0].end).toBe(marks[1].start);
  });

  it("leaves out passages no longer at their place in the text (the block was edited) and malformed ones", () => {
    const edited = "Nhà nước bảo đảm và không ngừng phát huy quyền làm chủ của Nhân dân.";
    const old = at(text, "và phát huy quyền", 4);
    expect(passageMatches(edited, old)).toBe(false);
    expect(mergePassages(edited, [old, at(edited, "Nhân dân", 1)]).map((m) => edited.slice(m.start, m.end))).toEqual(["Nhân dân"]);
    expect(mergePassages(text, [{ quote: "", start: 3, end: 3, count: 1 }])).toEqual([]);
    expect(mergePassages(text, [{ quote: "Nhà", start: -1, end: 2, count: 1 }])).toEqual([]);
    expect(mergePassages(text, [{ quote: "x", start: text.length, end: text.length + 1, count: 1 }])).toEqual([]);
  });

  it("says which passages a mark's link lists: those overlapping it", () => {
    expect(overlaps({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(false);
    expect(overlaps({ start: 0, end: 6 }, { start: 5, end: 9 })).toBe(true);
  });
});

describe("markPassages", () => {
  it("wraps a passage of plain HTML text", () => {
    const text = "Quyền con người được bảo đảm.";
    expect(markPassages(`<p>${text}</p>`, text, mergePassages(text, [at(text, "con người", 2)]), brackets)).toBe("<p>Quyền «con người»[2] được bảo đảm.</p>");
  });

  it("never spans an inline tag: one piece per text node, the count after the last", () => {
    const text = "Nhà nước bảo đảm quyền con người.";
    const html = "<p>Nhà nước <strong>bảo <em>đảm</em></strong> quyền con người.</p>";
    const marks = mergePassages(text, [at(text, "nước bảo đảm quyền", 1)]);
    expect(markPassages(html, text, marks, brackets)).toBe("<p>Nhà «nước »<strong>«bảo »<em>«đảm»</em></strong>« quyền»[1] con người.</p>");
    const marked = markPassages(html, text, marks, tags);
    expect(reparsed(marked).html).toBe(marked);
    expect(reparsed(marked).text).toBe(text);
  });

  it("keeps entities as written and counts each as one character of the text", () => {
    const text = 'Giá <10% & thuế "VAT"\u00a0mới';
    const html = '<p>Giá &lt;10% &amp; thuế "VAT"&nbsp;mới</p>';
    const marks = mergePassages(text, [at(text, "<10% & thuế", 1), at(text, "\u00a0mới", 1)]);
    expect(markPassages(html, text, marks, brackets)).toBe('<p>Giá «&lt;10% &amp; thuế»[1] "VAT"«&nbsp;mới»[1]</p>');
    // Numeric entities, and a tag whose attribute holds ">".
    expect(markPassages('<p title="a>b">&#7842;&#x1ea0; x</p>', "ẢẠ x", [{ start: 1, end: 2, count: 1 }], brackets)).toBe(
      '<p title="a>b">&#7842;«&#x1ea0;»[1] x</p>',
    );
  });

  it("places marks in Vietnamese text by its NFC characters (the corpus's decomposed line, cleaned as imported)", () => {
    const raw = new TextDecoder().decode(readConstitution()).split("\n")[23];
    expect(raw).not.toBe(raw.normalize("NFC")); // the corpus keeps this line decomposed
    const text = cleanText(raw).trim();
    const [block] = documentToBlocks({ type: "doc", content: [{ type: "paragraph", attrs: { id: "hp24" }, content: [{ type: "text", text }] }] });
    expect(block.text).toBe(text);
    const quote = "Đảng Cộng sản Việt Nam";
    const marked = markPassages(block.html, block.text, mergePassages(block.text, [at(block.text, quote, 5)]), tags);
    expect(marked).toContain(`<mark data-passage="${text.indexOf(quote)}-${text.indexOf(quote) + quote.length}">${quote}</mark><a class="passage-count"`);
    expect(reparsed(marked).text).toBe(text);
    // A quote sent decomposed is not the text's (the form normalizes to NFC on the way in).
    expect(mergePassages(block.text, [{ ...at(block.text, quote), quote: quote.normalize("NFD") }])).toEqual([]);
  });

  it("follows the text through a line break and a table's cells, as published", () => {
    const cell = (type: string, id: string, text: string) => ({ type, content: [{ type: "paragraph", attrs: { id }, content: [{ type: "text", text }] }] });
    const doc: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { id: "doan1" },
          content: [
            { type: "text", text: "Dòng một & " },
            { type: "text", text: "đậm", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "dòng hai" },
          ],
        },
        {
          type: "table",
          attrs: { id: "bang1" },
          content: [
            { type: "tableRow", content: [cell("tableHeader", "o1", "Loại"), cell("tableHeader", "o2", "Mức")] },
            { type: "tableRow", content: [cell("tableCell", "o3", "Xe máy"), cell("tableCell", "o4", "20.000 đồng")] },
          ],
        },
      ],
    };
    const [paragraph, table] = documentToBlocks(doc);
    expect(paragraph.text).toBe("Dòng một & đậm\ndòng hai");
    const inParagraph = markPassages(paragraph.html, paragraph.text, mergePassages(paragraph.text, [at(paragraph.text, "& đậm\ndòng")]), brackets);
    expect(inParagraph).toMatch(/>Dòng một «&amp; »<strong>«đậm»<\/strong><br>«dòng»\[1\] hai<\/p>$/);

    expect(table.text).toBe("Loại | Mức\nXe máy | 20.000 đồng");
    const inTable = markPassages(table.html, table.text, mergePassages(table.text, [at(table.text, "Mức\nXe máy", 2), at(table.text, "20.000")]), tags);
    expect(reparsed(inTable).html).toBe(inTable);
    expect(reparsed(inTable).text).toBe("LoạiMứcXe máy20.000 đồng");
    expect([...inTable.matchAll(/<mark data-passage="([^"]+)">([^<]*)<\/mark>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["7-17", "Mức"],
      ["7-17", "Xe máy"],
      ["20-26", "20.000"],
    ]);
  });

  it("marks nothing when the HTML is not the text's", () => {
    const html = "<p>Một văn bản khác</p>";
    expect(markPassages(html, "Văn bản", [{ start: 0, end: 3, count: 1 }], brackets)).toBe(html);
    expect(markPassages(html, "Một văn bản khác", [], brackets)).toBe(html);
  });
});
