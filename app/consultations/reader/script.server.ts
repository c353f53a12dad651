import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReaderAssets } from "./unhydrated.ts";

// Where the reading page's script is (ADR 045): scripts/build-reader.mjs writes it under public/build/reader/
// with a content hash in its name, and a manifest naming it, which also carries the page's first-paint CSS
// (ADR 053). Read once; null when the script was not built (the page then works as without JavaScript, and
// links the full stylesheet in its head as every other page does).
export const READER_MANIFEST = path.join("public", "build", "reader", "manifest.json");

let manifest: { entry: string | null; css: string | null } | undefined;

function readManifest() {
  if (manifest === undefined) {
    try {
      const read = JSON.parse(readFileSync(path.resolve(READER_MANIFEST), "utf8")) as { entry?: unknown; css?: unknown };
      manifest = {
        entry: typeof read.entry === "string" ? read.entry : null,
        css: typeof read.css === "string" && read.css.length > 0 ? read.css : null,
      };
    } catch {
      manifest = { entry: null, css: null };
    }
  }
  return manifest;
}

/** For a reading route's loader: what root.tsx needs to load the page without hydrating it (its script and first-paint CSS). */
export function readerAssets(): ReaderAssets {
  const { entry, css } = readManifest();
  return { readerScript: entry, readerCss: css };
}
