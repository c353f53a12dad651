import { expect, it } from "vitest";
import { romanValue, toRoman } from "~/text/roman.ts";

it("reads and writes the numerals drafts use, each the other's inverse", () => {
  expect([1, 4, 9, 14, 19, 40, 90, 399].map(toRoman)).toEqual(["I", "IV", "IX", "XIV", "XIX", "XL", "XC", "CCCXCIX"]);
  for (let n = 1; n < 400; n++) expect(romanValue(toRoman(n))).toBe(n);
  expect(romanValue("Chương")).toBeNull();
  expect(romanValue("iv")).toBeNull();
});
