import { expect, it } from "vitest";
import { blockElementHtml, commentCountHtml, documentBodyHtml } from "~/consultations/document-body.ts";

const blocks = [
  { key: "h1", kind: "chapter", label: "Chương I", html: '<h3 data-id="h1" data-kind="chapter" data-number="I">Chương I</h3>' },
  { key: "c1", kind: "clause", label: "Chương I › khoản 1", html: '<p data-id="c1" data-kind="clause" data-number="1">1. Mọi người &amp; mọi nơi.</p>' },
  { key: "l1", kind: "list_item", label: "Chương I › 1", html: '<p data-id="l1" data-kind="list_item">Một.</p>' },
  { key: "l2", kind: "list_item", label: "Chương I › 2", html: '<p data-id="l2" data-kind="list_item">Hai.</p>' },
  { key: "t1", kind: "table", label: "Chương I › bảng", html: '<table data-id="t1"><tbody><tr><td>Ô</td></tr></tbody></table>' },
];

it("puts the anchor on the block's own element and keeps data-kind only where the stylesheet uses it", () => {
  expect(blockElementHtml(blocks[0])).toBe('<h3 id="p-h1" data-kind="chapter">Chương I</h3>');
  expect(blockElementHtml(blocks[1])).toBe('<p id="p-c1">1. Mọi người &amp; mọi nơi.</p>');
  expect(blockElementHtml(blocks[2])).toBe("<p>Một.</p>");
  expect(blockElementHtml(blocks[4])).toBe('<table id="p-t1"><tbody><tr><td>Ô</td></tr></tbody></table>');
  expect(blockElementHtml({ key: "x", kind: "paragraph", html: "văn bản" })).toBe("văn bản");
});

it("writes each block flat: its element, a short Góp ý link, the count slot and the mark; list items in one list", () => {
  const html = documentBodyHtml(blocks, {
    element: blockElementHtml,
    count: (b) => `[${b.key}]`,
    marks: new Map([["c1", { href: "/du-thao/x/thay-doi?tu=1&den=2#p-c1", text: "Đã sửa so với bản số 1" }]]),
  });
  expect(html).toBe(
    '<h3 id="p-h1" data-kind="chapter">Chương I</h3><a href="?gop-y=h1">Góp ý</a>[h1]' +
      '<p id="p-c1">1. Mọi người &amp; mọi nơi.</p><a href="?gop-y=c1">Góp ý</a>[c1]<a class="changed-mark" href="/du-thao/x/thay-doi?tu=1&amp;den=2#p-c1">Đã sửa so với bản số 1</a>' +
      '<ul class="block-list"><li id="p-l1"><p>Một.</p><a href="?gop-y=l1">Góp ý</a>[l1]</li><li id="p-l2"><p>Hai.</p><a href="?gop-y=l2">Góp ý</a>[l2]</li></ul>' +
      '<table id="p-t1"><tbody><tr><td>Ô</td></tr></tbody></table><a href="?gop-y=t1">Góp ý</a>[t1]',
  );
  // An earlier version is read only: no Góp ý links.
  expect(documentBodyHtml(blocks.slice(0, 1), { readOnly: true, element: blockElementHtml, count: () => "" })).toBe(
    '<h3 id="p-h1" data-kind="chapter">Chương I</h3>',
  );
});

it("links a block's comments only when it has some, saying them per stance", () => {
  expect(commentCountHtml("hien-phap", "c1", { total: 0, AGREE: 0, DISAGREE: 0, OTHER: 0 })).toBe("");
  expect(commentCountHtml("hien-phap", "c1", { total: 1_200, AGREE: 1_000, DISAGREE: 0, OTHER: 200 })).toBe(
    '<a class="c" href="/du-thao/hien-phap/y-kien?doan=c1">1.200 ý kiến · 1.000 tán thành · 200 ý kiến khác</a>',
  );
});
