import { StringDecoder } from "node:string_decoder";
import { Transform } from "node:stream";
import { EMPTY_BODY_SLOT, BODY_SLOT_ID } from "./page-slot.ts";

/**
 * A stream transform that writes `html` into the first empty body slot of the page, however the
 * marker is split across chunks. Without html it passes everything through untouched.
 */
export function fillBodySlot(html: string | undefined): Transform {
  const decoder = new StringDecoder("utf8");
  const open = EMPTY_BODY_SLOT.slice(0, -"</div>".length);
  let pending = "";
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!html) return callback(null, chunk);
      // Once filled, keep decoding: the decoder may hold the first bytes of a letter cut in two.
      if (done) return callback(null, Buffer.from(decoder.write(chunk)));
      pending += decoder.write(chunk);
      const at = pending.indexOf(EMPTY_BODY_SLOT);
      if (at >= 0) {
        done = true;
        const out = pending.slice(0, at) + open + html + "</div>" + pending.slice(at + EMPTY_BODY_SLOT.length);
        pending = "";
        return callback(null, Buffer.from(out));
      }
      // Keep back what could be the start of a marker split across chunks.
      const keep = EMPTY_BODY_SLOT.length - 1;
      const ready = pending.slice(0, Math.max(0, pending.length - keep));
      pending = pending.slice(ready.length);
      callback(null, ready ? Buffer.from(ready) : undefined);
    },
    flush(callback) {
      if (!html) return callback();
      const rest = pending + decoder.end();
      if (!done) console.error(`Page slot #${BODY_SLOT_ID} was not found; the body was not written`);
      callback(null, rest ? Buffer.from(rest) : undefined);
    },
  });
}

/**
 * Removes NUL bytes from the rendered page. React 18.3's streaming renderer leaves zero bytes in its
 * 2 KB chunks when a multi-byte UTF-8 letter falls on a chunk's end (facebook/react#24985): Vietnamese
 * text hits it on long pages. HTML never needs a NUL (the input side removes control characters), so
 * dropping them restores the page exactly.
 */
export function stripNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) out[n++] = chunk[i]!;
      callback(null, out.subarray(0, n));
    },
  });
}
