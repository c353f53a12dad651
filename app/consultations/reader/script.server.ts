import { readFileSync } from "node:fs";
import path from "node:path";

// Where the reading page's script is (ADR 045): scripts/build-reader.mjs writes it under public/build/reader/
// with a content hash in its name, and a manifest naming it. Read once; null when the script was not built
// (the page then works as without JavaScript).
export const READER_MANIFEST = path.join("public", "build", "reader", "manifest.json");

let url: string | null | undefined;

export function readerScriptUrl(): string | null {
  if (url === undefined) {
    try {
      url = (JSON.parse(readFileSync(path.resolve(READER_MANIFEST), "utf8")) as { entry: string }).entry;
    } catch {
      url = null;
    }
  }
  return url;
}
