// npm run bench:reports — statistics, CSV export and Word report on a large consultation, through the
// production server, on PostgreSQL (1,000,000 opinions) and SQLite (200,000), each at two sizes (a
// fifth and the whole) to see how the times scale.
//
// For each database and size: a fresh database with the demo drafts, `n` opinions on the political
// report (bench/reports-data.ts), the production server started on it, an administrator signed in
// through /dang-nhap, then
//   - statistics: GET /quan-tri/bao-cao/<id>?moi=1 (counted afresh, no cache) BENCH_REPEAT times, and
//     the same page from the per-process cache;
//   - CSV of every approved opinion: POST the export form, poll the job until done; the server's RSS
//     (/proc/<pid>/status) sampled every 50 ms, and /healthz asked every 100 ms meanwhile (its worst
//     answer time says whether the server kept answering);
//   - the Word report: the same, format docx.
// Goals (issue 6): statistics page < 1 s, CSV < 60 s with RSS growth < 300 MB, .docx < 60 s.
//
// Environment: BENCH_PG_ROWS (1000000), BENCH_SQLITE_ROWS (200000), BENCH_SMALL_SHARE (0.2),
// BENCH_DATABASES ("sqlite,postgresql"), BENCH_REPEAT (3), BENCH_SKIP_BUILD=1 (use the existing build),
// TEST_POSTGRES_URL (the PostgreSQL server). The last line printed is one JSON object.
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, freePort, root, signIn, startServer, waitFor } from "./support.js";
import { REPORT_SLUG, seedReportData } from "./reports-data.ts";
import { runExport, timedGet, type ExportFigures } from "./reports-http.ts";
import { hashPassword } from "~/staff/passwords.server.ts";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";

const PASSWORD = "mat-khau-bao-cao-2026";
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SMALL_SHARE = Number(process.env.BENCH_SMALL_SHARE ?? 0.2);
const SIZES: Record<string, number> = {
  postgresql: Number(process.env.BENCH_PG_ROWS ?? 1_000_000),
  sqlite: Number(process.env.BENCH_SQLITE_ROWS ?? 200_000),
};
const DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((s) => s.trim()) as ("sqlite" | "postgresql")[];

interface Run {
  database: string;
  opinions: number;
  approved: number;
  loadSeconds: number;
  statisticsMs: number[];
  statisticsMedianMs: number;
  statisticsCachedMs: number;
  pageBytes: number;
  /** The machine's 1-minute load average when the measurements started and ended (2 cores: above 2 means waiting for CPU). */
  load: [number, number];
  csv: ExportFigures;
  docx: ExportFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

async function runOnce(kind: "sqlite" | "postgresql", opinions: number, dir: string): Promise<Run> {
  console.error(`\n== ${kind}: ${opinions.toLocaleString("en")} opinions`);
  const { url, drop } = await createDatabase(kind, dir);
  let server: ChildProcess | null = null;
  try {
    const loadStarted = performance.now();
    const seeded = await seedReportData(url, opinions);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.error(`   loaded in ${loadSeconds.toFixed(1)} s`);
    const db = createDb(resolveDatabaseTarget(url));
    const email = `bao-cao-${Date.now()}@bench.vn`;
    let approved: number;
    try {
      await db.user.create({ data: { email, name: "Quản Trị Thử", role: "ADMIN", passwordHash: await hashPassword(PASSWORD) } });
      approved = await db.comment.count({ where: { consultationId: seeded.consultationId, status: "APPROVED" } });
    } finally {
      await db.$disconnect();
    }
    const port = await freePort();
    const exportDir = mkdtempSync(path.join(dir, "exports-"));
    server = startServer(url, port, { EXPORT_DIR: exportDir, WEB_CONCURRENCY: "1" });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`);
    const cookie = await signIn(base, email, PASSWORD);
    // Warm the process (modules, the locality list, connections) on another page first.
    await timedGet(`${base}/quan-tri/bao-cao`, cookie);
    await timedGet(`${base}/quan-tri/bao-cao/${seeded.consultationId}?channel=LETTER`, cookie);
    const loadBefore = round(loadavg()[0]!, 1);
    const statisticsMs: number[] = [];
    let pageBytes = 0;
    for (let i = 0; i < REPEAT; i++) {
      const { ms, bytes } = await timedGet(`${base}/quan-tri/bao-cao/${seeded.consultationId}?moi=1`, cookie);
      statisticsMs.push(round(ms));
      pageBytes = bytes;
    }
    const cached = await timedGet(`${base}/quan-tri/bao-cao/${seeded.consultationId}`, cookie);
    console.error(`   statistics page: ${statisticsMs.join(", ")} ms counted; ${round(cached.ms)} ms from the cache; ${pageBytes.toLocaleString("en")} bytes`);
    const csv = await runExport(base, cookie, seeded.consultationId, "csv", server, url);
    console.error(
      `   CSV: ${csv.rows.toLocaleString("en")} rows in ${csv.seconds} s, ${(csv.bytes / 1e6).toFixed(1)} MB; RSS ${csv.rssBeforeMb} → ${csv.rssPeakMb} MB; /healthz worst ${csv.healthWorstMs} ms of ${csv.healthChecks}`,
    );
    const docx = await runExport(base, cookie, seeded.consultationId, "docx", server, url);
    console.error(
      `   Word: ${docx.seconds} s, ${(docx.bytes / 1e3).toFixed(0)} kB; RSS ${docx.rssBeforeMb} → ${docx.rssPeakMb} MB; /healthz worst ${docx.healthWorstMs} ms`,
    );
    const load: [number, number] = [loadBefore, round(loadavg()[0]!, 1)];
    console.error(`   load average ${load[0]} → ${load[1]}`);
    return {
      database: kind,
      opinions,
      approved,
      loadSeconds: round(loadSeconds, 1),
      statisticsMs,
      statisticsMedianMs: median(statisticsMs),
      statisticsCachedMs: round(cached.ms),
      pageBytes,
      load,
      csv,
      docx,
    };
  } finally {
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once("exit", r)));
    }
    await drop();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-reports-"));
if (process.env.BENCH_SKIP_BUILD !== "1") execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
const runs: Run[] = [];
try {
  for (const kind of DATABASES) {
    const full = SIZES[kind]!;
    for (const n of [Math.round(full * SMALL_SHARE), full]) runs.push(await runOnce(kind, n, dir));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const scaling = DATABASES.map((kind) => {
  const [small, large] = runs.filter((r) => r.database === kind);
  const ratio = (a: number, b: number) => round(b / Math.max(a, 1e-9), 2);
  return {
    database: kind,
    opinions: [small!.opinions, large!.opinions],
    sizeRatio: ratio(small!.opinions, large!.opinions),
    statisticsRatio: ratio(small!.statisticsMedianMs, large!.statisticsMedianMs),
    csvRatio: ratio(small!.csv.seconds, large!.csv.seconds),
    docxRatio: ratio(small!.docx.seconds, large!.docx.seconds),
  };
});

console.error(
  "\n| database | opinions | load | statistics (counted, median) | statistics (cached) | CSV | CSV RSS growth | /healthz worst during CSV | Word |",
);
console.error("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of runs) {
  console.error(
    `| ${r.database} | ${r.opinions.toLocaleString("en")} | ${r.load[0]}–${r.load[1]} | ${r.statisticsMedianMs} ms | ${r.statisticsCachedMs} ms | ${r.csv.seconds} s (${r.csv.rows.toLocaleString("en")} rows) | ${r.csv.rssGrowthMb} MB | ${r.csv.healthWorstMs} ms | ${r.docx.seconds} s |`,
  );
}
for (const s of scaling) console.error(`${s.database}: ×${s.sizeRatio} opinions → statistics ×${s.statisticsRatio}, CSV ×${s.csvRatio}, Word ×${s.docxRatio}`);

const largest = (kind: string) => runs.filter((r) => r.database === kind).at(-1);
const goals = Object.fromEntries(
  DATABASES.map((kind) => {
    const r = largest(kind)!;
    return [
      kind,
      {
        statisticsUnder1s: r.statisticsMedianMs < 1000,
        csvUnder60s: r.csv.seconds < 60,
        csvRssUnder300Mb: r.csv.rssGrowthMb < 300,
        docxUnder60s: r.docx.seconds < 60,
      },
    ];
  }),
);
console.log(JSON.stringify({ benchmark: "reports", date: new Date().toISOString().slice(0, 10), slug: REPORT_SLUG, runs, scaling, goals }));
