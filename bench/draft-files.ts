// bench:draft-files — a generated 2,000-paragraph law written as .docx and PDF (ADR 049): time and memory
// of one build of each, the way the first download of a published version builds it. Text from the
// 2013 Constitution (shared corpus), cycled into 100 Điều of 19 khoản each under 10 Chương. Last line JSON.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { buildDraftBytes } from "~/reports/draft-files/files.server.ts";
import { draftPieces } from "~/reports/draft-files/draft-file.ts";

// The project's own copy of the Constitution (the demo draft), so the bench needs nothing outside the repository.
const lines = readFileSync(path.resolve(import.meta.dirname, "../prisma/demo/hien-phap-2013.txt"), "utf8")
  .normalize("NFC")
  .split(/\n+/)
  .map((l) => l.trim())
  .filter((l) => l.length > 80);

export function generatedLaw(paragraphs = 2_000): JSONContent {
  const content: JSONContent[] = [];
  let n = 0;
  for (let chapter = 1; n < paragraphs; chapter++) {
    content.push({
      type: "heading",
      attrs: { level: 2, kind: "chapter" },
      content: [{ type: "text", text: `Chương ${chapter}. NHỮNG QUY ĐỊNH SỐ ${chapter}` }],
    });
    for (let article = 1; article <= 10 && n < paragraphs; article++) {
      content.push({
        type: "heading",
        attrs: { level: 4, kind: "article" },
        content: [{ type: "text", text: `Điều ${(chapter - 1) * 10 + article}. Quy định thứ ${article}` }],
      });
      for (let clause = 1; clause <= 19 && n < paragraphs; clause++, n++) {
        const text = `${clause}. ${lines[n % lines.length]}`;
        content.push({
          type: "paragraph",
          attrs: { kind: "clause" },
          content: clause % 5 === 0 ? [{ type: "text", text, marks: [{ type: "bold" }] }] : [{ type: "text", text }],
        });
      }
    }
  }
  return { type: "doc", content };
}

/** The process's peak RSS since the last reset (Linux: VmHWM, reset through clear_refs), or null elsewhere. */
function peakRss(reset = false): number | null {
  try {
    if (reset) writeFileSync("/proc/self/clear_refs", "5");
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;
  } catch {
    return null;
  }
}

// BENCH_PARAGRAPHS=6000 shows that the PDF's memory does not grow with the draft's length.
const doc = generatedLaw(Number(process.env.BENCH_PARAGRAPHS ?? 2_000));
const version = { title: "Dự thảo Luật thử nghiệm 2.000 đoạn", number: 2, publishedAt: new Date(), content: doc };
const result: Record<string, number> = { paragraphs: draftPieces(doc).filter((p) => p.type === "paragraph").length };
for (const format of ["docx", "pdf"] as const) {
  global.gc?.();
  const before = process.memoryUsage();
  peakRss(true);
  // Sampled too, where VmHWM cannot be read (the builds are mostly synchronous: the samples are few).
  let peak = before.rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  const bytes = await buildDraftBytes(version, format);
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, peakRss() ?? 0);
  result[`${format}_ms`] = Math.round(ms);
  result[`${format}_bytes`] = bytes.length;
  result[`${format}_peak_rss_growth_mb`] = Math.round((peak - before.rss) / 1e5) / 10;
  console.log(`${format}: ${Math.round(ms)} ms, ${bytes.length} bytes, RSS +${result[`${format}_peak_rss_growth_mb`]} MB`);
}
result.load_average_1m = Math.round((await import("node:os")).loadavg()[0]! * 100) / 100;
console.log(JSON.stringify(result));
