import { describe, expect, it } from "vitest";
import { levelHeadings } from "~/consultations/heading-levels.ts";

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
});
