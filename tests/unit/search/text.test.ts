import { describe, expect, it } from "vitest";
import { analyzeWord, tokenize } from "@search/text/analyze.ts";
import { parseQuery, MAX_QUERY_WORDS } from "@search/text/query.ts";
import { buildSnippet, escapeHtml } from "@search/text/snippet.ts";

describe("analysis", () => {
  it("keeps an exact and a folded form of each word", () => {
    expect(analyzeWord("Đại")).toEqual({ exact: "đại", folded: "dai" });
    expect(analyzeWord("HOÀ")).toEqual({ exact: "hòa", folded: "hoa" });
    expect(analyzeWord("ph\u200Bát")).toEqual({ exact: "phát", folded: "phat" });
  });

  it("gives offsets into the text as given, NFD included", () => {
    const text = "Góp ý: dự thảo!".normalize("NFD");
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(["gop", "y", "du", "thao"]);
    expect(tokens.map((t) => t.exact)).toEqual(["góp", "ý", "dự", "thảo"]);
    for (const token of tokens) expect(text.slice(token.start, token.end).normalize("NFC").toLowerCase()).toBe(token.exact);
  });

  it("drops punctuation, symbols and control characters", () => {
    expect(tokenize("\u0000!!! ... 😀 — «»").length).toBe(0);
  });
});

describe("query parsing", () => {
  it("reads phrases in straight or curly quotes, the rest as words, the last word as a prefix", () => {
    const units = parseQuery('kinh tế "phát triển bền vững" “chuyển đổi số” cấp x');
    expect(units.map((u) => [u.words.map((w) => w.folded).join(" "), u.phrase, u.prefix])).toEqual([
      ["kinh", false, false],
      ["te", false, false],
      ["phat trien ben vung", true, false],
      ["chuyen doi so", true, false],
      ["cap", false, false],
      ["x", false, true],
    ]);
  });

  it("reads an unclosed quote as plain words and a one-word phrase as a word", () => {
    expect(parseQuery('"phát triển').map((u) => u.phrase)).toEqual([false, false]);
    expect(parseQuery('"hòa" bình ').map((u) => [u.words[0].exact, u.phrase, u.prefix])).toEqual([
      ["hòa", false, false],
      ["bình", false, false],
    ]);
  });

  it("marks which words carry diacritics, and caps the number of words", () => {
    expect(parseQuery("góp y ").map((u) => u.words[0].accented)).toEqual([true, false]);
    const many = parseQuery(Array.from({ length: 500 }, (_, i) => `tu${i}`).join(" "));
    expect(many.length).toBe(MAX_QUERY_WORDS);
    expect(parseQuery("x".repeat(100_000)).length).toBe(1);
  });
});

describe("snippets", () => {
  const matchFolded =
    (...words: string[]) =>
    (token: { folded: string }) =>
      words.includes(token.folded) ? { key: token.folded, weight: 1 } : null;

  it("escapes HTML and marks matches", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(buildSnippet("Tôi <b>đồng ý</b> & ủng hộ", matchFolded("dong"))).toBe("Tôi &lt;b&gt;<mark>đồng</mark> ý&lt;/b&gt; &amp; ủng hộ");
  });

  it("crops around the region with the most different matched words, at word boundaries", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(30);
    const text = `${filler}alpha ${filler}alpha beta gamma ${filler}`;
    const snippet = buildSnippet(text, matchFolded("alpha", "beta", "gamma"));
    expect(snippet).toContain("<mark>alpha</mark> <mark>beta</mark> <mark>gamma</mark>");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    const plain = snippet.replace(/<\/?mark>/g, "").slice(1, -1);
    expect(plain.length).toBeLessThanOrEqual(240);
    expect(text).toContain(plain);
    expect(/^\w/.test(plain) && /\w$/.test(plain)).toBe(true);
  });

  it("shows the beginning of a long text without a match, and all of a short one", () => {
    const text = "Mở đầu văn bản. ".repeat(40);
    expect(buildSnippet(text, () => null).startsWith("Mở đầu văn bản.")).toBe(true);
    expect(buildSnippet("Ngắn gọn.", () => null)).toBe("Ngắn gọn.");
  });
});
