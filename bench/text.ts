// bench:text — CPU cost of the per-text analysis every submitted and imported opinion goes through
// (issue 18): textFlags, fingerprint, contentHash, foldedKey, the PostgreSQL search vector
// (analyzedVector), and foldVietnamese alone, in microseconds per text, over the ~300 real texts of
// tests/support/text/samples.ts (20–400 words; some without diacritics, in capitals, NFD, with links).
// Each function runs over all texts ROUNDS times after a warm-up; the figure is the median round
// (<name>_us), with the fastest round (<name>_fastest_us), the one least disturbed by other processes.
// "submission" is what one submission computes on its text: textFlags, fingerprint, contentHash and the
// search vector, one after the other on the same text.
// Before/after: run it on two commits, one after the other, and compare (bench/README.md).
// Prints one line per function, then, last line, one JSON object.
import { loadavg } from "node:os";
import { textFlags } from "~/comments/flags.ts";
import { contentHash, foldVietnamese } from "~/text/fold.ts";
import { normalizeText } from "~/text/normalize.ts";
import { fingerprint, foldedKey } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, STARTER_PROFANITY } from "~/text/profanity-vi.ts";
import { analyzedVector } from "@search/postgres/entry.ts";
import { analysisSamples } from "../tests/support/text/samples.ts";

const ROUNDS = Number(process.env.BENCH_TEXT_ROUNDS ?? 15);
const WARMUP = 3;

const texts = analysisSamples();
const profanity = createProfanityMatcher(STARTER_PROFANITY);
let sink = 0;

const FUNCTIONS: Record<string, (text: string) => void> = {
  textFlags: (t) => (sink ^= textFlags(t, profanity)),
  fingerprint: (t) => (sink ^= fingerprint(t).bands[0]),
  contentHash: (t) => (sink ^= contentHash(t).length),
  foldedKey: (t) => (sink ^= foldedKey(t).length),
  analyzedVector: (t) => (sink ^= analyzedVector(t).lexemes.length),
  foldVietnamese: (t) => (sink ^= foldVietnamese(t).length),
  normalizeText: (t) => (sink ^= normalizeText(t, { multiline: true }).length),
};

FUNCTIONS.submission = (t) => {
  FUNCTIONS.textFlags!(t);
  FUNCTIONS.fingerprint!(t);
  FUNCTIONS.contentHash!(t);
  FUNCTIONS.analyzedVector!(t);
};

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const words = texts.reduce((n, t) => n + (t.match(/\S+/g)?.length ?? 0), 0);
const loadStart = round(loadavg()[0]!, 2);
console.log(`${texts.length} texts, ${round(words / texts.length, 0)} words on average; ${ROUNDS} rounds after ${WARMUP} warm-up rounds; load ${loadStart}`);

const result: Record<string, number> = {};
for (const [name, fn] of Object.entries(FUNCTIONS)) {
  const times: number[] = [];
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (const text of texts) fn(text);
    const elapsed = Number(process.hrtime.bigint() - start) / 1000 / texts.length;
    if (r >= WARMUP) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  result[`${name}_us`] = round(times[Math.floor(times.length / 2)]!);
  result[`${name}_fastest_us`] = round(times[0]!);
  console.log(`  ${name.padEnd(16)} ${result[`${name}_us`]} µs per text (fastest round ${result[`${name}_fastest_us`]})`);
}
const loadEnd = round(loadavg()[0]!, 2);
console.log(
  JSON.stringify({
    texts: texts.length,
    words_per_text: round(words / texts.length, 0),
    rounds: ROUNDS,
    ...result,
    load_average_1m: [loadStart, loadEnd],
    sink: sink & 1,
  }),
);
