import path from "node:path";
import { describe, expect, it } from "vitest";
import { constitutionChapters, generateLaw, sourceChapters } from "../../../bench/page-law.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";

const ROOT = path.join(import.meta.dirname, "../../..");
const chapters = constitutionChapters(ROOT);
const law = generateLaw(chapters, { paragraphs: 2000, seed: 17 });
const lines = law.split("\n\n");

const bodyParagraphs = (text: string) => {
  const { stats } = importStructuredText(text);
  return stats.clauses + stats.points + stats.paragraphs + stats.listItems;
};

describe("the generated law of bench:page", () => {
  it("reads the Constitution's 11 chapters, their titles and sentences", () => {
    expect(chapters.map((c) => c.title)).toHaveLength(11);
    expect(chapters[0]!.title).toBe("CHẾ ĐỘ CHÍNH TRỊ");
    expect(chapters.at(-1)!.title).toBe("HIỆU LỰC CỦA HIẾN PHÁP VÀ VIỆC SỬA ĐỔI HIẾN PHÁP");
    for (const chapter of chapters) {
      expect(chapter.sentences.length).toBeGreaterThan(5);
      for (const sentence of chapter.sentences) {
        expect(sentence).toBe(sentence.normalize("NFC"));
        expect(sentence).toMatch(/^\P{Ll}.{28,}\.$/u);
      }
    }
    // A khoản is cut into its sentences; "Điều" lines are no sentences.
    const [one] = sourceChapters("Chương I\n\nTIÊU ĐỀ\n\nĐiều 1.\n\n1. Câu thứ nhất đủ dài để được giữ lại đây. Câu thứ hai cũng đủ dài để được giữ lại.");
    expect(one!.sentences).toEqual(["Câu thứ nhất đủ dài để được giữ lại đây.", "Câu thứ hai cũng đủ dài để được giữ lại."]);
  });

  it("has exactly the paragraphs asked for, in the shape of a real law", () => {
    expect(bodyParagraphs(law)).toBe(2000);
    expect(bodyParagraphs(generateLaw(chapters, { paragraphs: 300, seed: 5 }))).toBe(300);
    const { stats, title } = importStructuredText(law);
    expect(title).toBe("LUẬT BẢO ĐẢM QUYỀN CON NGƯỜI, QUYỀN CÔNG DÂN");
    expect(stats.chapters).toBe(12);
    expect(stats.sections).toBeGreaterThan(5);
    // About 6 paragraphs an article (the Land Law of 2024: 1,785 in 260), many khoản, some điểm.
    expect(stats.articles).toBeGreaterThan(250);
    expect(stats.articles).toBeLessThan(450);
    expect(stats.clauses).toBeGreaterThan(1000);
    expect(stats.points).toBeGreaterThan(200);
    expect(lines.slice(lines.indexOf("Chương I"), lines.indexOf("Chương I") + 3)).toEqual(["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh"]);
    expect(lines.slice(-7, -4)).toEqual(["Chương XII", "ĐIỀU KHOẢN THI HÀNH", `Điều ${stats.articles - 1}. Hiệu lực thi hành`]);
  });

  it("numbers the articles through the law, the khoản and the điểm within theirs", () => {
    const articles = lines.filter((line) => /^Điều \d+\. /u.test(line)).map((line) => Number(/^Điều (\d+)/u.exec(line)![1]));
    expect(articles).toEqual(articles.map((_, i) => i + 1));
    let clause = 0;
    let point = "";
    for (const line of lines) {
      if (line.startsWith("Điều ")) clause = 0;
      const clauseNumber = /^(\d+)\. /u.exec(line)?.[1];
      if (clauseNumber) {
        expect(Number(clauseNumber)).toBe(++clause);
        point = "";
      }
      const letter = /^([a-zđ])\) /u.exec(line)?.[1];
      if (letter) {
        expect(letter).toBe(point === "" ? "a" : point === "d" ? "đ" : point === "đ" ? "e" : String.fromCharCode(point.charCodeAt(0) + 1));
        point = letter;
      }
    }
  });

  it("writes the body in the Constitution's own sentences", () => {
    const known = new Set(chapters.flatMap((c) => c.sentences.map((s) => s.replace(/\.$/u, ""))));
    const bodies = lines.filter((line) => /^(\d+\.|[a-zđ]\)) /u.test(line) && !line.endsWith(":"));
    expect(bodies.length).toBeGreaterThan(1500);
    for (const line of bodies.filter((l) => !l.startsWith("1. Luật này") && !l.startsWith("2. Chính phủ"))) {
      const body = line.replace(/^(\d+\.|[a-zđ]\)) /u, "").replace(/[.;]$/u, "");
      const sentences = body.split(/(?<=\.) (?=\p{Lu})/u).map((s) => s.replace(/\.$/u, ""));
      for (const sentence of sentences) expect(known.has(sentence), sentence).toBe(true);
    }
  });

  it("is the same text for the same seed, another for another", () => {
    expect(generateLaw(chapters, { paragraphs: 2000, seed: 17 })).toBe(law);
    expect(generateLaw(chapters, { paragraphs: 2000, seed: 18 })).not.toBe(law);
  });
});
