// The production HTTP server: a plain Node handler that answers cached public pages itself,
// then Express for compression, static files, request logging (and later rate limits), then Remix.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { retryAfterOn503, withDatabaseOutage } from "./database-outage.js";
import { limitBody } from "./limit-body.js";
import { commentFastPath } from "./comment-fast-path.js";
import { createPageCache } from "./page-cache.js";
import { refuseForeignOrigin } from "./same-origin.js";
import { allowNonceStyles, cachedPagePolicy, setScriptNonce, setSecurityHeaders } from "./security-headers.js";

// The database, exports and anything else this server writes hold personal data: owner-only files
// (app/platform/private-files.ts sets the modes explicitly too; ADR 026).
process.umask(0o077);
// The configuration's default (app/platform/config.server.ts), set before React and Remix are loaded.
process.env.NODE_ENV ||= "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(path.join(root, "build/index.js"));
// The one configuration (ADR 028), checked once here: a bad value stops the start, naming the variable.
let config;
try {
  config = build.entry.module.loadConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const env = config.env;

if (env.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
  // Several workers share the port; each has its own page cache and rate-limit counters.
  for (let i = 0; i < env.WEB_CONCURRENCY; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (signal === "SIGTERM" || signal === "SIGINT" || code === 0) return;
    console.error(`Tiến trình ${worker.process.pid} dừng bất thường (${signal ?? code}); khởi động lại.`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
  }
} else {
  await startServer();
}

async function startServer() {
  const pageCache = createPageCache({
    ttlMs: env.PAGE_CACHE_SECONDS * 1000,
    // A stored page keeps the nonce it was rendered with: its copies allow those scripts by hash instead.
    storedHeaders: (headers, body) => ({ ...headers, "content-security-policy": cachedPagePolicy(headers["content-security-policy"], body) }),
  });
  // The app forgets a consultation's pages when its counts or text change (app/platform/page-cache.server.ts).
  globalThis.__pageCache = pageCache;

  const app = express();
  app.disable("x-powered-by");
  // Client addresses come from X-Forwarded-For only when the deployment says a proxy sits in front.
  if (env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  app.use(compression());
  app.use(pageCache.capture);
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  if (env.REQUEST_LOG === "on") app.use(morgan(env.NODE_ENV === "production" ? "combined" : "dev"));
  // Remix answers a cross-site form post with an empty 500; say 403 in words before it gets there.
  app.use(refuseForeignOrigin);
  // Staff pages that take files (conference opinions, the organization tree, drafts: imports and the editor's saves) get a larger limit.
  const uploads = ["/quan-tri/hoi-nghi/", "/quan-tri/to-chuc", "/quan-tri/du-thao/"].map((prefix) => ({ prefix, maxBytes: env.MAX_UPLOAD_BYTES }));
  // A body over MAX_BODY_BYTES to those pages is read only from a live staff session (app/entry.server.tsx).
  app.use(limitBody(env.MAX_BODY_BYTES, uploads, { hasSession: build.entry.module.hasStaffSession }));
  // While the database is away: 503 with Retry-After and the Vietnamese page, not 500 (database-outage.js).
  app.use(retryAfterOn503);
  // An accepted comment form is answered before Remix, by the route's own domain function; anything else goes on to the route (ADR 054).
  app.use(commentFastPath(build.entry.module.submitCommentForm));
  app.all(
    "*",
    createRequestHandler({
      build: withDatabaseOutage(build),
      mode: env.NODE_ENV,
      // Client-side navigations fetch `<path>.data`; only document requests get the body slot filled.
      getLoadContext: (req, res) => {
        const cspNonce = setScriptNonce(res);
        return {
          pageSlot: { documentRequest: !req.path.endsWith(".data") },
          clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
          cspNonce,
          // A reading page's inline first-paint <style> (ADR 053): entry.server.tsx asks before the headers go out.
          allowNonceStyles: () => allowNonceStyles(res, cspNonce),
          commentSubmission: req.commentSubmission,
        };
      },
    }),
  );

  const trustProxy = app.get("trust proxy fn");
  const server = http.createServer((req, res) => {
    setSecurityHeaders(req, res, trustProxy);
    if (pageCache.tryServe(req, res)) return;
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;

  // Search indexer, emails, exports, housekeeping, recounts: leased jobs run in one process at a time (ADR 029).
  const background = build.entry.module.startBackgroundWork();

  server.listen(env.PORT, env.HOST, async () => {
    console.log(`Máy chủ đang chạy: http://localhost:${env.PORT}`);
    if (env.NODE_ENV === "development") {
      const { broadcastDevReady } = await import("@remix-run/node");
      broadcastDevReady(build);
    }
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      // Finish the requests in progress, give the job leases back (another process takes them at once), then leave;
      // keep-alive connections do not hold us up.
      server.close(() => background.stop().finally(() => process.exit(0)));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5_000).unref();
    });
  }
}
