// npm run bench:comments — real HTTP comment submissions against a production build, on SQLite and
// on PostgreSQL: forms with valid, single-use captcha solutions prepared in advance, sent at a fixed
// rate (BENCH_RATE, default 500/s) for BENCH_SECONDS (default 60), rate limits raised for the run.
// Afterwards the rows in the database must equal the success answers, exactly. The references, in
// the same run: per database a bare node:http server that parses the same forms and inserts each as one
// Comment row (bench/comment-reference.js; `cpu_vs_reference`: the app's CPU per accepted submission ÷
// its own, the worse database), and a node:http server that answers 303 without storing (client and
// loopback cost: `reference_p99_ms`).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cpuPerSubmission, cpuTicks, cpuVsReference, startReference } from "./submission-cpu.js";
import {
  appDatabaseUrl,
  createDatabase,
  DEMO_DRAFT,
  firstBlockKey,
  freePort,
  MARKER,
  queryDatabase,
  root,
  runLoad,
  startServer,
  waitFor,
  writeCommentBodies,
} from "./support.js";

const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const databases = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",");
// One worker per core, as the app would be deployed on this 2-core machine (server/index.js).
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-comments-"));
const results = {};

/** The timed load against one server (the app or the reference) on its own fresh database `db`: result and CPU. */
async function timedLoad(kind, db, server, url, blockKey, label) {
  const warmFile = path.join(dir, `${kind}-${label}-warm.txt`);
  const bodiesFile = path.join(dir, `${kind}-${label}-bodies.txt`);
  await writeCommentBodies(warmFile, rate * 3, { blockKey, prefix: `${kind}-${label}-warm` });
  await writeCommentBodies(bodiesFile, Math.ceil(rate * seconds * 1.05), { blockKey, prefix: `${kind}-${label}` });
  const warm = runLoad({ url, rate, seconds: 3, concurrency, bodiesFile: warmFile });
  // A live database has statistics (autovacuum analyzes a table as it grows); this one was created a
  // moment ago. Without them PostgreSQL's estimates tie between the Comment indexes and the hot-path
  // lookups can read a whole paragraph's comments (bench/README.md). The reference's database too, alike.
  if (kind === "postgresql") await queryDatabase(db.url, "ANALYZE");
  const database = kind === "postgresql" ? new URL(db.url).pathname.slice(1) : null;
  const before = cpuTicks(server.pid, database);
  const load = runLoad({ url, rate, seconds, concurrency, bodiesFile });
  const after = cpuTicks(server.pid, database);
  const [{ n }] = await queryDatabase(db.url, `SELECT COUNT(*) AS n FROM "Comment" WHERE "originalText" LIKE ?`, [`${MARKER} ${kind}-${label}-%`]);
  const rows = Number(n) - warm.accepted;
  const cpu_ms_per_submission = cpuPerSubmission(before, after, load.accepted, kind === "postgresql");
  return { ...load, rows, rows_equal_accepted: rows === load.accepted, cpu_ms_per_submission };
}

async function stop(server) {
  server.kill("SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
}

async function measure(kind) {
  const db = await createDatabase(kind, dir);
  const port = await freePort();
  const app = appDatabaseUrl(db.url);
  const server = startServer(app.url, port, { WEB_CONCURRENCY: String(workers) });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`);
    const blockKey = await firstBlockKey(base);
    // BENCH_WITH_SEARCH=1: a few searches first, so that each worker's embedded search index is built and
    // follows the outbox during the load, as it does in production once anyone has searched.
    if (process.env.BENCH_WITH_SEARCH === "1") {
      for (let i = 0; i < 3 * workers; i++) if (!(await fetch(`${base}/tim-kiem?q=kinh+t%E1%BA%BF`)).ok) throw new Error("search failed");
    }
    const result = await timedLoad(kind, db, server, `${base}/du-thao/${DEMO_DRAFT}/gop-y`, blockKey, "app");
    result.connection = app.connection;
    console.log(`${kind}: ${JSON.stringify(result)}`);
    return { result, blockKey };
  } finally {
    await stop(server);
    await db.drop();
  }
}

/**
 * The reference on `kind` (bench/comment-reference.js): the same number of processes, a fresh database
 * made the same way, the same connection kind, the same forms, rate and duration; CPU counted the same way.
 */
async function measureReference(kind, blockKey) {
  const db = await createDatabase(kind, dir);
  const port = await freePort();
  const server = await startReference(db.url, port, workers);
  try {
    const result = await timedLoad(kind, db, server, `http://127.0.0.1:${port}/`, blockKey, "ref");
    console.log(`${kind}, tham chiếu (node:http + INSERT): ${JSON.stringify(result)}`);
    return result;
  } finally {
    await stop(server);
    await db.drop();
  }
}

async function loopbackReference() {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((req, res) => { let b = ""; req.setEncoding("utf8"); req.on("data", (c) => (b += c)); req.on("end", () => { new URLSearchParams(b); res.writeHead(303, { location: "/y-kien/" + "x".repeat(32) + "?moi=1", "content-length": 0 }); res.end(); }); }).listen(${port}, "127.0.0.1");`,
    ],
    { stdio: "ignore" },
  );
  try {
    await new Promise((r) => setTimeout(r, 300));
    const bodiesFile = path.join(dir, "reference.txt");
    await writeCommentBodies(bodiesFile, rate * 10, { blockKey: "x", prefix: "ref" });
    return runLoad({ url: `http://127.0.0.1:${port}/`, rate, seconds: Math.min(10, seconds), concurrency, bodiesFile });
  } finally {
    server.kill("SIGKILL");
  }
}

try {
  console.log(`Gửi góp ý: ${rate}/s trong ${seconds} s, tối đa ${concurrency} yêu cầu đồng thời; bản dựng production (${root})`);
  const { execFileSync } = await import("node:child_process");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
  const ref = await loopbackReference();
  console.log(`tham chiếu (node:http, không lưu): ${JSON.stringify(ref)}`);
  for (const kind of databases) {
    const { result, blockKey } = await measure(kind);
    results[kind] = { ...result, reference: await measureReference(kind, blockKey) };
  }
  const summary = {
    bench: "comments",
    rate,
    seconds,
    concurrency,
    workers,
    with_search: process.env.BENCH_WITH_SEARCH === "1",
    shared_rate_limits: Boolean(process.env.REDIS_URL),
    reference_p99_ms: ref.p99_ms,
    reference_per_s: ref.accepted_per_s,
  };
  // CPU per accepted submission, app ÷ reference: the servers' processes plus, on PostgreSQL, the database
  // server's processes serving that run's database (both sides counted alike); `process` leaves PostgreSQL out.
  for (const [kind, r] of Object.entries(results)) {
    const reference = r.reference;
    summary[kind] = {
      accepted_per_s: r.accepted_per_s,
      p99_ms: r.p99_ms,
      p95_ms: r.p95_ms,
      accepted: r.accepted,
      rows: r.rows,
      rows_equal_accepted: r.rows_equal_accepted,
      not_accepted: r.sent - r.accepted,
      skipped: r.skipped,
      p99_vs_reference: Number((r.p99_ms / Math.max(ref.p99_ms, 0.01)).toFixed(1)),
      connection: r.connection,
      cpu_ms_per_submission: r.cpu_ms_per_submission,
      reference: {
        accepted_per_s: reference.accepted_per_s,
        p99_ms: reference.p99_ms,
        rows_equal_accepted: reference.rows_equal_accepted,
        not_accepted: reference.sent - reference.accepted,
        cpu_ms_per_submission: reference.cpu_ms_per_submission,
      },
      cpu_vs_reference: cpuVsReference(r.cpu_ms_per_submission, reference.cpu_ms_per_submission).total,
      cpu_vs_reference_process: cpuVsReference(r.cpu_ms_per_submission, reference.cpu_ms_per_submission).process,
    };
  }
  summary.cpu_vs_reference = Math.max(...Object.keys(results).map((kind) => summary[kind].cpu_vs_reference));
  console.log(JSON.stringify(summary));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
