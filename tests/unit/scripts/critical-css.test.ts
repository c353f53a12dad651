import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { criticalCss, markedRegions } from "../../../scripts/critical-css.js";

const OPEN = "/* first-paint { */";
const CLOSE = "/* } first-paint */";
const appCss = readFileSync(path.join(import.meta.dirname, "../../../app/styles/app.css"), "utf8");

describe("markedRegions", () => {
  it("joins the marked regions in their order and leaves the rest out", () => {
    const source = `a { color: red; }\n${OPEN}\nb { color: blue; }\n${CLOSE}\nc { color: green; }\n${OPEN}\nd { margin: 0; }\n${CLOSE}\n`;
    const regions = markedRegions(source);
    expect(regions).toContain("b { color: blue; }");
    expect(regions).toContain("d { margin: 0; }");
    expect(regions.indexOf("b {")).toBeLessThan(regions.indexOf("d {"));
    expect(regions).not.toMatch(/\b[ac] \{/);
  });

  it("refuses a region left open, a closing marker alone and a region inside another", () => {
    expect(() => markedRegions(`${OPEN} a {}`)).toThrow(/never closed/);
    expect(() => markedRegions(`a {} ${CLOSE}`)).toThrow(/without/);
    expect(() => markedRegions(`${OPEN} a {} ${CLOSE} ${CLOSE}`)).toThrow(/without/);
    expect(() => markedRegions(`${OPEN} a {} ${OPEN} b {} ${CLOSE}`)).toThrow(/inside another/);
  });
});

describe("criticalCss", () => {
  it("minifies the marked rules", async () => {
    expect(await criticalCss(`${OPEN}\n/* why */\n.a  {  color : red ; }\n${CLOSE}`)).toBe(".a{color:red}");
  });

  it("refuses a region that is not whole rules, and a stylesheet with none", async () => {
    await expect(criticalCss(`.a { color: red; ${OPEN} } .b { margin: 0; ${CLOSE} }`)).rejects.toThrow(/critical-css/);
    await expect(criticalCss(".a { color: red; }")).rejects.toThrow(/no first-paint region/);
  });

  it("gives the reading page's first screen its styles from app.css, small enough for html_ratio (ADR 053)", async () => {
    const css = await criticalCss(appCss);
    // The political report's page is 1.13× its draft's HTML (65 KB) and must stay ≤ 1.3×: well under 10 KB.
    expect(Buffer.byteLength(css)).toBeLessThan(8_000);
    for (const selector of [
      ":root",
      ".skip-link",
      ".site-header",
      ".site-nav a",
      ".badge",
      ".button",
      ".draft-downloads",
      ".toc summary",
      ".consultation-search",
      ".document-body",
      '[href^="?gop-y="]',
      ".passage-count",
      ".selection-comment",
      ".notice",
    ]) {
      expect(css, selector).toContain(selector);
    }
    // Nothing of the staff area or of pages the reader does not see first.
    for (const selector of [".staff", ".comment-form", ".search-hit", ".audit"]) expect(css, selector).not.toContain(selector);
  });
});
