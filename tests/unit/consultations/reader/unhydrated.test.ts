import { describe, expect, it } from "vitest";
import { UNHYDRATED, unhydratedPage } from "~/consultations/reader/unhydrated.ts";

describe("unhydratedPage", () => {
  it("is null for a hydrated page", () => {
    expect(
      unhydratedPage([
        { handle: undefined, data: {} },
        { handle: { other: true }, data: { readerCss: "a{}" } },
      ]),
    ).toBeNull();
  });

  it("gives a reading page's script and first-paint CSS from its loader data", () => {
    const matches = [
      { handle: undefined, data: null },
      { handle: UNHYDRATED, data: { readerScript: "/build/reader/reader-X.js", readerCss: ".a{color:red}" } },
    ];
    expect(unhydratedPage(matches)).toEqual({ script: "/build/reader/reader-X.js", css: ".a{color:red}" });
  });

  it("has neither when the loader gave none (an error, or the reader not built)", () => {
    expect(unhydratedPage([{ handle: UNHYDRATED, data: undefined }])).toEqual({ script: null, css: null });
    expect(unhydratedPage([{ handle: UNHYDRATED, data: { readerScript: null, readerCss: null } }])).toEqual({ script: null, css: null });
  });
});
