// The long draft of the drafting benchmarks (bench/drafts.ts): the 2013 Constitution's chapters and
// articles again and again, renumbered, as one long law with a Chương/Điều structure.
import { readFileSync } from "node:fs";
import path from "node:path";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { toRoman } from "~/text/roman.ts";
import { root } from "./support.js";

/**
 * A long law in the Constitution's words: its chapters and articles again and again, renumbered
 * (Chương XII, Điều 121 … ), until the body has `paragraphs` paragraphs (clauses, points, plain).
 */
function repeatedText(paragraphs: number): string {
  const lines = readFileSync(path.join(root, "prisma/demo/hien-phap-2013.txt"), "utf8").split("\n");
  const start = lines.findIndex((line) => /^Chương\s+I\b/u.test(line));
  const body = lines.slice(start);
  const chapters = body.filter((line) => /^Chương\s+[IVXLC]+\b/u.test(line)).length;
  const articles = body.filter((line) => /^Điều\s+\d+\./u.test(line)).length;
  const out = [...lines.slice(0, start)];
  let bodyParagraphs = 0;
  for (let pass = 0; bodyParagraphs < paragraphs; pass++) {
    let chapter = 0;
    for (const line of body) {
      const chapterMatch = /^Chương\s+[IVXLC]+\b/u.exec(line);
      if (chapterMatch) {
        chapter++;
        out.push(line.replace(chapterMatch[0], `Chương ${toRoman(chapter + pass * chapters)}`));
        continue;
      }
      const article = /^Điều\s+(\d+)\./u.exec(line);
      if (article) {
        out.push(line.replace(article[0], `Điều ${Number(article[1]) + pass * articles}.`));
        continue;
      }
      out.push(line);
      if (line.trim() !== "" && !/^[\p{Lu}\s,–-]+$/u.test(line.trim())) bodyParagraphs++;
      if (bodyParagraphs >= paragraphs) break;
    }
  }
  return out.join("\n");
}

/** Paragraphs (clauses, points, plain paragraphs, list items) the importer finds in the text. */
function paragraphsIn(text: string): number {
  const { stats } = importStructuredText(text);
  return stats.clauses + stats.points + stats.paragraphs + stats.listItems;
}

/** A draft with at least `paragraphs` paragraphs under its Chương and Điều headings. */
export function longDraftText(paragraphs: number): { text: string; paragraphs: number } {
  for (let asked = paragraphs; ; asked += Math.max(10, Math.ceil(paragraphs / 50))) {
    const text = repeatedText(asked);
    const found = paragraphsIn(text);
    if (found >= paragraphs) return { text, paragraphs: found };
  }
}
