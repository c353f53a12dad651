// The generated law of bench:page (issue 17): a long draft law with the shape of a real Vietnamese law
// (Chương, Mục, Điều with a title, khoản "1.", điểm "a)"), its text assembled from the real legal
// sentences of the 2013 Constitution (/work/wt/shared/corpus, the same text as prisma/demo/hien-phap-2013.txt;
// source and licence in bench/README.md). Deterministic: the same sentences, size and seed give the same text.
import { readFileSync } from "node:fs";
import path from "node:path";
import { toRoman } from "~/text/roman.ts";
import { pick, seeded, type Random } from "./random.ts";

/** One chapter of the source text: its title (all caps) and its sentences, each ending with "." (or ":" for a list's lead). */
export interface SourceChapter {
  title: string;
  sentences: string[];
  /** Sentences that open a list ("… có những nhiệm vụ và quyền hạn sau đây:"). */
  leads: string[];
  /** Short first clauses of its sentences (3–10 words), for the titles of Điều and Mục. */
  titles: string[];
}

export interface LawOptions {
  /** Body paragraphs (khoản, điểm and plain paragraphs), exactly. */
  paragraphs: number;
  seed: number;
}

// Vietnamese laws letter their điểm without f, j, w, z, and with đ after d.
const POINT_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];
const MIN_SENTENCE_CHARS = 30;
const PARAGRAPHS_PER_CHAPTER = 180;
const MIN_SECTION_PARAGRAPHS = 25;
const TITLE_WORDS = 10;

/** The chapters of a Constitution-like text (Chương …, its all-caps title, Điều …, khoản), each with its sentences. */
export function sourceChapters(text: string): SourceChapter[] {
  const lines = text
    .normalize("NFC")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^[-–—]+$/u.test(line));
  const chapters: SourceChapter[] = [];
  let current: SourceChapter | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^Chương\s+[IVXLC]+\b/u.test(line)) {
      current = { title: lines[++i]!, sentences: [], leads: [], titles: [] };
      chapters.push(current);
      continue;
    }
    if (!current || /^Điều\s+\d+/u.test(line)) continue;
    const body = line.replace(/^\d+\.\s+/u, "");
    for (const sentence of body.split(/(?<=[.;])\s+(?=\p{Lu})/u)) {
      const clean = sentence.trim().replace(/;$/u, ".");
      if (clean.length < MIN_SENTENCE_CHARS) continue;
      if (clean.endsWith(":")) current.leads.push(clean);
      else if (clean.endsWith(".")) current.sentences.push(clean);
    }
  }
  for (const chapter of chapters) {
    const clauses = chapter.sentences.map((sentence) => sentence.split(/[,;:]/u)[0]!.replace(/\.$/u, "").trim());
    chapter.titles = [...new Set(clauses.filter((clause) => clause.split(/\s+/u).length >= 3 && clause.split(/\s+/u).length <= TITLE_WORDS))];
  }
  return chapters.filter((chapter) => chapter.sentences.length > 0);
}

/** The Constitution's chapters, read from the project's copy of the corpus text. */
export function constitutionChapters(root: string): SourceChapter[] {
  return sourceChapters(readFileSync(path.join(root, "prisma/demo/hien-phap-2013.txt"), "utf8"));
}

/** A title from the chapter's words: a short first clause of one of its sentences (else a sentence's first words). */
function pickTitle(random: Random, chapter: SourceChapter): string {
  if (chapter.titles.length) return pick(random, chapter.titles);
  return pick(random, chapter.sentences)
    .split(/[,;:.]/u)[0]!
    .split(/\s+/u)
    .slice(0, TITLE_WORDS)
    .join(" ");
}

const upper = (text: string) => text.toLocaleUpperCase("vi");
const withoutEnd = (sentence: string) => sentence.replace(/[.:;]$/u, "");

/** `total` split into `weights.length` whole parts in proportion, each at least `min` when the total allows. */
function split(total: number, weights: number[], min = 1): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  // Whatever is over or short goes to (or comes from) the largest part.
  parts[parts.indexOf(Math.max(...parts))]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

class LawWriter {
  readonly lines: string[] = [];
  private article = 0;

  constructor(private readonly random: Random) {}

  private sentence(chapter: SourceChapter) {
    return pick(this.random, chapter.sentences);
  }

  /** A khoản's or paragraph's text: one sentence, sometimes two. */
  private body(chapter: SourceChapter) {
    const first = this.sentence(chapter);
    return this.random() < 0.3 ? `${first} ${this.sentence(chapter)}` : first;
  }

  heading(line: string) {
    this.lines.push(line);
  }

  /** An article of exactly `size` body paragraphs (≥ 1), with `title` or one made from the chapter's words. */
  writeArticle(chapter: SourceChapter, size: number, title?: string) {
    this.article++;
    this.lines.push(`Điều ${this.article}. ${title ?? pickTitle(this.random, chapter)}`);
    if (size === 1) {
      this.lines.push(this.body(chapter));
      return;
    }
    // Khoản, some with điểm: a khoản with points is its lead and 2–6 points.
    let left = size;
    let clause = 0;
    while (left > 0) {
      clause++;
      const points = left >= 3 && this.random() < 0.18 ? Math.min(left - 1, 2 + Math.floor(this.random() * 5)) : 0;
      if (points === 0) {
        this.lines.push(`${clause}. ${this.body(chapter)}`);
        left--;
        continue;
      }
      const lead = chapter.leads.length && this.random() < 0.3 ? pick(this.random, chapter.leads) : `${withoutEnd(this.sentence(chapter))}, bao gồm:`;
      this.lines.push(`${clause}. ${lead}`);
      for (let p = 0; p < points; p++) {
        this.lines.push(`${POINT_LETTERS[p % POINT_LETTERS.length]}) ${withoutEnd(this.sentence(chapter))}${p === points - 1 ? "." : ";"}`);
      }
      left -= points + 1;
    }
  }

  /** Articles of 1–12 paragraphs (about 6 on average; the Land Law of 2024 has 7) until `budget` paragraphs are written. */
  writeArticles(chapter: SourceChapter, budget: number) {
    let left = budget;
    while (left > 0) {
      const drawn = this.random() < 0.15 ? 1 : 2 + Math.floor(this.random() * 5) + Math.floor(this.random() * 7);
      // Never leave a remainder of one after a long article: it joins this one.
      const size = left - drawn === 1 || drawn > left ? left : drawn;
      this.writeArticle(chapter, size);
      left -= size;
    }
  }
}

// The header's motto is a paragraph for the importer, as in the Constitution's text.
const MOTTO = "Độc lập - Tự do - Hạnh phúc";
const PREAMBLE = ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", "Quốc hội ban hành Luật Bảo đảm quyền con người, quyền công dân."];
const CLOSING = [
  {
    title: "Hiệu lực thi hành",
    paragraphs: ["1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2027.", "2. Chính phủ quy định chi tiết các điều, khoản được giao trong Luật."],
  },
  {
    title: "Quy định chuyển tiếp",
    paragraphs: ["Hồ sơ đã tiếp nhận trước ngày Luật này có hiệu lực thi hành thì tiếp tục giải quyết theo quy định của pháp luật tại thời điểm tiếp nhận."],
  },
];
const CLOSING_PARAGRAPHS = CLOSING.reduce((sum, article) => sum + article.paragraphs.length, 0);
const OPENING_TITLES = ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ"];

/**
 * A draft law in structured text (the importer's format) with exactly `paragraphs` body paragraphs:
 * a header, the preamble, Chương I «QUY ĐỊNH CHUNG» (Phạm vi điều chỉnh, Đối tượng áp dụng, …), one
 * chapter per source chapter (about 180 paragraphs each, the longer ones in 2–5 Mục), and Chương
 * «ĐIỀU KHOẢN THI HÀNH». Articles are numbered through the law; each chapter's text comes from its
 * source chapter, sentence by sentence, drawn with `seed`.
 */
export function generateLaw(chapters: SourceChapter[], { paragraphs, seed }: LawOptions): string {
  if (chapters.length < 2) throw new Error("The law needs at least two source chapters");
  const fixed = 1 + PREAMBLE.length + CLOSING_PARAGRAPHS;
  if (paragraphs < fixed + chapters.length) throw new Error(`A law of ${paragraphs} paragraphs is too short for its shape`);
  const random = seeded(seed);
  const writer = new LawWriter(random);
  writer.heading("QUỐC HỘI");
  writer.heading("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  writer.heading(MOTTO);
  writer.heading("LUẬT");
  writer.heading("BẢO ĐẢM QUYỀN CON NGƯỜI, QUYỀN CÔNG DÂN");
  for (const line of PREAMBLE) writer.heading(line);

  // The source chapters in turn (the first is the general provisions), as many as the size calls for.
  const used = chapters.slice(0, Math.max(2, Math.min(chapters.length, Math.round(paragraphs / PARAGRAPHS_PER_CHAPTER))));
  const weights = used.map((_, i) => (i === 0 ? 0.25 : 0.6 + random() * 0.8));
  const budgets = split(paragraphs - fixed, weights);
  used.forEach((chapter, i) => {
    writer.heading(`Chương ${toRoman(i + 1)}`);
    writer.heading(i === 0 ? "QUY ĐỊNH CHUNG" : chapter.title);
    let budget = budgets[i]!;
    if (i === 0) {
      for (const title of OPENING_TITLES) {
        if (budget <= OPENING_TITLES.length) break;
        const size = 1 + Math.floor(random() * 3);
        writer.writeArticle(chapter, size, title);
        budget -= size;
      }
      writer.writeArticles(chapter, budget);
      return;
    }
    const sections =
      budget >= 2 * MIN_SECTION_PARAGRAPHS && random() < 0.6 ? Math.min(2 + Math.floor(random() * 4), Math.floor(budget / MIN_SECTION_PARAGRAPHS)) : 0;
    if (sections === 0) {
      writer.writeArticles(chapter, budget);
      return;
    }
    split(
      budget,
      Array.from({ length: sections }, () => 0.5 + random()),
    ).forEach((part, s) => {
      writer.heading(`Mục ${s + 1}. ${upper(pickTitle(random, chapter))}`);
      writer.writeArticles(chapter, part);
    });
  });
  writer.heading(`Chương ${toRoman(used.length + 1)}`);
  writer.heading("ĐIỀU KHOẢN THI HÀNH");
  for (const article of CLOSING) {
    writer.heading(`Điều 0. ${article.title}`);
    writer.lines.push(...article.paragraphs);
  }
  // The closing articles follow the last article's number.
  let last = 0;
  return writer.lines
    .map((line) => {
      const match = /^Điều (\d+)\. /u.exec(line);
      if (!match) return line;
      last = match[1] === "0" ? last + 1 : Number(match[1]);
      return line.replace(match[0], `Điều ${last}. `);
    })
    .join("\n\n");
}
