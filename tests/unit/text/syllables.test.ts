import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "@search/text/analyze.ts";
import { tokenize as keyPhraseTokens } from "~/reports/themes/key-phrases.ts";
import { foldedSyllables, forEachSyllable, lowerSyllables, writtenSyllables } from "~/text/syllables.ts";

describe("the syllable tokenizer", () => {
  it("cuts at everything but letters, digits and marks, and drops format characters inside a syllable", () => {
    expect(writtenSyllables("Hoà bình, độc lập — 2025!")).toEqual(["Hoà", "bình", "độc", "lập", "2025"]);
    expect(writtenSyllables("ph\u200Bát triển\u00AD")).toEqual(["phát", "triển"]);
    expect(writtenSyllables("… !")).toEqual([]);
    expect(foldedSyllables("Hoà bình!")).toEqual(["hoa", "binh"]);
    expect(lowerSyllables("ĐÉO biết")).toEqual(["đéo", "biết"]);
  });

  it("gives offsets into the text as given, NFD and format characters included, and stops when told", () => {
    const text = "Xã hội\u200B chủ nghĩa".normalize("NFD");
    const seen: [string, number, number][] = [];
    forEachSyllable(text, (written, start, end) => {
      seen.push([written, start, end]);
      return seen.length < 2;
    });
    expect(seen.map(([written, start, end]) => [written, text.slice(start, end)])).toEqual([
      ["Xã".normalize("NFD"), "Xã".normalize("NFD")],
      ["hội\u200B".normalize("NFD"), "hội\u200B".normalize("NFD")],
    ]);
  });

  it("is the one cut search, moderation and the key phrases of reports make, on a real draft, NFC and NFD", () => {
    const draft = readFileSync(new URL("../../../prisma/demo/du-thao-bao-cao-chinh-tri.txt", import.meta.url), "utf8");
    const paragraphs = draft.split(/\n\s*\n/).flatMap((p) => [p, p.normalize("NFD")]);
    expect(paragraphs.length).toBeGreaterThan(100);
    for (const paragraph of paragraphs) {
      const written = writtenSyllables(paragraph);
      expect(tokenize(paragraph).map((t) => t.folded)).toEqual(foldedSyllables(paragraph));
      expect(written.map((w) => w.normalize("NFC").toLowerCase())).toEqual(lowerSyllables(paragraph));
      // Key phrases also cut at punctuation into clauses; the syllables are the same, in order.
      expect(
        keyPhraseTokens(paragraph)
          .flat()
          .map((t) => t.written),
      ).toEqual(writtenSyllables(paragraph.normalize("NFC")));
    }
  });
});
