import { describe, expect, it } from "vitest";
import { levelHeadings, outlineLevels } from "~/consultations/document/heading-levels.ts";

const tags = (html: string[]) => levelHeadings(html.map((h) => ({ html: h }))).map((b) => b.html);

describe("levelHeadings", () => {
  it("never goes down more than one level after the page's h1, and keeps attributes and content", () => {
    expect(
      tags([
        '<h2 data-kind="chapter">Chương I</h2>',
        '<h5 data-kind="article">Điều 1. <strong>Phạm vi</strong></h5>',
        "<p>Khoản 1.</p>",
        '<h5 data-kind="article">Điều 2.</h5>',
        '<h2 data-kind="chapter">Chương II</h2>',
        '<h4 data-kind="article">Điều 3.</h4>',
      ]),
    ).toEqual([
      '<h2 data-kind="chapter">Chương I</h2>',
      '<h3 data-kind="article">Điều 1. <strong>Phạm vi</strong></h3>',
      "<p>Khoản 1.</p>",
      '<h3 data-kind="article">Điều 2.</h3>',
      '<h2 data-kind="chapter">Chương II</h2>',
      '<h3 data-kind="article">Điều 3.</h3>',
    ]);
  });

  it("moves an h1 in the draft below the page's own h1, and leaves other blocks untouched", () => {
    const table = { html: "<table><tr><td>x</td></tr></table>" };
    const out = levelHeadings([{ html: "<h1>Phần thứ nhất</h1>" }, table, { html: "<h3>Mục 1</h3>" }]);
    expect(out.map((b) => b.html)).toEqual(["<h2>Phần thứ nhất</h2>", table.html, "<h3>Mục 1</h3>"]);
    expect(out[1]).toBe(table);
  });

  it("outlineLevels: the same levels as the tags levelHeadings writes; below a page heading of another level", () => {
    expect(outlineLevels([2, 5, 5, 2, 4])).toEqual([2, 3, 3, 2, 3]);
    expect(outlineLevels([1, 4, 6, 6, 6, 6, 6, 6])).toEqual([2, 3, 4, 4, 4, 4, 4, 4]);
    expect(outlineLevels([4, 2, 3], 2)).toEqual([3, 3, 4]);
    expect(outlineLevels([1, 2, 3, 4, 5, 6], 2)).toEqual([3, 4, 5, 6, 6, 6]);
    expect(outlineLevels([])).toEqual([]);
  });
});
