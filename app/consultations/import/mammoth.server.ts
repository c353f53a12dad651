import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { DRAFT_REFUSALS, DraftFileRefused } from "./refusals.ts";

// mammoth (docx → HTML) runs in a worker thread with a heap limit and a deadline (ADR 035): its memory
// grows with the document's XML (measured ~1 KB an element, whole DOMs kept) and most of its work is
// synchronous, so in the server's own thread a large file would hold every other request and could
// take the process down. In the worker, a file past the heap limit ends the worker, not the server;
// past the deadline the worker is terminated. One conversion at a time per process, so that two
// uploads together cannot add up past the budget. Images are never read: each becomes a placeholder
// <img src="#hinh-N"> and its description is sent back, for the importer's warning.

export interface MammothLimits {
  /** V8 old-generation heap of the worker, MB. */
  heapMb: number;
  timeMs: number;
}

export const MAMMOTH_LIMITS: MammothLimits = { heapMb: 128, timeMs: 30_000 };

export interface MammothImage {
  alt: string | null;
  contentType: string | null;
}

export interface MammothResult {
  html: string;
  images: MammothImage[];
  /** mammoth's own warnings (unknown styles and the like): for logs and tests, not for people. */
  messages: string[];
}

/**
 * Word's own heading styles are mammoth's defaults (Heading 1–6 → h1–h6, LibreOffice's "heading 1"
 * included); the document title gets h1 with a class, so the importer knows it for the title.
 * The file's own embedded style map is ignored: the file does not decide how it is read.
 */
export const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p.Title => h1.title:fresh", "p[style-name='Subtitle'] => p:fresh"];

// CommonJS, evaluated in the worker.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const mammoth = require(workerData.mammothPath);
const images = [];
const convertImage = mammoth.images.imgElement((image) => {
  images.push({ alt: typeof image.altText === "string" && image.altText.trim() ? image.altText.trim() : null, contentType: image.contentType || null });
  return Promise.resolve({ src: "#hinh-" + images.length });
});
mammoth
  .convertToHtml(
    { buffer: Buffer.from(workerData.bytes.buffer, workerData.bytes.byteOffset, workerData.bytes.byteLength) },
    { styleMap: workerData.styleMap, includeEmbeddedStyleMap: false, externalFileAccess: false, ignoreEmptyParagraphs: false, convertImage },
  )
  .then(
    (result) => parentPort.postMessage({ ok: true, html: result.value, images, messages: result.messages.map((m) => m.message) }),
    (error) => parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) }),
  );
`;

let queue: Promise<unknown> = Promise.resolve();

/** docx bytes (already checked by checkDocxPackage) → mammoth's HTML. Throws DraftFileRefused. */
export function convertDocx(bytes: Uint8Array, limits: MammothLimits = MAMMOTH_LIMITS): Promise<MammothResult> {
  const run = queue.then(() => convertInWorker(bytes, limits));
  queue = run.catch(() => undefined);
  return run;
}

function convertInWorker(bytes: Uint8Array, limits: MammothLimits): Promise<MammothResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { mammothPath: createRequire(import.meta.url).resolve("mammoth"), bytes, styleMap: STYLE_MAP },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 16 },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new DraftFileRefused(DRAFT_REFUSALS.tooSlow(Math.round(limits.timeMs / 1000)), "too-slow"))),
      limits.timeMs,
    );
    worker.on("message", (message: { ok: true; html: string; images: MammothImage[]; messages: string[] } | { ok: false; message: string }) => {
      if (message.ok) finish(() => resolve({ html: message.html, images: message.images, messages: message.messages }));
      else finish(() => reject(new DraftFileRefused(DRAFT_REFUSALS.unreadable)));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      finish(() => reject(new DraftFileRefused(outOfMemory ? DRAFT_REFUSALS.outOfMemory : DRAFT_REFUSALS.unreadable, outOfMemory ? "too-complex" : "format")));
    });
    worker.on("exit", () => finish(() => reject(new DraftFileRefused(DRAFT_REFUSALS.unreadable))));
  });
}
