// npm run bench:versions — revised versions and answers at scale (issue 15), on SQLite (200,000 opinions)
// and PostgreSQL (1,000,000). Per database, on a fresh database (migrated, with the demo data):
//   1. seed (bench/versions-data.ts): a consultation whose published version 1 is a 2,000-paragraph
//      draft, an editor and a moderator, the opinions spread over its blocks (1 in 16 on the whole draft),
//      90% approved, one near-duplicate group of exactly 10,000 approved members, and 100,000 answered
//      opinions (Answer rows of the four dispositions, per section) → seed_s;
//   2. the revision: a working copy started from version 1 (startWorkingCopy), ~5% of its paragraphs
//      edited (ids kept), ~1% deleted, ~1% new ones inserted, saved (saveWorkingCopy), then
//      publishWorkingCopy timed → publish_version_s. Opinions still attached (blockKey null or the key of
//      a block of some published version of the consultation) are counted with one SQL before and after
//      → comments_before, comments_after, which must be equal (else the run fails); the opinions on the
//      removed blocks (they stay on version 1) → comments_on_removed_blocks;
//   3. the production server started on the database (its baseUrl for the diff page), and the measures of
//      the other parts of issue 15 (diff page, answering the group, the response report .docx): see the
//      marked block in runOn.
// Goals (issue 15): publish < 30 s with every comment still attached; diff p95 < 100 ms; answering a
// 10,000-member group < 5 s; the response report .docx of 100,000 answered opinions < 30 s.
//
// Environment: BENCH_DATABASES ("sqlite,postgresql"), BENCH_SQLITE_COMMENTS (200000), BENCH_PG_COMMENTS
// (1000000), BENCH_PARAGRAPHS (2000), BENCH_GROUP (10000), BENCH_ANSWERED (100000), BENCH_SKIP_BUILD=1 (use the existing build), TEST_POSTGRES_URL.
// Progress goes to stderr; the last line printed is one JSON object. Every database and temporary file is
// removed at the end, also when a step fails or the run is interrupted.
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { getWorkingCopy, publishWorkingCopy, saveWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, tuneDb } from "~/platform/db.server.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { seeded } from "./random.ts";
import { appDatabaseUrl, createDatabase, freePort, root, startServer, waitFor } from "./support.js";
import { checkSeed, reviseDocument, seedVersionsData } from "./versions-data.ts";
// The other parts' measures (issue 15): the changes page, answering a group, the response report's .docx.
import { measureAnswerGroup } from "./versions-answer.ts";
import { measureDiff } from "./versions-diff.ts";
import { measureResponseDocx } from "./versions-report.ts";

type Kind = "sqlite" | "postgresql";
const DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((s) => s.trim()) as Kind[];
const SIZES: Record<Kind, number> = {
  sqlite: Number(process.env.BENCH_SQLITE_COMMENTS ?? 200_000),
  postgresql: Number(process.env.BENCH_PG_COMMENTS ?? 1_000_000),
};
const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 2000);
const GROUP_SIZE = Number(process.env.BENCH_GROUP ?? 10_000);
const ANSWERED = Number(process.env.BENCH_ANSWERED ?? 100_000);

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const load1 = () => round(loadavg()[0]!, 1);
const seconds = (since: number) => (performance.now() - since) / 1000;

/** What to undo if the run is interrupted (Ctrl-C, kill): databases, servers, the temporary folder. */
const cleanups = new Set<() => Promise<unknown>>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void Promise.allSettled([...cleanups].reverse().map((cleanup) => cleanup())).then(() => process.exit(130));
  });
}

/** Opinions still attached: on the whole draft, or on a block of some published version of the consultation. */
async function attachedComments(sql: SqlDriver, consultationId: string): Promise<number> {
  const [row] = await sql.all<{ n: unknown }>(
    // The keys as a set (a hashed subplan on PostgreSQL, an ephemeral index on SQLite), not a lookup per opinion.
    `SELECT COUNT(*) AS "n" FROM "Comment" c WHERE c."consultationId" = ? AND (c."blockKey" IS NULL OR c."blockKey" IN (
       SELECT b."key" FROM "Block" b JOIN "DocumentVersion" v ON v."id" = b."versionId" WHERE v."consultationId" = ? AND v."status" = 'PUBLISHED'))`,
    [consultationId, consultationId],
  );
  return Number(row!.n);
}

/** Opinions on blocks the version `versionId` no longer has (they stay on the version they were written on). */
async function commentsOnRemovedBlocks(sql: SqlDriver, consultationId: string, versionId: string): Promise<number> {
  const [row] = await sql.all<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Comment" c WHERE c."consultationId" = ? AND c."blockKey" IS NOT NULL
       AND c."blockKey" NOT IN (SELECT b."key" FROM "Block" b WHERE b."versionId" = ?)`,
    [consultationId, versionId],
  );
  return Number(row!.n);
}

async function runOn(kind: Kind, dir: string) {
  const total = SIZES[kind];
  console.error(`\n== ${kind}: ${total.toLocaleString("en")} opinions, ${PARAGRAPHS} paragraphs`);
  const load = [load1()];
  const { url, drop } = await createDatabase(kind, dir);
  cleanups.add(drop);
  const target = resolveDatabaseTarget(url);
  const db = createDb(target);
  const sql = createSqlDriver(target);
  let server: ChildProcess | null = null;
  const stopServer = async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  };
  cleanups.add(stopServer);
  try {
    const seedStarted = performance.now();
    const data = await seedVersionsData(db, target, { total, paragraphs: PARAGRAPHS, groupSize: GROUP_SIZE, answered: ANSWERED });
    const seedS = seconds(seedStarted);
    console.error(
      `   seeded in ${round(seedS, 1)} s (${data.answers.toLocaleString("en")} answers, group ${data.groupId} of ${GROUP_SIZE.toLocaleString("en")})`,
    );
    const checked = await checkSeed(sql, data, GROUP_SIZE);
    console.error(`   checked: ${JSON.stringify(checked)}`);
    // From here on the database is used as the app uses it (SQLite: WAL, synchronous = FULL).
    await tuneDb(db, target);

    // The revision: a working copy of version 1, changed as a drafting team would, saved.
    const startedCopy = await startWorkingCopy(db, { consultationId: data.consultationId, from: "published", actorId: data.actorId });
    if (startedCopy.status !== "saved") throw new Error(`startWorkingCopy answered ${startedCopy.status}`);
    const copy = (await getWorkingCopy(db, data.consultationId))!;
    const revised = reviseDocument(copy.content, seeded(2026), new Set([data.groupBlockKey]));
    const saved = await saveWorkingCopy(sql, {
      versionId: copy.id,
      baseRevision: copy.revision,
      content: revised.doc,
      actorId: data.actorId,
      consultationId: data.consultationId,
    });
    if (saved.status !== "saved") throw new Error(`saveWorkingCopy answered ${saved.status}`);
    console.error(`   version 2 drafted: ${revised.edited} paragraphs edited, ${revised.removed} removed, ${revised.inserted} inserted`);

    let counted = performance.now();
    const commentsBefore = await attachedComments(sql, data.consultationId);
    console.error(`   attached before: ${commentsBefore.toLocaleString("en")} (counted in ${round(seconds(counted), 1)} s)`);
    load.push(load1());
    const publishStarted = performance.now();
    const published = await publishWorkingCopy(db, {
      versionId: copy.id,
      baseRevision: saved.revision,
      actorId: data.actorId,
      consultationId: data.consultationId,
    });
    const publishS = seconds(publishStarted);
    if (published.status !== "published") throw new Error(`publishWorkingCopy answered ${published.status}`);
    counted = performance.now();
    const commentsAfter = await attachedComments(sql, data.consultationId);
    const onRemoved = await commentsOnRemovedBlocks(sql, data.consultationId, copy.id);
    console.error(
      `   published version ${published.number} (${published.blocks} blocks) in ${round(publishS)} s; attached after: ${commentsAfter.toLocaleString("en")}, ${onRemoved.toLocaleString("en")} on removed blocks (counted in ${round(seconds(counted), 1)} s)`,
    );
    if (commentsAfter !== commentsBefore) console.error(`   !! ${commentsBefore - commentsAfter} opinions were detached by publishing`);

    // The production server on the seeded database, for the pages (the diff page of the reading part).
    const app = appDatabaseUrl(url);
    const port = await freePort();
    server = startServer(app.url, port, { WEB_CONCURRENCY: "1" });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(`${baseUrl}/healthz`);
    const page = await fetch(`${baseUrl}/du-thao/${data.slug}`);
    await page.arrayBuffer();
    if (page.status !== 200) throw new Error(`The draft's page answered ${page.status}`);
    console.error(`   server on ${baseUrl} (database over ${app.connection}); the draft's page answers 200`);

    const figures: Record<string, unknown> = {
      publish_version_s: round(publishS),
      comments_before: commentsBefore,
      comments_after: commentsAfter,
      comments_on_removed_blocks: onRemoved,
      paragraphs: data.paragraphs,
      seed_s: round(seedS, 1),
    };
    // What the other measures are given (logged so that each value is in use before they are plugged in).
    const inputs = {
      baseUrl,
      slug: data.slug,
      fromNumber: 1,
      toNumber: published.number,
      consultationId: data.consultationId,
      groupId: data.groupId,
      actorId: data.actorId,
    };
    console.error(`   inputs of the other measures: ${JSON.stringify(inputs)}`);

    // The other measures. The report runs before the group is answered: its figure is for the 100,000 answered opinions seeded.
    const diff = await measureDiff({ baseUrl: inputs.baseUrl, slug: inputs.slug, fromNumber: inputs.fromNumber, toNumber: inputs.toNumber });
    console.error(`   diff page p95 ${diff.diff_p95_ms} ms (reference ${diff.reference_p95_ms} ms, ${diff.bytes} bytes)`);
    const report = await measureResponseDocx(db, sql, { consultationId: inputs.consultationId });
    console.error(`   response report .docx: ${report.response_docx_s} s, ${report.opinions} opinions, ${report.bytes} bytes`);
    const answer = await measureAnswerGroup(db, sql, { consultationId: inputs.consultationId, groupId: inputs.groupId, actorId: inputs.actorId });
    console.error(`   answering the group: ${answer.answer_group_s} s, ${answer.answered} opinions`);
    Object.assign(figures, {
      diff_p95_ms: diff.diff_p95_ms,
      diff_reference_p95_ms: diff.reference_p95_ms,
      diff_bytes: diff.bytes,
      answer_group_s: answer.answer_group_s,
      answer_group_answered: answer.answered,
      response_docx_s: report.response_docx_s,
      response_docx_bytes: report.bytes,
      response_docx_opinions: report.opinions,
    });

    load.push(load1());
    return {
      ...figures,
      comments: total,
      blocks_v1: data.blocks,
      blocks_v2: published.blocks,
      revision: { edited: revised.edited, removed: revised.removed, inserted: revised.inserted },
      load,
    };
  } finally {
    await stopServer();
    cleanups.delete(stopServer);
    await db.$disconnect();
    await sql.close();
    await drop();
    cleanups.delete(drop);
  }
}

async function main() {
  const started = performance.now();
  if (process.env.BENCH_SKIP_BUILD !== "1") execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-versions-"));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(removeDir);
  const result: Record<string, unknown> = {};
  try {
    for (const kind of DATABASES) result[kind] = await runOn(kind, dir);
  } finally {
    await removeDir();
    cleanups.delete(removeDir);
  }
  const detached = DATABASES.filter((kind) => {
    const run = result[kind] as { comments_before: number; comments_after: number };
    return run.comments_before !== run.comments_after;
  });
  console.error(`\nwhole run: ${round(seconds(started) / 60, 1)} min`);
  console.log(JSON.stringify({ ...result, load_average: loadavg().map((n) => round(n)), node: process.version, run_s: round(seconds(started), 0) }));
  if (detached.length) {
    console.error(`Opinions detached by publishing on ${detached.join(", ")}: comments_before ≠ comments_after`);
    process.exitCode = 1;
  }
}

await main();
