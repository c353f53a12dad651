import { expect, it } from "vitest";
import { currentIndex, enclosingHeading, sectionEnd } from "~/consultations/reader/sections.ts";

it("finds the section being read: the last heading at or above the reading line", () => {
  const tops = [-900, -200, 40, 96, 500];
  expect(currentIndex(tops, 96)).toBe(3);
  expect(currentIndex(tops, 95)).toBe(2);
  expect(currentIndex(tops, -1000)).toBe(-1); // above the first heading: none
  expect(currentIndex([], 96)).toBe(-1);
  expect(currentIndex([Infinity, Infinity], 96)).toBe(-1); // folded away
});

// Chương I (h3) › Điều 1 (h5) › khoản; Chương II (h3) › Mục 1 (h4) › Điều 2 (h5) › khoản.
const levels = [3, 5, null, null, 3, 4, 5, null];

it("a section runs to the next heading of its level or above", () => {
  expect(sectionEnd(levels, 0)).toBe(4); // Chương I: Điều 1 and its two paragraphs
  expect(sectionEnd(levels, 1)).toBe(4); // Điều 1 ends where Chương II begins
  expect(sectionEnd(levels, 4)).toBe(8); // the last chapter runs to the end
  expect(sectionEnd(levels, 5)).toBe(8);
  expect(sectionEnd(levels, 2)).toBe(3); // a paragraph is only itself
});

it("finds the foldable heading a block sits in, so a link into a folded section opens it", () => {
  const chapters = (level: number) => level === 3;
  expect(enclosingHeading(levels, 3, chapters)).toBe(0);
  expect(enclosingHeading(levels, 7, chapters)).toBe(4);
  expect(enclosingHeading(levels, 7, (level) => level <= 4)).toBe(5);
  expect(enclosingHeading(levels, 0, (level) => level === 5)).toBe(-1);
});
