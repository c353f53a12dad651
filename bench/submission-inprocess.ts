// npx tsx --tsconfig tsconfig.json bench/submission-inprocess.ts: the app's CPU per accepted submission without
// HTTP (ADR 066). On a fresh PostgreSQL database (createDatabase), `submitComment` is called directly with
// bench:comments' forms, SUBMIT_CONCURRENCY (16) in flight (so that group commit forms groups), 500 to warm up,
// ANALYZE, then SUBMIT_COUNT (3,000), with the PostgreSQL engine's documents written in each submission's
// statement (SEARCH_ENGINE=postgres). CPU from this process (process.cpuUsage) and from /proc: the database's
// own backends (`postgresql_backends_ms`) and, as bench/submission-cpu.js counts it, with the server's shared
// processes (`postgresql_ms`, which other work on the machine also drives). Run two checkouts' copies at the
// same moment to compare them under the same load. Last line: JSON.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cpuPerSubmission, cpuTicks } from "./submission-cpu.js";
import { appDatabaseUrl, CAPTCHA_SECRET, createDatabase, DEMO_DRAFT, queryDatabase, writeCommentBodies } from "./support.js";

const count = Number(process.env.SUBMIT_COUNT ?? 3_000);
const concurrency = Number(process.env.SUBMIT_CONCURRENCY ?? 16);
const dir = mkdtempSync(path.join(tmpdir(), "gopy-submission-inprocess-"));
const created = await createDatabase("postgresql", dir);
const database = new URL(created.url).pathname.slice(1);
// The app's configuration is read from the environment at its first use: set before the app's modules load.
Object.assign(process.env, {
  DATABASE_URL: appDatabaseUrl(created.url).url,
  CAPTCHA_SECRET,
  RATE_LIMIT_PER_ADDRESS: "1000000000",
  RATE_LIMIT_PER_CONTACT: "1000000000",
  SEARCH_ENGINE: "postgres",
});
const { submitComment } = await import("~/comments/submit.server.ts");
const { getDb } = await import("~/platform/db.server.ts");
const { getSql } = await import("~/platform/sql.server.ts");
const { stopGroupCounts } = await import("~/comments/group-counts.server.ts");
const { useTransactionIndexer } = await import("@search/outbox/outbox.server.ts");
const { postgresTransactionIndexer } = await import("@search/postgres/sync.server.ts");
useTransactionIndexer(postgresTransactionIndexer); // as the search runtime of a postgres-engine process does

/** CPU ticks of the PostgreSQL backends serving this database (their titles name it). */
function backendTicks(): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

const db = getDb();
const sql = getSql();
try {
  const [block] = await sql.all<{ key: string }>(
    `SELECT b."key" FROM "Block" b JOIN "Consultation" c ON c."publishedVersionId" = b."versionId" WHERE c."slug" = ? AND b."kind" = 'paragraph' ORDER BY b."position" LIMIT 1`,
    [DEMO_DRAFT],
  );
  const submit = async (prefix: string, n: number) => {
    const file = path.join(dir, `${prefix}.txt`);
    await writeCommentBodies(file, n, { blockKey: block!.key, prefix });
    const bodies = readFileSync(file, "utf8").split("\n");
    let next = 0;
    let accepted = 0;
    const lane = async () => {
      while (next < bodies.length) {
        const form = new FormData();
        for (const [name, value] of new URLSearchParams(bodies[next++]!)) form.append(name, value);
        if ((await submitComment(db, DEMO_DRAFT, form, { clientAddress: "127.0.0.1" })).status === "accepted") accepted++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return accepted;
  };
  const run = `inprocess-${Date.now().toString(36)}`;
  await submit(`${run}-warm`, 500);
  await queryDatabase(created.url, "ANALYZE");
  const [before, backendsBefore, usage] = [cpuTicks(process.pid, database), backendTicks(), process.cpuUsage()];
  const started = performance.now();
  const accepted = await submit(run, count);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(usage);
  const [after, backendsAfter] = [cpuTicks(process.pid, database), backendTicks()];
  const per = (ms: number) => Number((ms / Math.max(accepted, 1)).toFixed(3));
  console.log(
    JSON.stringify({
      bench: "submission-inprocess",
      root: process.cwd(),
      count,
      concurrency,
      accepted,
      per_s: Math.round(accepted / seconds),
      app_ms: per((used.user + used.system) / 1000),
      postgresql_backends_ms: per((backendsAfter - backendsBefore) * 10),
      postgresql_ms: cpuPerSubmission(before, after, accepted, true).postgresql,
    }),
  );
} finally {
  await stopGroupCounts(sql);
  await sql.close();
  await db.$disconnect();
  await created.drop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
