// npm run bench:national — a national consultation on PostgreSQL (issue 18): 2,500,000 opinions
// (bench/national-data.ts) written through the app's own bulk paths, measured over HTTP against a
// production build (WEB_CONCURRENCY=2, SEARCH_ENGINE=postgres) at BENCH_NATIONAL_FIRST (1,000,000) and
// again at BENCH_NATIONAL_OPINIONS (2,500,000): the moderation queue (bench:moderation's queries), search
// with filters and the app's memory, statistics, the CSV of every approved opinion and the Word report
// (as bench:reports), deciding the phase's big near-duplicate group (as bench:moderation), comment
// submissions at BENCH_NATIONAL_RATE for BENCH_NATIONAL_INGEST_SECONDS (bench/comment-load.js), and the
// database's size per opinion. The last line is one JSON object; `growth` is each figure at the whole ÷ at
// the first size. BENCH_SKIP_BUILD=1 uses the existing build.
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { indexAnnounced } from "@search/postgres/sync.server.ts";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { hashPassword } from "~/staff/passwords.server.ts";
import { checkForeignKeys, fillInProcesses, FILL_PROCESSES, FILLED_TABLES, restoreIndexes, setAsideIndexes } from "./national-fill.ts";
import { contextOf, makePlan, prepare, recountCampaigns, sharedOf, CAMPAIGN_MAX, type Context, type SharedContext } from "./national-data.ts";
import { get, mailSink, measureQuery, nextLink, queueQueries, signIn, unescape } from "./moderation-queue.js";
import { rssMb, runExport, timedGet } from "./reports-http.ts";
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
  runLoadAsync,
  startServer,
  waitFor,
  writeCommentBodies,
} from "./support.js";

const TOTAL = Number(process.env.BENCH_NATIONAL_OPINIONS ?? 2_500_000);
const FIRST = Number(process.env.BENCH_NATIONAL_FIRST ?? 1_000_000);
const INGEST_SECONDS = Number(process.env.BENCH_NATIONAL_INGEST_SECONDS ?? 300);
const RATE = Number(process.env.BENCH_NATIONAL_RATE ?? 1000);
/** The bare inserting reference's run (bench/comment-reference.js) after the ingest, same database and rate: `cpu_vs_reference`. */
const REFERENCE_SECONDS = Number(process.env.BENCH_NATIONAL_REFERENCE_SECONDS ?? 20);
const BATCH = Number(process.env.BENCH_NATIONAL_BATCH ?? 5_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 200);
/** Only the insert rate: fill this many rows, print the rate, stop (to predict a full run). */
const RATE_ONLY = Number(process.env.BENCH_NATIONAL_RATE_ONLY ?? 0);
/**
 * Kept databases, for work on one part without filling again: BENCH_NATIONAL_KEEP=1 keeps the database and
 * writes its state (URL, the rows' shared context, rows filled) to .bench/national-<database>.json after each
 * fill; BENCH_NATIONAL_FROM=<state file> fills on from a kept database (to BENCH_NATIONAL_RATE_ONLY, or through
 * the phases); BENCH_NATIONAL_MEASURE=<first state>[,<whole state>] fills nothing and measures the kept
 * databases as the two phases. BENCH_NATIONAL_PARTS (queue, search, reports, group, ingest; all by default)
 * chooses the measurements: the last two write to the database.
 */
const KEEP = process.env.BENCH_NATIONAL_KEEP === "1";
const FROM = process.env.BENCH_NATIONAL_FROM;
const MEASURE = (process.env.BENCH_NATIONAL_MEASURE ?? "").split(",").filter(Boolean);
const PARTS = new Set((process.env.BENCH_NATIONAL_PARTS ?? "queue,search,reports,group,ingest").split(","));
interface Kept {
  url: string;
  shared: SharedContext;
  rows: number;
}
const readKept = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Kept;
/**
 * The big group decided at the whole size: 100,000 (issue 18), once in the whole data; at a small run a tenth
 * of the second phase. The first phase decides its own, smaller one: the whole's share of the first size
 * (40,000 at 1,000,000 of 2,500,000). Both said in the JSON.
 */
const BIG = Math.min(CAMPAIGN_MAX, Math.floor((TOTAL - FIRST) / 10));
const FIRST_BIG = Math.min(Math.floor(FIRST / 10), Math.round((BIG * FIRST) / TOTAL));
const SEED = 2026_18;
const WORKERS = 2;
const CONCURRENCY = 64;
const PASSWORD = "mat-khau-quoc-gia-2026";
const STAFF = {
  moderator: ["kiem-duyet@qg.bench.vn", "MODERATOR"],
  editor: ["bien-tap@qg.bench.vn", "EDITOR"],
  admin: ["quan-tri@qg.bench.vn", "ADMIN"],
} as const;
const GOALS = {
  ingest_p99_ms: 100,
  queue_p95_ms: 100,
  group_decide_s: 20,
  search_p95_ms: 100,
  statistics_ms: 1000,
  csv_s: 150,
  csv_rss_growth_mb: 300,
  docx_s: 30,
};

const started = Date.now();
const say = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const median = (values: number[]) => percentile(values, 0.5);
const load = () => round(loadavg()[0]!, 2);

type Figures = Record<string, number | null>;

/** Search words people type: themes of the drafts, some without marks. */
const SEARCH_WORDS = [
  "chuyển đổi số",
  "môi trường",
  "giao thong",
  "y tế cơ sở",
  "tham nhũng",
  "đất đai",
  "giáo dục",
  "nong dan",
  "an sinh xã hội",
  "thanh niên",
];

async function searchQueries(sql: SqlDriver, ctx: Context): Promise<string[]> {
  const provinces = ctx.places.map((p) => p.code);
  const organizations = [...new Set(ctx.conferences.map((c) => c.organizationId))];
  const [section] = await sql.all<{ key: string }>(
    `SELECT "sectionKey" AS "key" FROM "Comment" WHERE "consultationId" = ? AND "sectionKey" IS NOT NULL GROUP BY "sectionKey" ORDER BY COUNT(*) DESC LIMIT 1`,
    [ctx.targets[0]!.consultationId],
  );
  const list: string[] = [];
  for (let i = 0; i < SEARCHES + 20; i++) {
    const params = new URLSearchParams({ q: SEARCH_WORDS[i % SEARCH_WORDS.length]! });
    const target = ctx.targets[i % ctx.targets.length]!;
    // Filters as the page offers them: consultation (and section), province, stance, channel (the organization that gathered it).
    if (i % 2 === 0) params.set("consultation", target.consultationId);
    if (i % 10 === 4 && section) {
      params.set("consultation", ctx.targets[0]!.consultationId);
      params.set("section", section.key);
    }
    if (i % 3 === 0) params.set("province", provinces[i % provinces.length]!);
    if (i % 4 === 1) params.set("stance", ["AGREE", "DISAGREE", "OTHER"][i % 3]!);
    if (i % 5 === 2) params.set("organization", organizations[i % organizations.length]!);
    list.push(`/tim-kiem?${params}`);
  }
  return list;
}

/** The PostgreSQL server settings a run measured with (ADR 067: a national deployment's server is tuned). */
const SERVER_SETTINGS = ["shared_buffers", "effective_cache_size", "max_wal_size", "checkpoint_timeout", "synchronous_commit", "wal_compression"];
async function serverSettings(sql: SqlDriver): Promise<Record<string, string>> {
  const rows = await sql.all<{ name: string; value: string }>(
    `SELECT "name", current_setting("name") AS "value" FROM pg_settings WHERE "name" IN (${SERVER_SETTINGS.map(() => "?").join(", ")})`,
    SERVER_SETTINGS,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

async function measurePhase(phase: string, url: string, sql: SqlDriver, ctx: Context, bigGroupId: string, dir: string): Promise<Figures> {
  const figures: Figures = {};
  const [{ n: opinions }] = await sql.all<{ n: string }>(`SELECT COUNT(*) AS "n" FROM "Comment"`, []);
  figures.opinions = Number(opinions);
  const [{ size }] = await sql.all<{ size: string }>(`SELECT pg_database_size(current_database()) AS "size"`, []);
  figures.bytes_per_opinion = Math.round(Number(size) / figures.opinions);
  say(
    `${phase}: ${figures.opinions.toLocaleString("en")} ý kiến, cơ sở dữ liệu ${(Number(size) / 1e9).toFixed(2)} GB (${figures.bytes_per_opinion} byte/ý kiến)`,
  );

  const sink = await mailSink();
  const port = await freePort();
  const app = appDatabaseUrl(url);
  const exportDir = mkdtempSync(path.join(dir, "exports-"));
  const server: ChildProcess = startServer(app.url, port, {
    WEB_CONCURRENCY: String(WORKERS),
    SEARCH_ENGINE: "postgres",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(sink.port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    EXPORT_DIR: exportDir,
  });
  const base = `http://127.0.0.1:${port}`;
  const stopServer = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  };
  try {
    await waitFor(`${base}/healthz`, 120_000);
    const loads = [load()];

    // 1. The moderation queue: bench:moderation's query set, p95 over all of them.
    let t = Date.now();
    const report = ctx.targets[0]!.consultationId;
    const queue = `${base}/quan-tri/kiem-duyet`;
    if (PARTS.has("queue")) {
      const moderator = await signIn(base, STAFF.moderator[0], PASSWORD);
      const [section] = await sql.all<{ key: string }>(
        `SELECT "sectionKey" AS "key" FROM "Comment" WHERE "consultationId" = ? AND "status" = 'PENDING' AND "sectionKey" IS NOT NULL GROUP BY "sectionKey" ORDER BY COUNT(*) DESC LIMIT 1`,
        [report],
      );
      let deep = queue;
      for (let page = 0; page < 5; page++) deep = new URL(unescape(nextLink((await get(deep, moderator)).body)), queue).toString();
      const times: number[] = [];
      const perQuery: Record<string, number> = {};
      for (const [name, query] of queueQueries({ consultationId: report, section: section!.key, deep })) {
        const measured = await measureQuery(`${queue}${query ? `?${query}` : ""}`, moderator, `${base}/healthz`, {
          warmup: WARMUP,
          requests: REQUESTS,
          collect: times,
        });
        perQuery[name] = measured.p95_ms;
      }
      figures.queue_p95_ms = round(percentile(times, 0.95));
      const worst = Object.entries(perQuery).sort((a, b) => b[1] - a[1])[0]!;
      say(
        `${phase}: hàng chờ kiểm duyệt p95 ${figures.queue_p95_ms} ms (${times.length} GET; xấu nhất ${worst[0]} ${worst[1]} ms) trong ${((Date.now() - t) / 1000).toFixed(0)} s`,
      );
      say(
        `  p95 từng truy vấn (ms): ${Object.entries(perQuery)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(", ")}`,
      );
    }

    // 2. Search with filters, and the app's memory (primary + workers) after it.
    t = Date.now();
    if (PARTS.has("search")) {
      const searches = await searchQueries(sql, ctx);
      const searchTimes: number[] = [];
      let found = 0;
      for (const [i, q] of searches.entries()) {
        const { ms, body } = await get(`${base}${q}`, undefined);
        if (i < 20) continue;
        searchTimes.push(ms);
        if (!body.includes("Không tìm thấy")) found++;
      }
      figures.search_p95_ms = round(percentile(searchTimes, 0.95));
      figures.search_rss_mb = Math.round(rssMb(server.pid!));
      say(
        `${phase}: tìm kiếm p50 ${round(median(searchTimes))} ms p95 ${figures.search_p95_ms} ms (${found}/${searchTimes.length} có kết quả); RSS ứng dụng ${figures.search_rss_mb} MB (${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );
    }

    // 3. Reports, as bench:reports: statistics counted afresh, the CSV of every approved opinion, the Word report.
    t = Date.now();
    if (PARTS.has("reports")) {
      const admin = await signIn(base, STAFF.admin[0], PASSWORD);
      await timedGet(`${base}/quan-tri/bao-cao`, admin);
      const statistics: number[] = [];
      for (let i = 0; i < 3; i++) statistics.push((await timedGet(`${base}/quan-tri/bao-cao/${report}?moi=1`, admin)).ms);
      figures.statistics_ms = Math.round(median(statistics));
      const csv = await runExport(base, admin, report, "csv", server, url);
      figures.csv_s = csv.seconds;
      figures.csv_rss_growth_mb = csv.rssGrowthMb;
      figures.csv_rows = csv.rows;
      const docx = await runExport(base, admin, report, "docx", server, url);
      figures.docx_s = docx.seconds;
      say(
        `${phase}: thống kê ${statistics.map((ms) => Math.round(ms)).join(", ")} ms; CSV ${csv.rows.toLocaleString("en")} dòng ${csv.seconds} s (${(csv.bytes / 1e6).toFixed(0)} MB, RSS +${csv.rssGrowthMb} MB, /healthz xấu nhất ${csv.healthWorstMs} ms); Word ${docx.seconds} s (${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );
    }

    // 4. The phase's big group decided by an editor, as bench:moderation does; checked with SQL.
    if (PARTS.has("group")) {
      const editor = await signIn(base, STAFF.editor[0], PASSWORD);
      const page = (await get(`${queue}?view=groups`, editor)).body;
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
      if (!csrf || !page.includes(bigGroupId)) throw new Error("the groups page has no CSRF token or no big group");
      const [{ n: members }] = await sql.all<{ n: string }>(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE "groupId" = ? AND "status" = 'PENDING'`, [bigGroupId]);
      t = Date.now();
      const response = await fetch(queue, {
        method: "POST",
        headers: { cookie: editor, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "group-approve", group: bigGroupId, csrf }),
        redirect: "manual",
      });
      await response.text();
      figures.group_decide_s = round((Date.now() - t) / 1000, 2);
      const [check] = await sql.all<{ approved: string; pending: string; audit: string }>(
        `SELECT (SELECT COUNT(*) FROM "Comment" WHERE "groupId" = ? AND "status" = 'APPROVED') AS "approved",
              (SELECT COUNT(*) FROM "Comment" WHERE "groupId" = ? AND "status" = 'PENDING') AS "pending",
              (SELECT COUNT(*) FROM "AuditEvent" WHERE "groupId" = ? AND "action" = 'bulk-approve') AS "audit"`,
        [bigGroupId, bigGroupId, bigGroupId],
      );
      figures.group_members = Number(members);
      const verified =
        response.status === 200 && Number(check!.pending) === 0 && Number(check!.audit) === Number(members) && Number(check!.approved) >= Number(members);
      figures.group_decide_verified = verified ? 1 : 0;
      say(
        `${phase}: duyệt nhóm ${Number(members).toLocaleString("en")} ý kiến: ${figures.group_decide_s} s (HTTP ${response.status}; còn chờ ${check!.pending}, nhật ký ${check!.audit}; ${verified ? "đúng" : "SAI"})`,
      );
    }

    // 5. Submissions at RATE/s for INGEST_SECONDS, two app processes: rows = acknowledgements.
    t = Date.now();
    if (PARTS.has("ingest")) {
      const blockKey = await firstBlockKey(base);
      const bodiesFile = path.join(dir, `${phase}-bodies.txt`);
      const warmFile = path.join(dir, `${phase}-warm.txt`);
      const receiptsFile = path.join(dir, `${phase}-receipts.json`);
      const submitUrl = `${base}/du-thao/${DEMO_DRAFT}/gop-y`;
      // Texts and contacts of this run's own (a kept database measured again holds the earlier runs' forms,
      // which the app would answer as the same author's duplicates).
      const run = `${phase}-${started.toString(36)}`;
      await writeCommentBodies(warmFile, RATE * 3, { blockKey, prefix: `${run}-warm` });
      await writeCommentBodies(bodiesFile, Math.ceil(RATE * INGEST_SECONDS * 1.05), { blockKey, prefix: `${run}-load` });
      // Not runLoad: that would stop this process's event loop, and with it the mail sink the app sends the
      // decided groups' emails to ("Greeting never received": each send then waited for its timeout).
      await runLoadAsync({ url: submitUrl, rate: RATE, seconds: 3, concurrency: CONCURRENCY, bodiesFile: warmFile });
      const countRows = async () =>
        Number(
          ((await queryDatabase(url, `SELECT COUNT(*) AS n FROM "Comment" WHERE "originalText" LIKE ?`, [`${MARKER} ${run}-load-%`])) as { n: string }[])[0]!.n,
        );
      const rowsBefore = await countRows();
      loads.push(load());
      const database = new URL(url).pathname.slice(1);
      const cpuBefore = cpuTicks(server.pid!, database);
      const ingest = await runLoadAsync({ url: submitUrl, rate: RATE, seconds: INGEST_SECONDS, concurrency: CONCURRENCY, bodiesFile, receiptsFile });
      const cpu = cpuPerSubmission(cpuBefore, cpuTicks(server.pid!, database), ingest.accepted, true);
      loads.push(load());
      const receipts = (JSON.parse(readFileSync(receiptsFile, "utf8")) as { receipt: string }[]).map((r) => r.receipt);
      let stored = 0;
      for (let k = 0; k < receipts.length; k += 10_000) {
        const [{ n }] = await sql.all<{ n: string }>(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE "receiptToken" = ANY(CAST(? AS text[]))`, [
          receipts.slice(k, k + 10_000),
        ]);
        stored += Number(n);
      }
      figures.ingest_per_s = ingest.accepted_per_s;
      figures.ingest_p99_ms = ingest.p99_ms;
      figures.ingest_accepted = ingest.accepted;
      figures.ingest_rows = (await countRows()) - rowsBefore;
      figures.lost = receipts.length - stored;
      figures.ingest_cpu_app_ms = cpu.app;
      figures.ingest_cpu_postgresql_ms = cpu.postgresql!;
      // What these cores could accept if the app and PostgreSQL had them to themselves (the load generator's share not counted).
      figures.ingest_cpu_limited_per_s = Math.round((cpus().length * 1000) / Math.max(cpu.app + cpu.postgresql!, 0.001));
      say(
        `${phase}: gửi góp ý ${RATE}/s × ${INGEST_SECONDS} s: ${ingest.accepted_per_s}/s nhận, p50 ${ingest.p50_ms} p95 ${ingest.p95_ms} p99 ${ingest.p99_ms} ms; ${ingest.accepted} biên nhận, ${figures.ingest_rows} dòng, mất ${figures.lost}; bỏ qua ${ingest.skipped}; mã trả lời ${JSON.stringify(ingest.statuses)}, lỗi kết nối ${ingest.errors}; CPU mỗi góp ý: ứng dụng ${cpu.app} ms + PostgreSQL ${cpu.postgresql} ms (tối đa ${figures.ingest_cpu_limited_per_s}/s trên ${cpus().length} lõi) (${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );

      // The bare inserting reference (bench:comments's) on the same database at the same rate, the app stopped:
      // CPU per accepted submission, app ÷ reference, counted alike (bench/submission-cpu.js).
      if (REFERENCE_SECONDS > 0) {
        await stopServer();
        t = Date.now();
        const refPort = await freePort();
        const reference = await startReference(url, refPort, WORKERS);
        try {
          const refBodies = path.join(dir, `${phase}-ref.txt`);
          const refPrefix = `${run}-ref`;
          await writeCommentBodies(refBodies, Math.ceil(RATE * REFERENCE_SECONDS * 1.05), { blockKey, prefix: refPrefix });
          const refUrl = `http://127.0.0.1:${refPort}/`;
          await runLoadAsync({ url: refUrl, rate: RATE, seconds: 2, concurrency: CONCURRENCY, bodiesFile: refBodies });
          const refBefore = cpuTicks(reference.pid!, database);
          const ref = await runLoadAsync({ url: refUrl, rate: RATE, seconds: REFERENCE_SECONDS, concurrency: CONCURRENCY, bodiesFile: refBodies });
          const refCpu = cpuPerSubmission(refBefore, cpuTicks(reference.pid!, database), ref.accepted, true);
          // Its rows are not opinions of the consultation (no screening, no search document): counted, then removed.
          const removed = await sql.run(`DELETE FROM "Comment" WHERE "originalText" LIKE ?`, [`${MARKER} ${refPrefix}-%`]);
          const ratio = cpuVsReference(cpu, refCpu);
          figures.reference_per_s = ref.accepted_per_s;
          figures.reference_cpu_app_ms = refCpu.app;
          figures.reference_cpu_postgresql_ms = refCpu.postgresql!;
          figures.cpu_vs_reference = ratio.total;
          figures.cpu_vs_reference_process = ratio.process;
          say(
            `${phase}: tham chiếu (node:http + INSERT, cùng cơ sở dữ liệu) ${RATE}/s × ${REFERENCE_SECONDS} s: ${ref.accepted_per_s}/s, p99 ${ref.p99_ms} ms, CPU ${refCpu.app} + ${refCpu.postgresql} ms; ứng dụng ÷ tham chiếu ${ratio.total} (riêng tiến trình ${ratio.process}); ${removed} dòng tham chiếu đã xóa (${((Date.now() - t) / 1000).toFixed(0)} s)`,
          );
        } finally {
          reference.kill("SIGTERM");
          await new Promise((r) => (reference.exitCode !== null ? r(null) : reference.once("exit", r)));
        }
      }
    }
    figures.load_average_max = Math.max(...loads, load());
    return figures;
  } finally {
    await stopServer();
    await sink.close();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-national-"));
  if (process.env.BENCH_SKIP_BUILD !== "1" && !RATE_ONLY) {
    say("bản dựng production");
    execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  say(
    `bench:national — ${TOTAL.toLocaleString("en")} ý kiến (đo ở ${FIRST.toLocaleString("en")} và ${TOTAL.toLocaleString("en")}), nhóm lớn ${FIRST_BIG.toLocaleString("en")} rồi ${BIG.toLocaleString("en")}; PostgreSQL`,
  );
  const measureOnly = MEASURE.length > 0;
  const kept = FROM ? readKept(FROM) : measureOnly ? readKept(MEASURE[0]!) : null;
  const { url, drop } = kept ? { url: kept.url, drop: async () => {} } : await createDatabase("postgresql", dir);
  const database = new URL(url).pathname.slice(1);
  const sql = createSqlDriver(resolveDatabaseTarget(url));
  const db = createDb(resolveDatabaseTarget(url));
  const phases: Record<string, Figures> = {};
  const durations: Record<string, number> = {};
  try {
    const phaseEnds = [FIRST, TOTAL];
    const plan = makePlan({ phases: phaseEnds, big: [FIRST_BIG, BIG], seed: SEED });
    let ctx: Context;
    if (kept) {
      ctx = contextOf(kept.shared, plan);
      say(`cơ sở dữ liệu giữ lại ${database}: ${kept.rows.toLocaleString("en")} ý kiến đã ghi`);
    } else {
      const passwordHash = await hashPassword(PASSWORD);
      const ids: Record<string, string> = {};
      for (const [key, [email, role]] of Object.entries(STAFF))
        ids[key] = (await db.user.create({ data: { email, name: `Cán Bộ Thử ${role}`, role, passwordHash } })).id;
      // The demo's published versions and comments in the PostgreSQL engine's index, as a reindex would put them.
      const versions = await sql.all<{ id: string }>(`SELECT "publishedVersionId" AS "id" FROM "Consultation" WHERE "publishedVersionId" IS NOT NULL`, []);
      const demoComments = (await sql.all<{ id: string }>(`SELECT "id" FROM "Comment"`, [])).map((r) => r.id);
      await sql.transaction(async (tx) => {
        for (const v of versions) await indexAnnounced(tx, "version", [v.id]);
        await indexAnnounced(tx, "comment", demoComments);
      });
      // RATE_ONLY fills the first rows of the whole run's own plan (its campaigns, its texts), so the rate predicts it.
      ctx = await prepare(db, sql, { plan, seed: SEED, end: Date.now(), actorId: ids.moderator! });
    }
    say(
      `kế hoạch: ${plan.campaigns.length} chiến dịch trùng lặp (${plan.campaigns.map((c) => c.size).join(", ")}), ${ctx.conferences.length} hội nghị của ${ctx.places.length} tỉnh, thành phố; ${FILL_PROCESSES} tiến trình ghi`,
    );
    const settings = await serverSettings(sql);
    say(
      `máy chủ PostgreSQL: ${Object.entries(settings)
        .map(([name, value]) => `${name} ${value}`)
        .join(", ")}`,
    );
    if (measureOnly) {
      // Each kept database measured as it is, the first as the first phase, the second (if any) as the whole.
      for (const [k, file] of MEASURE.entries()) {
        const state = readKept(file);
        const phase = k === 0 ? "first" : "whole";
        const phaseSql = k === 0 ? sql : createSqlDriver(resolveDatabaseTarget(state.url));
        const phaseCtx = k === 0 ? ctx : contextOf(state.shared, plan);
        const big = plan.campaigns.find((c) => c.big && c.from === (state.rows > FIRST ? FIRST : 0))!;
        const t = Date.now();
        phases[phase] = await measurePhase(phase, state.url, phaseSql, phaseCtx, phaseCtx.groupIds[big.index]!, dir);
        durations[`${phase}_measure_s`] = Math.round((Date.now() - t) / 1000);
        say(`${phase}: ${JSON.stringify(phases[phase])}`);
        if (k > 0) await phaseSql.close();
      }
    }
    let from = kept ? kept.rows : 0;
    for (const to of measureOnly ? [] : RATE_ONLY ? [RATE_ONLY] : phaseEnds.filter((end) => end > from)) {
      const phase = to === FIRST ? "first" : "whole";
      // Secondary indexes set aside (made again below from their definitions), foreign keys checked once after.
      let t = Date.now();
      const indexes = await setAsideIndexes(sql);
      say(`  ${indexes.length} chỉ mục phụ của ${FILLED_TABLES.join(", ")} tạm bỏ trong lúc ghi`);
      let reported = 0;
      const filled = await fillInProcesses(url, ctx, from, to, {
        batch: BATCH,
        processes: FILL_PROCESSES,
        onRows: (done) => {
          if (done - reported >= 100_000 || from + done === to) {
            reported = done;
            say(
              `  ghi ${(from + done).toLocaleString("en")} / ${to.toLocaleString("en")} ý kiến: ${Math.round(done / ((Date.now() - t) / 1000))}/s (tải ${load()})`,
            );
          }
        },
      });
      const fillSeconds = (Date.now() - t) / 1000;
      const loadAfterFill = load();
      durations[`${phase}_fill_s`] = Math.round(fillSeconds);
      say(
        `${phase}: đã ghi ${(to - from).toLocaleString("en")} ý kiến qua đường ghi của ứng dụng, ${FILL_PROCESSES} tiến trình, trong ${fillSeconds.toFixed(0)} s: ${Math.round((to - from) / fillSeconds)}/s (tải ${loadAfterFill})`,
      );
      say(
        `  thời gian theo bước (s, cộng các tiến trình): ${Object.entries(filled.steps)
          .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)}`)
          .join(
            ", ",
          )}; ${filled.transactions} giao dịch, ${(filled.statements / filled.transactions).toFixed(1)} câu lệnh mỗi giao dịch, ${filled.retries} lần chạy lại vì deadlock; CPU các tiến trình ghi ${(filled.cpuMs / 1000).toFixed(0)} s, của PostgreSQL cho chúng ${filled.databaseCpuMs === null ? "không đo được" : `${(filled.databaseCpuMs / 1000).toFixed(0)} s`} (${filled.connection})`,
      );
      // Decisions leave dead row versions: vacuumed before the indexes exist (the heap alone), statistics after them.
      const after: Record<string, number> = {};
      const timed = async (name: string, work: () => Promise<unknown>) => {
        const began = Date.now();
        await work();
        after[name] = round((Date.now() - began) / 1000);
      };
      await timed("vacuum", async () => {
        for (const table of FILLED_TABLES) await sql.run(`VACUUM "${table}"`, []);
      });
      await timed("indexes", () => restoreIndexes(url, indexes));
      let orphans: Record<string, number> = {};
      await timed("foreign_keys", async () => (orphans = await checkForeignKeys(sql)));
      const broken = Object.entries(orphans).filter(([, n]) => n > 0);
      if (broken.length) throw new Error(`khóa ngoại sai sau khi ghi: ${broken.map(([name, n]) => `${name} ${n}`).join(", ")}`);
      let groups = 0;
      await timed("recount", async () => (groups = await recountCampaigns(sql, ctx, from, to)));
      await timed("analyze", async () => {
        for (const table of [...FILLED_TABLES, "DuplicateGroup"]) await sql.run(`VACUUM (ANALYZE) "${table}"`, []);
      });
      durations[`${phase}_after_fill_s`] = Math.round((Date.now() - t) / 1000 - fillSeconds);
      say(
        `  sau khi ghi (s): ${Object.entries(after)
          .map(([name, sec]) => `${name} ${sec}`)
          .join(", ")}; ${indexes.length} chỉ mục, ${Object.keys(orphans).length} khóa ngoại đúng, ${groups} nhóm đếm lại`,
      );
      if (KEEP) {
        // After the work that follows a fill: a copy (CREATE DATABASE … TEMPLATE) of it is a filled database too.
        const file = path.join(root, ".bench", `national-${database}.json`);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify({ url, shared: sharedOf(ctx), rows: to } satisfies Kept));
        say(`  giữ lại ${database} (${to.toLocaleString("en")} ý kiến): ${path.relative(root, file)}`);
      }
      if (RATE_ONLY) {
        const rows = to - from;
        const afterSeconds = Object.values(after).reduce((n, sec) => n + sec, 0);
        console.log(
          JSON.stringify({
            bench: "national",
            rate_only: true,
            rows,
            processes: FILL_PROCESSES,
            seconds: round(fillSeconds),
            rows_per_s: Math.round(rows / fillSeconds),
            batch: BATCH,
            steps_s: Object.fromEntries(Object.entries(filled.steps).map(([name, ms]) => [name, round(ms / 1000)])),
            statements_per_transaction: round(filled.statements / filled.transactions),
            deadlock_retries: filled.retries,
            fill_cpu_s: round(filled.cpuMs / 1000),
            database_cpu_s: filled.databaseCpuMs === null ? null : round(filled.databaseCpuMs / 1000),
            cpu_ms_per_row: {
              fill: round(filled.cpuMs / rows, 3),
              database: filled.databaseCpuMs === null ? null : round(filled.databaseCpuMs / rows, 3),
            },
            // With the machine's cores to itself (no other load) the fill would go at most at cores ÷ (CPU per row of both sides).
            rows_per_s_if_cores_free: filled.databaseCpuMs === null ? null : Math.round((cpus().length * 1000 * rows) / (filled.cpuMs + filled.databaseCpuMs)),
            connection: filled.connection,
            after_fill_s: after,
            // The whole run's two fills at this rate (the work after each fill grows with the table: not included).
            predicted_fill_s: Math.round(TOTAL / (rows / fillSeconds)),
            predicted_after_fill_s_if_linear: Math.round((afterSeconds * (FIRST + TOTAL)) / rows),
            load_average: loadAfterFill,
          }),
        );
        return;
      }
      const big = plan.campaigns.find((c) => c.big && c.from === from)!;
      t = Date.now();
      phases[phase] = await measurePhase(phase, url, sql, ctx, ctx.groupIds[big.index]!, dir);
      durations[`${phase}_measure_s`] = Math.round((Date.now() - t) / 1000);
      say(`${phase}: ${JSON.stringify(phases[phase])}`);
      from = to;
    }
    const KEYS = [
      "opinions",
      "ingest_per_s",
      "ingest_p99_ms",
      "lost",
      "ingest_cpu_app_ms",
      "ingest_cpu_postgresql_ms",
      "ingest_cpu_limited_per_s",
      "queue_p95_ms",
      "group_decide_s",
      "search_p95_ms",
      "search_rss_mb",
      "statistics_ms",
      "csv_s",
      "csv_rss_growth_mb",
      "docx_s",
      "bytes_per_opinion",
    ];
    // Measured at one size only (a kept database alone): that size's figures, no growth.
    const first = phases.first ?? phases.whole!;
    const whole = phases.whole ?? phases.first!;
    const growth = Object.fromEntries(
      KEYS.map((key) => [key, phases.first && phases.whole && first[key] && whole[key] != null ? round(whole[key]! / first[key]!, 2) : null]),
    );
    console.log(
      JSON.stringify({
        bench: "national",
        scaled_down: TOTAL < 2_500_000 ? `${TOTAL} opinions, big group ${BIG} (100,000 at full size), ${INGEST_SECONDS} s at ${RATE}/s` : false,
        fill_processes: FILL_PROCESSES,
        ...Object.fromEntries(KEYS.map((key) => [key, whole[key]])),
        // The ingest part's app + PostgreSQL CPU per accepted submission ÷ the bare reference's on the same database.
        cpu_vs_reference: whole.cpu_vs_reference ?? null,
        cpu_vs_reference_process: whole.cpu_vs_reference_process ?? null,
        goals: GOALS,
        postgres_settings: settings,
        big_group: BIG,
        big_groups: { first: FIRST_BIG, whole: BIG },
        group_decide_verified: Boolean(whole.group_decide_verified && first.group_decide_verified),
        at_first: first,
        growth,
        durations_s: { ...durations, total: Math.round((Date.now() - started) / 1000) },
        load_average_max: Math.max(first.load_average_max ?? 0, whole.load_average_max ?? 0),
      }),
    );
  } finally {
    await db.$disconnect();
    await sql.close();
    if (!KEEP) await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
