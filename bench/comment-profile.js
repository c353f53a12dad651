// node bench/comment-profile.js [sqlite|postgresql]: where the app's CPU goes while it takes comments at
// bench:comments' rate. Starts the production build (2 workers, `node --cpu-prof`) on a fresh database,
// sends the same forms as bench:comments (BENCH_RATE, default 500/s; BENCH_SECONDS, default 20, after a
// 3 s warm-up), stops it, and sorts the workers' samples taken during the timed load into buckets: each
// sample goes to the innermost frame of its stack that a bucket claims (bench/README.md, issue 18).
// Asynchronous continuations (after an await) have short stacks: the pg driver's parsing of an answer is
// its own bucket, not the statement's caller's. Prints the buckets, the top functions by self time, and
// a last line of JSON. Run `npm run build` first.
import { cpSync, existsSync, readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  appDatabaseUrl,
  createDatabase,
  DEMO_DRAFT,
  firstBlockKey,
  freePort,
  queryDatabase,
  root,
  runLoad,
  startServer,
  waitFor,
  writeCommentBodies,
} from "./support.js";

const kind = process.argv[2] ?? "sqlite";
const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const dir = mkdtempSync(path.join(tmpdir(), "gopy-comment-profile-"));
const profiles = path.join(dir, "profiles");
/** The timed load's span in the profiles' clock (CLOCK_MONOTONIC microseconds), kept with them (PROFILE_KEEP). */
const timed = { from: 0, to: 0 };

const has = (frame, part) => frame.url.includes(part);
const inModule = (frame, pattern) => frame.module !== undefined && pattern.test(frame.module);

// The server build is one file; its "// app/…" comments say which module each line came from.
const buildFile = path.join(root, "build/index.js");
const markers = [];
for (const [i, line] of readFileSync(buildFile, "utf8").split("\n").entries()) if (line.startsWith("// app/")) markers.push([i, line.slice(3)]);
function moduleAt(line) {
  let lo = 0;
  let hi = markers.length - 1;
  let found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid][0] <= line) {
      found = markers[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Buckets: a sample goes to the innermost frame of its stack that a specific bucket claims; only when none
 * does, to the innermost frame a fallback bucket (the frames every request passes through) claims.
 */
const BUCKETS = [
  ["gc", (f) => f.functionName === "(garbage collector)"],
  ["idle", (f) => f.functionName === "(idle)"],
  ["program (V8/native, unattributed)", (f) => f.functionName === "(program)"],
  ["zod", (f) => has(f, "node_modules/zod")],
  ["captcha check (HMAC, its row)", (f) => inModule(f, /comments\/captcha/) || has(f, "altcha-lib")],
  ["rate limits", (f) => inModule(f, /rate-limit/)],
  [
    "write transaction (SQLite: BEGIN…COMMIT with fsync)",
    (f) => /^(transact|transaction|sqliteTransaction)$/.test(f.functionName) && (inModule(f, /sql\.server/) || has(f, "better-sqlite3")),
  ],
  [
    "other driver statements (reads; PostgreSQL: every statement)",
    (f) => inModule(f, /platform\/sql\.server/) || has(f, "better-sqlite3") || /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(f.url),
  ],
  ["screening (near-duplicates, flags, groups)", (f) => inModule(f, /comments\/(intake|duplicate-groups|group-counts)|moderation\/|text\/near-duplicate/)],
  ["text folding and checks (fold, tone, diacritics)", (f) => inModule(f, /app\/text\//)],
  [
    "Remix route matching",
    (f) =>
      /^(matchRoutes|matchRoutesImpl|flattenRoutes|flattenRoute|rankRouteBranches|matchRouteBranch|compilePath|computeScore|joinPaths|explodeOptionalSegments|matchPath|createRoutes|groupRoutesByParentId)$/.test(
        f.functionName,
      ) ||
      (has(f, "@remix-run/router") && f.functionName === ""),
  ],
  ["Remix request handling", (f) => has(f, "@remix-run/server-runtime") || has(f, "@remix-run/router")],
  [
    "request/response conversion (@remix-run/express, node; fetch Request/Headers)",
    (f) => has(f, "@remix-run/express") || has(f, "@remix-run/node") || /webstreams|undici/.test(f.url),
  ],
  ["submission, the rest (submit, store, comment store, route action)", (f) => inModule(f, /comments\/|routes\/du-thao/)],
];
const FALLBACK = [
  ["app code, other modules", (f) => has(f, "build/")],
  ["app server (server/*.js: headers, page cache, origin, body limit)", (f) => /\/server\/[a-z-]+\.js$/.test(f.url)],
  [
    "express and its middleware",
    (f) =>
      /node_modules\/(express|compression|finalhandler|send|serve-static|router|body-parser|on-finished|on-headers|accepts|negotiator|vary|parseurl)\//.test(
        f.url,
      ),
  ],
  ["node http, net, streams", (f) => /^node:/.test(f.url)],
];

function analyze(file, from, to) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map();
  const frameOf = (id) => {
    const node = nodes.get(id);
    if (node.frame) return node.frame;
    node.frame = { ...node.callFrame };
    if (node.frame.url.endsWith("build/index.js")) node.frame.module = moduleAt(node.frame.lineNumber);
    return node.frame;
  };
  const classify = (id) => {
    if (bucketOf.has(id)) return bucketOf.get(id);
    let result;
    for (const rules of [BUCKETS, FALLBACK]) {
      for (let at = id; at !== undefined && !result; at = parent.get(at)) {
        const hit = rules.find(([, test]) => test(frameOf(at)));
        if (hit) result = hit[0];
      }
      if (result) break;
    }
    result ??= "other";
    bucketOf.set(id, result);
    return result;
  };
  const buckets = {};
  const self = {};
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    const us = Math.max(0, next);
    const id = profile.samples[i];
    const bucket = classify(id);
    buckets[bucket] = (buckets[bucket] ?? 0) + us;
    const f = frameOf(id);
    const name = `${f.functionName || "(anonymous)"} ${f.module ?? f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/server\//, "server/")}:${f.lineNumber + 1}`;
    self[name] = (self[name] ?? 0) + us;
  }
  return { buckets, self };
}

const db = await createDatabase(kind, dir);
const port = await freePort();
const server = startServer(appDatabaseUrl(db.url).url, port, { WEB_CONCURRENCY: "2" }, ["--cpu-prof", `--cpu-prof-dir=${profiles}`]);
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  const blockKey = await firstBlockKey(base);
  const url = `${base}/du-thao/${DEMO_DRAFT}/gop-y`;
  await writeCommentBodies(path.join(dir, "warm.txt"), rate * 3, { blockKey, prefix: `${kind}-profile-warm` });
  await writeCommentBodies(path.join(dir, "bodies.txt"), Math.ceil(rate * seconds * 1.05), { blockKey, prefix: `${kind}-profile` });
  runLoad({ url, rate, seconds: 3, concurrency: 64, bodiesFile: path.join(dir, "warm.txt") });
  if (kind === "postgresql") await queryDatabase(db.url, "ANALYZE");
  // Profile timestamps are CLOCK_MONOTONIC microseconds, as process.hrtime here.
  const from = Number(process.hrtime.bigint() / 1000n);
  const load = runLoad({ url, rate, seconds, concurrency: 64, bodiesFile: path.join(dir, "bodies.txt") });
  const to = Number(process.hrtime.bigint() / 1000n);
  Object.assign(timed, { from, to });
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  await new Promise((r) => setTimeout(r, 1500)); // the workers write their profiles as they leave
  const totals = {};
  const self = {};
  for (const file of readdirSync(profiles)) {
    const result = analyze(path.join(profiles, file), from, to);
    for (const [k, v] of Object.entries(result.buckets)) totals[k] = (totals[k] ?? 0) + v;
    for (const [k, v] of Object.entries(result.self)) self[k] = (self[k] ?? 0) + v;
  }
  const busy = Object.entries(totals)
    .filter(([k]) => k !== "idle")
    .reduce((s, [, v]) => s + v, 0);
  const share = (v) => Number(((100 * v) / busy).toFixed(1));
  const perSubmission = (v) => Number((v / 1000 / Math.max(load.accepted, 1)).toFixed(3));
  console.log(`${kind}: ${JSON.stringify(load)}`);
  console.log(`CPU bận của các tiến trình con trong lúc tải: ${(busy / 1e6).toFixed(2)} s, ${perSubmission(busy)} ms mỗi góp ý nhận`);
  const rows = Object.entries(totals)
    .filter(([k]) => k !== "idle")
    .sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows) console.log(`${share(v).toFixed(1).padStart(5)}%  ${perSubmission(v).toFixed(3)} ms  ${k}`);
  console.log("-- hàm tốn nhiều nhất (tự thân) --");
  for (const [k, v] of Object.entries(self)
    .filter(([k]) => !k.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.PROFILE_TOP ?? 30)))
    console.log(`${share(v).toFixed(1).padStart(5)}%  ${k}`);
  console.log(
    JSON.stringify({
      bench: "comment-profile",
      kind,
      rate,
      seconds,
      accepted: load.accepted,
      p99_ms: load.p99_ms,
      busy_ms_per_submission: perSubmission(busy),
      buckets_percent: Object.fromEntries(rows.map(([k, v]) => [k, share(v)])),
    }),
  );
} finally {
  if (server.exitCode === null) server.kill("SIGKILL");
  await db.drop();
  // PROFILE_KEEP=<folder>: the workers' .cpuprofile files are kept there (to open in a profiler).
  if (process.env.PROFILE_KEEP && existsSync(profiles)) {
    cpSync(profiles, process.env.PROFILE_KEEP, { recursive: true });
    writeFileSync(path.join(process.env.PROFILE_KEEP, "window.json"), JSON.stringify(timed));
  }
  rmSync(dir, { recursive: true, force: true });
}
