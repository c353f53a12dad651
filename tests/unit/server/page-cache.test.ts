import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createPageCache } from "../../../server/page-cache.js";

// A real HTTP server whose "app" renders a numbered page each time it is reached, so a cache hit
// is visible as an unchanged number.
let server: http.Server;
let base: string;
let renders = 0;
let clock = 0;
let cache: ReturnType<typeof createPageCache>;
let status = 200;

beforeEach(async () => {
  renders = 0;
  clock = 1_000;
  status = 200;
  cache = createPageCache({ ttlMs: 2_000, now: () => clock });
  server = http.createServer((req, res) => {
    if (cache.tryServe(req, res)) return;
    cache.capture(req, res, () => {
      renders++;
      res.statusCode = status;
      if (!req.url!.startsWith("/private")) res.setHeader("x-page-cache", "public");
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.write(`<p>Trang số ${renders} `);
      res.end(`${req.url}</p>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

// Each response is stored once its compressed forms are ready: wait for that, so hits are deterministic.
const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(base + path, { headers });
  const body = await response.text();
  await cache.idle();
  return { status: response.status, headers: response.headers, text: async () => body };
};

it("serves a marked page from memory after the first render, without the marker header", async () => {
  const first = await get("/du-thao/a");
  expect(await first.text()).toBe("<p>Trang số 1 /du-thao/a</p>");
  expect(first.headers.get("x-page-cache")).toBeNull();
  const second = await get("/du-thao/a");
  expect(await second.text()).toBe("<p>Trang số 1 /du-thao/a</p>");
  expect(second.headers.get("x-cache")).toBe("HIT");
  expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(renders).toBe(1);
});

it("keys by URL and never caches unmarked pages, errors or session requests", async () => {
  await get("/du-thao/a");
  await get("/du-thao/b");
  await get("/private");
  await get("/private");
  await get("/du-thao/a", { cookie: "__session=abc" });
  expect(renders).toBe(5);
  status = 404;
  await get("/missing");
  await get("/missing");
  expect(renders).toBe(7);
});

it("sends gzip or brotli when asked, with the same content, and 304 for a matching ETag", async () => {
  await get("/du-thao/a");
  const viaHttp = (headers: Record<string, string>) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + "/du-thao/a", { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  const gz = await viaHttp({ "accept-encoding": "gzip" });
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gz.body).toString()).toBe("<p>Trang số 1 /du-thao/a</p>");
  const br = await viaHttp({ "accept-encoding": "gzip, deflate, br" });
  expect(br.headers["content-encoding"]).toBe("br");
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe("<p>Trang số 1 /du-thao/a</p>");
  const notModified = await viaHttp({ "if-none-match": String(gz.headers.etag) });
  expect(notModified.status).toBe(304);
  expect(notModified.body.length).toBe(0);
});

it("after the TTL, one request renders the fresh page while others still get the stale one", async () => {
  const text = async (path: string) => (await get(path)).text();
  await get("/du-thao/a");
  clock += 2_001;
  expect(await text("/du-thao/a")).toBe("<p>Trang số 2 /du-thao/a</p>");
  expect(await text("/du-thao/a")).toBe("<p>Trang số 2 /du-thao/a</p>");
  clock += 2_001;
  // The first request after expiry is let through to the app (here it never finishes)...
  const fakeRequest = { method: "GET", url: "/du-thao/a", headers: {} } as http.IncomingMessage;
  expect(cache.tryServe(fakeRequest, {} as http.ServerResponse)).toBe(false);
  // ...and meanwhile the others are served the stale page instead of piling onto the app.
  expect(await text("/du-thao/a")).toBe("<p>Trang số 2 /du-thao/a</p>");
  expect(renders).toBe(2);
});

it("forgets pages by prefix", async () => {
  await get("/du-thao/a");
  await get("/du-thao/b");
  await get("/");
  cache.invalidate("/du-thao/a");
  expect(cache.size).toBe(2);
  await get("/du-thao/a");
  expect(renders).toBe(4);
});
