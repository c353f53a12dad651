import { describe, expect, it } from "vitest";
import { escapeHtml, highlightTags, plainSnippet, snippetHtml } from "@search/meilisearch/snippet.ts";

const tags = highlightTags("0123456789abcdef");
const mark = (text: string) => `${tags.pre}${text}${tags.post}`;

describe("highlight tags", () => {
  it("carry a random nonce and no HTML-special character", () => {
    const a = highlightTags();
    const b = highlightTags();
    expect(a.pre).not.toBe(b.pre);
    for (const tag of [a.pre, a.post, tags.pre, tags.post]) expect(escapeHtml(tag)).toBe(tag);
    expect(tags).toEqual({ pre: "{{gopy-mark-0123456789abcdef}}", post: "{{/gopy-mark-0123456789abcdef}}" });
  });
});

describe("snippetHtml", () => {
  it("escapes the document's text and turns only the engine's tags into <mark>", () => {
    const formatted = `…<script>alert("x")</script> & ${mark("quyền")} con 'người' <mark>giả</mark>…`;
    expect(snippetHtml(formatted, tags)).toBe(
      "…&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>quyền</mark> con &#39;người&#39; &lt;mark&gt;giả&lt;/mark&gt;…",
    );
  });

  it("escapes inside a mark too", () => {
    expect(snippetHtml(mark("<b>&"), tags)).toBe("<mark>&lt;b&gt;&amp;</mark>");
  });

  it("several marks, adjacent marks, a mark at each end", () => {
    expect(snippetHtml(`${mark("a")} b ${mark("c")}${mark("d")}`, tags)).toBe("<mark>a</mark> b <mark>c</mark><mark>d</mark>");
  });

  it("is always balanced: a stray closing tag is dropped, a second opening ignored, an open mark closed", () => {
    expect(snippetHtml(`x${tags.post}y`, tags)).toBe("xy");
    expect(snippetHtml(`${tags.pre}a${tags.pre}b${tags.post}c`, tags)).toBe("<mark>ab</mark>c");
    expect(snippetHtml(`a ${tags.pre}b`, tags)).toBe("a <mark>b</mark>");
  });

  it("text that imitates another nonce's tag stays text", () => {
    const other = highlightTags("ffffffffffffffff");
    expect(snippetHtml(`${other.pre}x${other.post}`, tags)).toBe(`${other.pre}x${other.post}`);
  });

  it("plain text and empty text", () => {
    expect(snippetHtml("Điều 1. Nhà nước", tags)).toBe("Điều 1. Nhà nước");
    expect(snippetHtml("", tags)).toBe("");
  });
});

describe("plainSnippet (no highlighted text from the server)", () => {
  it("escapes, and cuts a long text at a space with an ellipsis", () => {
    expect(plainSnippet("a < b")).toBe("a &lt; b");
    const long = `${"từ ".repeat(100)}cuối`;
    const snippet = plainSnippet(long);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(241);
    expect(snippet).not.toMatch(/ …$/);
  });
});
