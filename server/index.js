// The production HTTP server: a plain Node handler that answers cached public pages itself,
// then Express for compression, static files, request logging (and later rate limits), then Remix.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { createPageCache } from "./page-cache.js";

process.env.NODE_ENV ??= "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? 2);

const build = await import(path.join(root, "build/index.js"));

const pageCache = createPageCache({ ttlMs: pageCacheSeconds * 1000 });
// The app forgets a consultation's pages when its counts or text change (app/platform/page-cache.server.ts).
globalThis.__pageCache = pageCache;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(pageCache.capture);
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
if (process.env.REQUEST_LOG !== "off") app.use(morgan(process.env.NODE_ENV === "production" ? "combined" : "dev"));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = http.createServer((req, res) => {
  if (pageCache.tryServe(req, res)) return;
  app(req, res);
});
server.keepAliveTimeout = 65_000;

server.listen(port, host, async () => {
  console.log(`Máy chủ đang chạy: http://localhost:${port}`);
  if (process.env.NODE_ENV === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    broadcastDevReady(build);
  }
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
