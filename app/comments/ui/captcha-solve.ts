import { sha256 } from "@noble/hashes/sha2.js";

// The browser's side of the proof-of-work captcha (ALTCHA v1, ADR 007): the comment form's field and
// the support button (which loads this module only when it needs it) solve challenges with it.

export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * SHA-256 in hex: the browser's Web Crypto, which it offers only to secure pages (HTTPS, localhost), or
 * else a JavaScript implementation, so a page served over plain HTTP on an internal network still
 * solves the challenge instead of falling back to the stricter no-JavaScript path.
 */
async function sha256Hex(text: string) {
  const bytes = new TextEncoder().encode(text);
  if (globalThis.crypto?.subtle) return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
  return toHex(sha256(bytes));
}

/** ALTCHA v1: the number n in [0, maxnumber] with SHA-256(salt + n) = challenge. */
export async function solve(challenge: Challenge): Promise<string> {
  const max = challenge.maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    if ((await sha256Hex(challenge.salt + n)) === challenge.challenge) {
      const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: n, salt: challenge.salt, signature: challenge.signature };
      return btoa(JSON.stringify(payload));
    }
    // Let the page breathe every so often.
    if (n % 2000 === 1999) await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error("no solution");
}
