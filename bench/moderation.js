// npm run bench:moderation — the moderation queue with a large backlog, on PostgreSQL (1,000,000
// pending comments) and SQLite (200,000), against a production build:
//   1. the queue page and each of its filters, as a signed-in moderator: sequential real HTTP GETs of
//      /quan-tri/kiem-duyet after a warm-up, p50/p95 per query (goal: p95 < 100 ms); reference in the
//      same run: as many GETs of /healthz on the same server;
//   2. bulk approval of a 10,000-member near-duplicate group through the page's form (goal: < 10 s),
//      checked afterwards in the database (statuses, audit rows, the group's counter);
//   3. duplicate detection on submission (screenComment), in-process against the big database
//      (goal: p95 < 5 ms); reference: the rest of the submission's database work.
// The data (bench/moderation-data.ts, texts from bench/moderation-texts.ts) is made for the run and
// dropped afterwards. BENCH_PG_COMMENTS / BENCH_SQLITE_COMMENTS set the pending backlog,
// BENCH_DATABASES which databases, BENCH_REQUESTS the timed GETs per query. Last line: one JSON object.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, freePort, queryDatabase, root, startServer, waitFor } from "./support.js";
import { get, mailSink, measureQuery, nextLink, queueQueries, round, signIn, stats, unescape } from "./moderation-queue.js";

const backlog = { postgresql: Number(process.env.BENCH_PG_COMMENTS ?? 1_000_000), sqlite: Number(process.env.BENCH_SQLITE_COMMENTS ?? 200_000) };
const databases = (process.env.BENCH_DATABASES ?? "postgresql,sqlite").split(",");
const requests = Number(process.env.BENCH_REQUESTS ?? 60);
const warmup = Number(process.env.BENCH_WARMUP ?? 10);
const screenings = Number(process.env.BENCH_SCREENINGS ?? 2000);
/** Time budget of the screening measurement per database: on a slow database it covers fewer comments. */
const screenSeconds = Number(process.env.BENCH_SCREEN_SECONDS ?? 45);
/** Keeps the databases (and the SQLite folder) for inspection instead of dropping them. */
const keep = process.env.BENCH_KEEP === "1";
const BIG_GROUP = 10_000;
/** Share of comments already decided (moderation-data.ts: 3% approved, 1% rejected; the big group stays pending). */
const DECIDED_SHARE = 0.04;
const GOALS = { query_p95_ms: 100, bulk_s: 10, screen_p95_ms: 5 };

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (message) => console.log(`[${elapsed()}] ${message}`);
const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-moderation-"));

/** Runs a bench TypeScript helper with tsx; its progress goes to stderr, its last stdout line is JSON. */
function runTsx(script, args, databaseUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.json", script, JSON.stringify(args)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1))) : reject(new Error(`${script} ${args.mode ?? ""} exited with ${code}`)),
    );
  });
}

async function run(kind) {
  const pending = backlog[kind];
  const big = Math.min(BIG_GROUP, Math.floor(pending / 2));
  const total = Math.ceil((pending - big) / (1 - DECIDED_SHARE)) + big;
  const result = { pending_goal: pending, comments: total };
  say(`${kind}: cơ sở dữ liệu mới (migrate + dữ liệu mẫu)`);
  const db = await createDatabase(kind, dir);
  try {
    const generation = Date.now();
    const base = { total, big, seed: 20261126, now: Date.now() };
    const setup = await runTsx("bench/moderation-data.ts", { ...base, mode: "setup" }, db.url);
    say(
      `${kind}: tạo ${total.toLocaleString("en")} ý kiến (${setup.groups.toLocaleString("en")} nhóm trùng lặp, ${setup.grouped.toLocaleString("en")} ý kiến trong nhóm), 2 tiến trình`,
    );
    const parts = await Promise.all([0, 1].map((part) => runTsx("bench/moderation-data.ts", { ...base, mode: "rows", part, parts: 2 }, db.url)));
    const rowsSeconds = (Date.now() - generation) / 1000;
    say(`${kind}: đã ghi các dòng (${rowsSeconds.toFixed(0)} s); tạo lại chỉ mục, đếm nhóm`);
    const finish = await runTsx("bench/moderation-data.ts", { ...base, mode: "finish", indexes: setup.indexes }, db.url);
    result.generation_s = round((Date.now() - generation) / 1000);
    result.rows_s = round(rowsSeconds);
    result.data = {
      statuses: finish.statuses,
      pending_flag_shares: finish.pendingFlagShares,
      groups: finish.groups,
      text_length: {
        avg: Math.round(parts.reduce((n, p) => n + p.length.sum, 0) / total),
        min: Math.min(...parts.map((p) => p.length.min)),
        max: Math.max(...parts.map((p) => p.length.max)),
      },
      flag_sample_mismatches: `${parts.reduce((n, p) => n + p.flagMismatches, 0)}/${parts.reduce((n, p) => n + p.flagSample, 0)}`,
      accidental_identical_sets_grouped: finish.accidentalSetsGrouped,
      members_off_target: finish.membersOffTarget,
      load_steps_s: finish.timings,
    };
    say(`${kind}: dữ liệu xong sau ${result.generation_s} s: ${JSON.stringify(result.data)}`);

    const sink = await mailSink();
    const port = await freePort();
    const server = startServer(db.url, port, { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(sink.port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${baseUrl}/healthz`, 60_000);
      const cookie = await signIn(baseUrl, setup.staff.moderator, setup.staff.password);
      const queue = `${baseUrl}/quan-tri/kiem-duyet`;
      const [report] = setup.consultations;
      const [section] = await queryDatabase(
        db.url,
        `SELECT "sectionKey" AS "key", COUNT(*) AS "n" FROM "Comment" WHERE "consultationId" = ? AND "status" = 'PENDING' AND "sectionKey" IS NOT NULL GROUP BY "sectionKey" ORDER BY COUNT(*) DESC LIMIT 1`,
        [report.id],
      );
      // A page a few pages in: follow "Trang sau" five times.
      let deep = queue;
      for (let page = 0; page < 5; page++) deep = new URL(unescape(nextLink((await get(deep, cookie)).body)), queue).toString();
      const queries = queueQueries({ consultationId: report.id, section: section.key, deep });
      say(
        `${kind}: ${queries.length} truy vấn hàng chờ, mỗi truy vấn ${warmup} lượt khởi động + ${requests} lượt đo, tuần tự, xen kẽ với ${requests} lượt /healthz`,
      );
      result.load_average_1m = { before_queries: round(loadavg()[0]) };
      result.queries = {};
      const reference = [];
      for (const [name, query] of queries) {
        const { reference: health, ...figures } = await measureQuery(`${queue}${query ? `?${query}` : ""}`, cookie, `${baseUrl}/healthz`, { warmup, requests });
        reference.push(...health);
        figures.healthz_p95_ms = stats(health).p95_ms;
        result.queries[name] = figures;
        say(
          `  ${name.padEnd(26)} p50 ${String(figures.p50_ms).padStart(6)} ms  p95 ${String(figures.p95_ms).padStart(6)} ms  (${figures.items} mục; /healthz xen kẽ p95 ${figures.healthz_p95_ms} ms)`,
        );
      }
      result.load_average_1m.after_queries = round(loadavg()[0]);
      const worst = Object.entries(result.queries).sort((a, b) => b[1].p95_ms - a[1].p95_ms)[0];
      result.healthz = stats(reference);
      result.worst_query = worst[0];
      result.worst_p95_ms = worst[1].p95_ms;
      result.worst_p95_vs_healthz = round(worst[1].p95_ms / result.healthz.p95_ms);
      result.queries_over_goal = Object.entries(result.queries)
        .filter(([, f]) => f.p95_ms >= GOALS.query_p95_ms)
        .map(([name]) => name);
      say(`${kind}: /healthz p50 ${result.healthz.p50_ms} ms p95 ${result.healthz.p95_ms} ms; p95 xấu nhất ${result.worst_p95_ms} ms (${result.worst_query})`);

      // Bulk approval of the big group, as an editor (moderators have no bulk permission), with the form's CSRF token.
      const editor = await signIn(baseUrl, setup.staff.editor, setup.staff.password);
      const page = (await get(`${queue}?view=groups`, editor)).body;
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
      if (!csrf || !page.includes(setup.bigGroupId)) throw new Error("the groups page has no CSRF token or no big group");
      say(`${kind}: duyệt cả nhóm ${big.toLocaleString("en")} ý kiến (POST intent=group-approve)`);
      let t = performance.now();
      const response = await fetch(queue, {
        method: "POST",
        headers: { cookie: editor, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "group-approve", group: setup.bigGroupId, csrf }),
        redirect: "manual",
      });
      const answer = await response.text();
      const bulkSeconds = (performance.now() - t) / 1000;
      const [approved] = await queryDatabase(db.url, `SELECT COUNT(*) AS "n" FROM "Comment" WHERE "groupId" = ? AND "status" = 'APPROVED'`, [setup.bigGroupId]);
      const [audited] = await queryDatabase(db.url, `SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "groupId" = ? AND "action" = 'bulk-approve'`, [
        setup.bigGroupId,
      ]);
      const [group] = await queryDatabase(db.url, `SELECT "pendingCount", "approvedCount", "publicCommentId" FROM "DuplicateGroup" WHERE "id" = ?`, [
        setup.bigGroupId,
      ]);
      const [emails] = await queryDatabase(db.url, `SELECT COUNT(*) AS "n" FROM "Notification"`);
      result.bulk = {
        members: big,
        status: response.status,
        seconds: round(bulkSeconds),
        approved: Number(approved.n),
        audit_rows: Number(audited.n),
        pending_count: Number(group.pendingCount),
        approved_count: Number(group.approvedCount),
        emails_queued: Number(emails.n),
        message_shown: answer.includes(`Đã duyệt ${big.toLocaleString("vi-VN")} ý kiến`),
      };
      result.bulk.verified = result.bulk.status === 200 && result.bulk.approved === big && result.bulk.audit_rows === big && result.bulk.pending_count === 0;
      say(`${kind}: duyệt nhóm: ${JSON.stringify(result.bulk)}`);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
      await sink.close();
    }

    say(`${kind}: sàng lọc trùng lặp khi gửi (screenComment) cho ${screenings.toLocaleString("en")} ý kiến mới, trong tiến trình`);
    result.screening = await runTsx("bench/moderation-screen.ts", { count: screenings, seconds: screenSeconds }, db.url);
    say(`${kind}: sàng lọc: ${JSON.stringify(result.screening)}`);
  } finally {
    if (keep) say(`${kind}: giữ lại cơ sở dữ liệu (BENCH_KEEP): ${db.url}`);
    else await db.drop();
  }
  return result;
}

try {
  say(`bench:moderation — ${databases.map((k) => `${k} ${backlog[k].toLocaleString("en")} ý kiến chờ duyệt`).join(", ")}; bản dựng production`);
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
  const results = {};
  for (const kind of databases) results[kind] = await run(kind);
  const summary = { bench: "moderation", requests_per_query: requests, warmup, goals: GOALS, duration_s: Math.round((Date.now() - started) / 1000) };
  for (const [kind, r] of Object.entries(results)) {
    summary[kind] = {
      comments: r.comments,
      pending: r.data.statuses.PENDING,
      generation_s: r.generation_s,
      worst_query_p95_ms: r.worst_p95_ms,
      worst_query: r.worst_query,
      healthz_p50_ms: r.healthz.p50_ms,
      healthz_p95_ms: r.healthz.p95_ms,
      load_average_1m: r.load_average_1m,
      worst_p95_vs_healthz: r.worst_p95_vs_healthz,
      queries_over_goal: r.queries_over_goal,
      queries: Object.fromEntries(Object.entries(r.queries).map(([name, f]) => [name, [f.p50_ms, f.p95_ms]])),
      bulk_approve_s: r.bulk.seconds,
      bulk_verified: r.bulk.verified,
      screen_p50_ms: r.screening.screen.p50_ms,
      screen_p95_ms: r.screening.screen.p95_ms,
      screen_p99_ms: r.screening.screen.p99_ms,
      screened: r.screening.comments,
      screen_grouped: r.screening.grouped,
      rest_of_submission_p95_ms: r.screening.rest_of_submission.p95_ms,
      screen_p95_vs_rest: r.screening.p95_vs_rest,
    };
  }
  console.log(JSON.stringify(summary));
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
