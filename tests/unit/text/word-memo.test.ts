import { describe, expect, it } from "vitest";
import { wordMemo } from "~/text/word-memo.ts";

describe("wordMemo", () => {
  it("computes each spelling once, and again only after the limit started it afresh", () => {
    const calls: string[] = [];
    const upper = wordMemo((word: string) => {
      calls.push(word);
      return word.toUpperCase();
    }, 2);
    expect([upper("hòa"), upper("hòa"), upper("hoà")]).toEqual(["HÒA", "HÒA", "HOÀ"]);
    expect(calls).toEqual(["hòa", "hoà"]);
    upper("của"); // a third spelling: the two kept are let go
    upper("hòa");
    expect(calls).toEqual(["hòa", "hoà", "của", "hòa"]);
  });

  it("keeps no word longer than maxLength", () => {
    let calls = 0;
    const length = wordMemo((word: string) => (calls++, word.length), 10, 3);
    length("nghiêng");
    length("nghiêng");
    length("ai");
    length("ai");
    expect(calls).toBe(3);
  });
});
