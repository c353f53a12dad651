// The diff page's latency for bench:versions (the lead's runner calls measureDiff): GET
// /du-thao/<slug>/thay-doi?tu=<from>&den=<to> `requests` times, a few at a time after a warm-up, and
// /healthz as many times in the same run as the reference. Figures in ADR 038.

const CONCURRENCY = 4;
const WARMUP = 10;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** `count` GETs of `url`, CONCURRENCY at a time; each one's milliseconds to the end of its body, and the last body's size. */
async function timeGets(url: string, count: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const start = performance.now();
      // A browser's request: compressed, as the page cache serves it.
      const response = await fetch(url, { headers: { "accept-encoding": "br, gzip" } });
      const body = await response.arrayBuffer();
      ms.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
      bytes = body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ms, bytes };
}

/**
 * p95 of the changes page between versions `fromNumber` and `toNumber` of `slug` on the server at
 * `baseUrl` (default 200 requests), p95 of /healthz as a reference, and the page's size as received
 * (as decoded by the client) — all measured in the same run.
 */
export async function measureDiff(opts: {
  baseUrl: string;
  slug: string;
  fromNumber: number;
  toNumber: number;
  requests?: number;
}): Promise<{ diff_p95_ms: number; reference_p95_ms: number; bytes: number }> {
  const requests = opts.requests ?? 200;
  const url = `${opts.baseUrl}/du-thao/${encodeURIComponent(opts.slug)}/thay-doi?tu=${opts.fromNumber}&den=${opts.toNumber}`;
  const health = `${opts.baseUrl}/healthz`;
  await timeGets(url, WARMUP);
  await timeGets(health, WARMUP);
  const diff = await timeGets(url, requests);
  const reference = await timeGets(health, requests);
  return { diff_p95_ms: round(percentile(diff.ms, 95)), reference_p95_ms: round(percentile(reference.ms, 95)), bytes: diff.bytes };
}
