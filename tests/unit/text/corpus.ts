import { readFileSync } from "node:fs";
import { readConstitution } from "../consultations/document/fixtures.ts";

/**
 * Real Vietnamese text for the moderation tests: the 2013 Constitution (../shared/corpus, partly NFD on
 * purpose) and the demo draft political report (prisma/demo).
 */
export function corpusTexts(): string[] {
  const constitution = new TextDecoder().decode(readConstitution());
  const report = readFileSync(new URL("../../../prisma/demo/du-thao-bao-cao-chinh-tri.txt", import.meta.url), "utf8");
  return [constitution, report];
}

/** The corpus cut into paragraphs at blank lines. */
export function corpusParagraphs(): string[] {
  return corpusTexts()
    .flatMap((text) => text.split(/\n\s*\n/))
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
}

/** A small deterministic pseudo-random generator (LCG), so that measured figures are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
