// The reading page's script (ADR 045): app/entry.reader.ts bundled by esbuild into
// public/build/reader/ with content hashes, and a manifest naming the entry for readerScriptUrl
// (app/consultations/reader/script.server.ts), with the page's first-paint CSS (ADR 053) for readerCriticalCss.
// Run by `npm run build` after `remix build`.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { criticalCss } from "./critical-css.js";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "public/build/reader");
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { reader: "app/entry.reader.ts" },
  bundle: true,
  splitting: true, // the captcha solver is loaded only when a support form shows
  format: "esm",
  target: "es2020",
  minify: true,
  outdir,
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  metafile: true,
  tsconfig: "tsconfig.json",
  legalComments: "none",
  logLevel: "warning",
});
const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint)?.[0];
if (!entry) throw new Error("build-reader: esbuild gave no entry");
const url = `/build/reader/${path.basename(entry)}`;
const css = await criticalCss(readFileSync(path.join(root, "app/styles/app.css"), "utf8"));
writeFileSync(path.join(outdir, "manifest.json"), `${JSON.stringify({ entry: url, css })}\n`);
console.log(`build-reader: ${url}, first-paint CSS ${Buffer.byteLength(css)} bytes`);
