// The reading pages' first-paint CSS (ADR 053): the rules of app/styles/app.css that sit between
// `/* first-paint { */` and `/* } first-paint */`, in their order, minified by esbuild. The reading pages
// carry it in a <style> in the head and load the full stylesheet at the end of the body, so that nothing
// blocks their first paint. Written by scripts/build-reader.mjs into the reader's manifest.
import { transform } from "esbuild";

const OPEN = "/* first-paint { */";
const CLOSE = "/* } first-paint */";

/**
 * The marked regions of a stylesheet, joined in order. Throws on a region left open, a closing marker
 * without its opening one, or a region inside another.
 * @param {string} source
 * @returns {string}
 */
export function markedRegions(source) {
  const parts = [];
  let at = 0;
  for (;;) {
    const open = source.indexOf(OPEN, at);
    const close = source.indexOf(CLOSE, at);
    if (open === -1) {
      if (close !== -1) throw new Error(`critical-css: "${CLOSE}" without "${OPEN}" at offset ${close}`);
      break;
    }
    if (close !== -1 && close < open) throw new Error(`critical-css: "${CLOSE}" without "${OPEN}" at offset ${close}`);
    if (close === -1) throw new Error(`critical-css: "${OPEN}" at offset ${open} is never closed`);
    const inner = source.slice(open + OPEN.length, close);
    if (inner.includes(OPEN)) throw new Error(`critical-css: a region inside another, at offset ${open}`);
    parts.push(inner);
    at = close + CLOSE.length;
  }
  return parts.join("\n");
}

/**
 * The minified first-paint CSS of a stylesheet's source. A region that is not whole rules (a warning from
 * esbuild's parser) is an error, not a silently broken block.
 * @param {string} source
 * @returns {Promise<string>}
 */
export async function criticalCss(source) {
  const regions = markedRegions(source);
  if (!regions.trim()) throw new Error("critical-css: no first-paint region");
  const result = await transform(regions, { loader: "css", minify: true, logLevel: "silent" });
  if (result.warnings.length) throw new Error(`critical-css: ${result.warnings.map((w) => w.text).join("; ")}`);
  const css = result.code.trim();
  if (/<\/style/i.test(css)) throw new Error("critical-css: the CSS would close its <style> element");
  return css;
}
