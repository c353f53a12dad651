// npm run bench:comments — real HTTP comment submissions against a production build, on SQLite and
// on PostgreSQL: forms with valid, single-use captcha solutions prepared in advance, sent at a fixed
// rate (BENCH_RATE, default 500/s) for BENCH_SECONDS (default 60), rate limits raised for the run.
// Afterwards the rows in the database must equal the success answers, exactly. The reference, in
// the same run, is a bare node:http server that reads the same forms and answers 303 without storing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  appDatabaseUrl,
  createDatabase,
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

/** Clock ticks a second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU ticks used so far by the app server (the process and its children) and by PostgreSQL's processes. */
function cpuTicks(serverPid) {
  const totals = { app: 0, postgresql: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const [comm, ppid, ticks] = [stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), Number(fields[1]), Number(fields[11]) + Number(fields[12])];
      if (Number(entry) === serverPid || ppid === serverPid) totals.app += ticks;
      else if (comm === "postgres") totals.postgresql += ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return totals;
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
    const url = `${base}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/gop-y`;
    const warmFile = path.join(dir, `${kind}-warm.txt`);
    const bodiesFile = path.join(dir, `${kind}-bodies.txt`);
    await writeCommentBodies(warmFile, rate * 3, { blockKey, prefix: `${kind}-warm` });
    await writeCommentBodies(bodiesFile, Math.ceil(rate * seconds * 1.05), { blockKey, prefix: kind });

    const warm = runLoad({ url, rate, seconds: 3, concurrency, bodiesFile: warmFile });
    // A live database has statistics (autovacuum analyzes a table as it grows); this one was created a
    // moment ago. Without them PostgreSQL's estimates tie between the Comment indexes and the hot-path
    // lookups can read a whole paragraph's comments (bench/README.md).
    if (kind === "postgresql") await queryDatabase(db.url, "ANALYZE");
    const before = cpuTicks(server.pid);
    const load = runLoad({ url, rate, seconds, concurrency, bodiesFile });
    const after = cpuTicks(server.pid);
    const [{ n }] = await queryDatabase(db.url, `SELECT COUNT(*) AS n FROM "Comment" WHERE "originalText" LIKE ?`, [`${MARKER} ${kind}-%`]);
    const rows = Number(n) - warm.accepted;
    // CPU time per accepted submission during the timed load: the app (its primary and workers) and
    // every PostgreSQL process (backends, WAL writer, checkpointer, autovacuum), from /proc.
    const perSubmission = (key) => Number((((after[key] - before[key]) * 1000) / CLOCK_TICKS / Math.max(load.accepted, 1)).toFixed(2));
    const cpu_ms_per_submission = { app: perSubmission("app"), ...(kind === "postgresql" ? { postgresql: perSubmission("postgresql") } : {}) };
    const result = { ...load, rows, rows_equal_accepted: rows === load.accepted, connection: app.connection, cpu_ms_per_submission };
    console.log(`${kind}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
    await db.drop();
  }
}

async function reference() {
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
  const ref = await reference();
  console.log(`tham chiếu (node:http, không lưu): ${JSON.stringify(ref)}`);
  for (const kind of databases) results[kind] = await measure(kind);
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
  for (const [kind, r] of Object.entries(results)) {
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
    };
  }
  console.log(JSON.stringify(summary));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
