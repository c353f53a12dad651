import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CACHE_UNTIL_HEADER, createPageCache } from "../../../server/page-cache.js";

// Pages that change by themselves at a known instant (a consultation opening or closing) carry
// x-page-cache-until: from that instant their copy is never served, not even stale (ADR 034).
let server: http.Server;
let base: string;
let clock = 0;
let renders = 0;
/** The deadline the next rendered page gives (epoch ms), or null for none. */
let until: number | null = null;
let cache: ReturnType<typeof createPageCache>;

beforeEach(async () => {
  clock = 10_000;
  renders = 0;
  until = null;
  cache = createPageCache({ ttlMs: 2_000, now: () => clock });
  server = http.createServer((req, res) => {
    if (cache.tryServe(req, res)) return;
    cache.capture(req, res, () => {
      renders++;
      res.setHeader("x-page-cache", "public");
      if (until !== null) res.setHeader(CACHE_UNTIL_HEADER, String(until));
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<p>Lần ${renders}</p>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise((resolve) => server.close(resolve)));

async function page(path = "/du-thao/a") {
  const response = await fetch(base + path);
  const text = await response.text();
  await cache.idle();
  return { text, until: response.headers.get(CACHE_UNTIL_HEADER) };
}

it("serves the copy until the deadline, then renders again at once, without the marker reaching the browser", async () => {
  until = clock + 500;
  const first = await page();
  expect(first).toEqual({ text: "<p>Lần 1</p>", until: null });
  clock += 499;
  expect((await page()).text).toBe("<p>Lần 1</p>");
  clock += 1; // the deadline, well within the 2 s TTL
  until = null;
  expect((await page()).text).toBe("<p>Lần 2</p>");
  expect((await page()).text).toBe("<p>Lần 2</p>");
  expect(renders).toBe(2);
});

it("past the deadline no request gets the old copy while another renders the new one (unlike a TTL expiry)", async () => {
  until = clock + 1_000;
  await page();
  clock += 1_000;
  // A first request goes to the app and has not finished...
  const pending = { method: "GET", url: "/du-thao/a", headers: {} } as http.IncomingMessage;
  expect(cache.tryServe(pending, {} as http.ServerResponse)).toBe(false);
  // ...and the next one is not served the old state either.
  expect(cache.tryServe({ ...pending } as http.IncomingMessage, {} as http.ServerResponse)).toBe(false);
  until = null;
  expect((await page()).text).toBe("<p>Lần 2</p>");
});

it("does not keep a page whose deadline has already passed when it is stored", async () => {
  until = clock;
  await page();
  await page();
  expect(renders).toBe(2);
  expect(cache.size).toBe(0);
});
