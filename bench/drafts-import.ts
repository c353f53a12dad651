// Importing a 2,000-paragraph .docx to its preview (issue 14: under 5 s and 300 MB of server memory).
// The file is written with the `docx` package: Chương in Heading 1, Điều in Heading 2, numbered khoản,
// bold and italic runs, its text the corpus's Constitution (real Vietnamese sentences, recycled). The
// measure is what an upload does on the server: the bounded .docx check, mammoth in its worker, the
// conversion, the preview, the preview written to its owner-only file. Memory is measured as
// tests/e2e/upload-bombs.test.ts does: the peak resident memory of the process doing it (VmHWM, reset
// through /proc/self/clear_refs) above its resident memory just before.
//   npx tsx --tsconfig tsconfig.json bench/drafts-import.ts   (last line: one JSON object)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { importDraftFile } from "~/consultations/import/import.server.ts";
import { previewStore } from "~/consultations/import/preview-store.server.ts";
import { toRoman } from "~/text/roman.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_PARAGRAPHS = 2_000;
const ARTICLES_PER_CHAPTER = 20;
const PARAGRAPHS_PER_ARTICLE = 5;

/** Sentences of the Constitution's body (no headings, no numbering), NFC. */
function corpusSentences(): string[] {
  const text = readFileSync(path.join(root, "prisma/demo/hien-phap-2013.txt"), "utf8").normalize("NFC");
  return text
    .split("\n")
    .map((line) => line.trim().replace(/^(\d+\.|[a-zđ]\))\s+/u, ""))
    .filter((line) => line.length > 60 && !/^(Điều|Chương)\s/u.test(line));
}

/** A .docx of `paragraphs` body paragraphs under Chương and Điều headings. */
export async function buildBenchDocx(paragraphs = BENCH_PARAGRAPHS): Promise<Buffer> {
  const sentences = corpusSentences();
  const children: Paragraph[] = [new Paragraph({ text: "DỰ THẢO LUẬT (BẢN ĐO HIỆU NĂNG)", heading: HeadingLevel.TITLE })];
  let article = 0;
  for (let i = 0; i < paragraphs; i++) {
    if (i % (ARTICLES_PER_CHAPTER * PARAGRAPHS_PER_ARTICLE) === 0) {
      const chapter = i / (ARTICLES_PER_CHAPTER * PARAGRAPHS_PER_ARTICLE);
      children.push(new Paragraph({ text: `Chương ${toRoman(chapter + 1)}. QUY ĐỊNH VỀ LĨNH VỰC THỨ ${chapter + 1}`, heading: HeadingLevel.HEADING_1 }));
    }
    if (i % PARAGRAPHS_PER_ARTICLE === 0) {
      article++;
      children.push(
        new Paragraph({ text: `Điều ${article}. ${sentences[article % sentences.length].split(",")[0].slice(0, 60)}`, heading: HeadingLevel.HEADING_2 }),
      );
    }
    const sentence = sentences[i % sentences.length];
    const clause = (i % PARAGRAPHS_PER_ARTICLE) + 1;
    const cut = sentence.indexOf(" ", 30);
    children.push(
      new Paragraph({
        children: [
          new TextRun(`${clause}. `),
          new TextRun({ text: sentence.slice(0, cut), bold: i % 7 === 0 }),
          new TextRun({ text: sentence.slice(cut), italics: i % 11 === 0 }),
        ],
      }),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const statusField = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"))![1]);

/** Imports the 2,000-paragraph .docx to its stored preview once; seconds and peak RSS growth (MB). */
export async function measureImport(): Promise<{ import_preview_s: number; import_rss_growth_mb: number }> {
  const bytes = await buildBenchDocx();
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-import-"));
  try {
    const store = previewStore(path.join(dir, "previews"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    (globalThis as { gc?: () => void }).gc?.();
    const before = statusField("VmRSS");
    writeFileSync("/proc/self/clear_refs", "5");
    const started = performance.now();
    const result = await importDraftFile({ name: "du-thao-2000-doan.docx", bytes });
    if (!result.ok) throw new Error(`Bản đo bị từ chối: ${result.message}`);
    await store.save({ userId: "bench", consultationId: "bench", draft: result.draft });
    const seconds = (performance.now() - started) / 1000;
    const growth = (statusField("VmHWM") - before) / 1024;
    const { counts, blocks } = result.draft.preview;
    if (counts.articles !== BENCH_PARAGRAPHS / PARAGRAPHS_PER_ARTICLE)
      throw new Error(`Bản đo: ${counts.articles} Điều thay vì ${BENCH_PARAGRAPHS / PARAGRAPHS_PER_ARTICLE}`);
    console.error(
      `Nhập ${blocks} khối (${counts.chapters} Chương, ${counts.articles} Điều) từ ${Math.round(bytes.length / 1024)} KB .docx: ${seconds.toFixed(2)} s, +${growth.toFixed(0)} MB`,
    );
    return { import_preview_s: Number(seconds.toFixed(3)), import_rss_growth_mb: Math.round(growth) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measureImport()));
}
