import type { BlockKind } from "./kinds";

/** One normalized line, read on its own. `hasTitle` is false for a bare "Chương I." whose title may follow. */
export interface ClassifiedLine {
  kind: BlockKind;
  number: string | null;
  text: string;
  hasTitle: boolean;
}

const ROMAN = "[IVXLC]+";
// Keyword, then the number as written. The lookahead stops "Phần lớn" or "Mục lục" from reading as "Phần l".
const STRUCTURAL_HEADINGS = [
  { kind: "part", pattern: new RegExp(`^phần\\s+(thứ\\s+\\p{L}+|${ROMAN}|\\d+)(?=$|[\\s.:\\-–—])`, "iu") },
  { kind: "chapter", pattern: new RegExp(`^chương\\s+(${ROMAN}|\\d+)(?=$|[\\s.:\\-–—])`, "iu") },
  { kind: "section", pattern: new RegExp(`^mục\\s+(\\d+|${ROMAN})(?=$|[\\s.:\\-–—])`, "iu") },
  { kind: "article", pattern: /^điều\s+(\d+)(?=$|[\s.:\-–—])/iu },
] as const;
// Report style: "I. KẾT QUẢ ĐẠT ĐƯỢC" is a section when the text after the numeral is all caps.
const ROMAN_SECTION = new RegExp(`^(${ROMAN})\\.\\s+(.+)$`, "u");
const CLAUSE = /^(\d+)\.\s/u;
const POINT = /^([a-zđ])\)\s/u;
const LIST_MARKER = /^[-+•–]\s+/u;
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;

export const MAX_HEADING_CHARS = 200;

/** Null for a line that carries nothing (a rule of dashes). */
export function classifyLine(line: string): ClassifiedLine | null {
  if (PUNCTUATION_ONLY.test(line)) return null;
  return structuralHeading(line) ?? bodyLine(line);
}

/** Every letter uppercase (Vietnamese included) and at least two letters: "CHẾ ĐỘ CHÍNH TRỊ". */
export function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && letters.every((letter) => letter === letter.toUpperCase() && letter !== letter.toLowerCase());
}

function structuralHeading(line: string): ClassifiedLine | null {
  for (const { kind, pattern } of STRUCTURAL_HEADINGS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const rest = line.slice(match[0].length);
    const title = rest.replace(/^[\s.:\-–—]+/u, "");
    // Without punctuation the title must start with a capital: "Điều 5 của Luật này…" is a sentence, not a heading.
    if (rest !== "" && !/^\s*[.:\-–—]/u.test(rest) && !/^\p{Lu}/u.test(title)) return null;
    return { kind, number: match[1], text: line, hasTitle: title !== "" };
  }
  const roman = ROMAN_SECTION.exec(line);
  if (roman && isAllCaps(roman[2])) return { kind: "section", number: roman[1], text: line, hasTitle: true };
  return null;
}

function bodyLine(line: string): ClassifiedLine {
  const clause = CLAUSE.exec(line);
  if (clause) return { kind: "clause", number: clause[1], text: line, hasTitle: false };
  const point = POINT.exec(line);
  if (point) return { kind: "point", number: point[1], text: line, hasTitle: false };
  const marker = LIST_MARKER.exec(line);
  if (marker) return { kind: "list_item", number: null, text: line.slice(marker[0].length), hasTitle: false };
  if (line.length <= MAX_HEADING_CHARS && isAllCaps(line)) return { kind: "heading", number: null, text: line, hasTitle: true };
  return { kind: "paragraph", number: null, text: line, hasTitle: false };
}
