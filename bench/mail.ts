// npm run bench:mail — the decision emails' sender (issue 18): how fast one process drains a full outbox.
//
// For each database (PostgreSQL, then SQLite): a fresh database (no demo data), then BENCH_MAIL_ROUNDS
// rounds of
//   - the reference: BENCH_MAIL_REFERENCE_EMAILS decision emails queued, drained as before issue 18 — 20
//     rows a drain, one email at a time, a new SMTP connection per email (unpooled transport);
//   - the sender: BENCH_MAIL_EMAILS emails queued, drained as the worker does — BENCH_MAIL_BATCH rows a
//     drain (100), BENCH_MAIL_CONCURRENCY in flight (8), a pooled transport of BENCH_MAIL_CONNECTIONS (4).
// Each drain loop runs until a drain finds nothing due; the time is from the first read to the last
// mark. The sink is bench:national's (smtp-server on loopback accepting every message); every email must
// reach it once and every row be marked sent, or the run fails. Emails per second are the mean over rounds.
//
// Environment: BENCH_MAIL_EMAILS (5000), BENCH_MAIL_REFERENCE_EMAILS (1000), BENCH_MAIL_ROUNDS (2),
// BENCH_MAIL_BATCH, BENCH_MAIL_CONCURRENCY, BENCH_MAIL_CONNECTIONS, BENCH_DATABASES ("postgresql,sqlite"),
// TEST_POSTGRES_URL. The last line printed is one JSON object.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createMailTransport } from "~/notifications/mail-transport.server.ts";
import { drainOutbox, notificationRows, type DecisionNotice, type DrainOptions, type MailSender } from "~/notifications/outbox.server.ts";
import { buildConfig } from "~/platform/config.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, tuneDb, type Db } from "~/platform/db.server.ts";
import { mailSink } from "./moderation-queue.js";
import { adminQuery, appDatabaseUrl, postgresUrl, root } from "./support.js";

const EMAILS = Number(process.env.BENCH_MAIL_EMAILS ?? 5_000);
const REFERENCE_EMAILS = Number(process.env.BENCH_MAIL_REFERENCE_EMAILS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_MAIL_ROUNDS ?? 2);
const BATCH = Number(process.env.BENCH_MAIL_BATCH ?? 100);
const CONCURRENCY = Number(process.env.BENCH_MAIL_CONCURRENCY ?? 8);
const CONNECTIONS = Number(process.env.BENCH_MAIL_CONNECTIONS ?? 4);
const DATABASES = (process.env.BENCH_DATABASES ?? "postgresql,sqlite").split(",").filter(Boolean);

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const load = () => round(loadavg()[0]!, 2);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** A fresh database with the schema: PostgreSQL named after this helper's prefix, SQLite in `dir`. */
async function freshDatabase(kind: string, dir: string) {
  let url: string;
  let drop = async () => {};
  if (kind === "sqlite") {
    url = `file:${path.join(dir, "mail.db")}`;
  } else {
    const name = `mail_bench_${process.pid}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    url = postgresUrl(name);
    drop = async () => void (await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
  execFileSync("npm", ["run", "--silent", "db:setup"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { url, drop };
}

/** `count` decision emails as moderation queues them (the real subject and body), due now. */
async function queue(db: Db, count: number, publicUrl: string) {
  const notices = Array.from({ length: count }, (_, i): DecisionNotice => ({
    commentId: `bench-${i}`,
    to: `nguoi-gop-y-${i}@example.vn`,
    authorName: "Nguyễn Thị Hằng",
    consultationTitle: "Dự thảo Báo cáo chính trị trình Đại hội",
    originalText: "Đề nghị bổ sung chỉ tiêu về môi trường và làm rõ nguồn lực thực hiện.\n".repeat(4),
    target: "Phần thứ nhất › Mục 2",
    receiptToken: `bench-receipt-${i}`.padEnd(32, "x"),
    decision: { status: "approved" },
  }));
  const rows = notificationRows(notices, { publicUrl }, new Date(Date.now() - 1_000)).map((row) => ({ ...row, commentId: null }));
  for (let i = 0; i < rows.length; i += 500) await db.notification.createMany({ data: rows.slice(i, i + 500) });
}

/** Drains until nothing is due; emails per second. */
async function drainAll(db: Db, transport: MailSender, options: DrainOptions, count: number, sink: { received(): number }) {
  const before = sink.received();
  const started = performance.now();
  let failed = 0;
  for (;;) {
    const result = await drainOutbox(db, transport, options);
    failed += result.failed + result.gaveUp;
    if (result.due === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const unsent = await db.notification.count({ where: { sentAt: null } });
  const received = sink.received() - before;
  if (failed > 0 || unsent > 0 || received !== count) throw new Error(`drain: ${failed} failed, ${unsent} unsent, ${received} received of ${count}`);
  await db.notification.deleteMany();
  return count / seconds;
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-mail-"));
const sink = await mailSink();
const mail = buildConfig({
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  MAIL_FROM: "Ban biên tập góp ý <khong-tra-loi@gopy.example.vn>",
  PUBLIC_URL: "https://gopy.example.vn",
}).mail!;
const figures: Record<string, number | number[] | string> = {};
const loads = [load()];
try {
  for (const kind of DATABASES) {
    const database = await freshDatabase(kind, dir);
    const target = resolveDatabaseTarget(appDatabaseUrl(database.url).url);
    const db = createDb(target);
    await tuneDb(db, target); // as the app's client: WAL, synchronous FULL
    const reference: number[] = [];
    const after: number[] = [];
    try {
      for (let r = 0; r < ROUNDS; r++) {
        const unpooled = createMailTransport(mail, { pool: false });
        await queue(db, REFERENCE_EMAILS, mail.publicUrl);
        reference.push(await drainAll(db, unpooled, { from: mail.from, batch: 20, concurrency: 1 }, REFERENCE_EMAILS, sink));
        unpooled.close();
        loads.push(load());

        const pooled = createMailTransport(mail, { pool: true, maxConnections: CONNECTIONS });
        await queue(db, EMAILS, mail.publicUrl);
        after.push(await drainAll(db, pooled, { from: mail.from, batch: BATCH, concurrency: CONCURRENCY }, EMAILS, sink));
        pooled.close();
        loads.push(load());
        console.log(`${kind} round ${r + 1}: reference ${round(reference[r]!)} emails/s, sender ${round(after[r]!)} emails/s (load ${load()})`);
      }
    } finally {
      await db.$disconnect();
      await database.drop();
    }
    const key = kind === "postgresql" ? "postgres" : kind;
    figures[`emails_per_s_${key}`] = round(mean(after));
    figures[`emails_per_s_${key}_rounds`] = after.map((v) => round(v));
    figures[`reference_emails_per_s_${key}`] = round(mean(reference));
    figures[`speedup_${key}`] = round(mean(after) / mean(reference), 2);
  }
} finally {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
}
const references = DATABASES.map((kind) => figures[`reference_emails_per_s_${kind === "postgresql" ? "postgres" : kind}`] as number);
console.log(
  JSON.stringify({
    emails: EMAILS,
    reference_emails: REFERENCE_EMAILS,
    batch: BATCH,
    concurrency: CONCURRENCY,
    connections: CONNECTIONS,
    ...figures,
    reference_emails_per_s: round(mean(references)),
    load_average: round(Math.max(...loads), 2),
    load_averages: loads,
  }),
);
