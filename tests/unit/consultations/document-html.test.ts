import { Window } from "happy-dom";
import { expect, it } from "vitest";
import { buildDocumentTemplate, renderDocumentBody } from "~/consultations/document-html.server.ts";

const blocks = [
  { key: "a1", kind: "article", level: 4, label: "Điều 1", text: "Điều 1. Quyền & nghĩa vụ", html: '<h5 data-id="a1">Điều 1. Quyền &amp; nghĩa vụ</h5>' },
  {
    key: "b2",
    kind: "clause",
    level: 5,
    label: "Điều 1 › khoản 1",
    text: "1. Mọi người có quyền <tự do> đi lại.",
    html: "<p>1. Mọi người có quyền &lt;tự do&gt; đi lại.</p>",
  },
];

it("marks the passages of a block per request, with a count linking to their comments, and leaves the text as it was", () => {
  buildDocumentTemplate("v-marks", 'a"b', blocks);
  const none = renderDocumentBody("v-marks", new Map());
  expect(none.html).toContain('<p id="p-b2">1. Mọi người có quyền &lt;tự do&gt; đi lại.</p>');
  expect(none.html).not.toContain("block-text:");

  const quote = "quyền <tự do>";
  const start = blocks[1].text.indexOf(quote);
  const passages = new Map([["b2", [{ quote, start, end: start + quote.length, count: 1_234 }]]]);
  const { html } = renderDocumentBody("v-marks", new Map(), false, passages);
  const range = `${start}-${start + quote.length}`;
  expect(html).toContain(`<mark class="passage" data-passage="${range}">quyền &lt;tự do&gt;</mark>`);
  // The slug is escaped inside the attribute; the count is Vietnamese-formatted.
  expect(html).toContain(
    `<a class="passage-count" href="/du-thao/a%22b/y-kien?doan=b2&amp;tu=${start}&amp;den=${start + quote.length}" data-passage="${range}" data-n="1.234" aria-label="Đoạn trích có 1.234 ý kiến"></a>`,
  );
  const dom = new Window().document;
  dom.body.innerHTML = html;
  expect([...dom.querySelectorAll('[id^="p-"]')].map((e) => e.textContent)).toEqual(blocks.map((b) => b.text));
  // The first block is untouched; the body without marks is the same once the marks are gone.
  expect(html.replace(/<mark[^>]*>|<\/mark>|<a class="passage-count"[^>]*><\/a>/g, "")).toBe(none.html);

  // A stale passage (the text at its offsets differs) is not marked.
  const stale = new Map([["b2", [{ quote: "quyền tự do", start, end: start + 11, count: 2 }]]]);
  expect(renderDocumentBody("v-marks", new Map(), false, stale).html).toBe(none.html);
});
