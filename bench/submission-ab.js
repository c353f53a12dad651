// node bench/submission-ab.js <root A> <root B> [...]: CPU per accepted submission of two (or more) builds of
// the app, measured in turns on one machine (issue 18, ADR 066). Each root is a checkout with its own
// production build (`npm run build` there first) and its own fresh PostgreSQL database (its migrations, the
// demo data: its bench/support.js createDatabase), kept for all its turns. Each turn: the app started
// (2 workers, SEARCH_ENGINE=postgres unless AB_SEARCH_ENGINE says otherwise), a 3 s warm-up, ANALYZE, then
// bench:comments' forms at AB_RATE (300)/s for AB_SECONDS (20); CPU from /proc as bench/submission-cpu.js
// counts it (the app's processes; this database's PostgreSQL backends and the server's shared processes).
// AB_ROUNDS (4) rounds, the order of the roots reversed every other round, so that the machine's other load
// and each database's growth fall on all alike. Last line: JSON, each root's turns and medians.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cpuPerSubmission, cpuTicks } from "./submission-cpu.js";

const roots = process.argv.slice(2).map((r) => path.resolve(r));
if (roots.length < 2) throw new Error("usage: node bench/submission-ab.js <root A> <root B> [...]");
const rate = Number(process.env.AB_RATE ?? 300);
const seconds = Number(process.env.AB_SECONDS ?? 20);
const rounds = Number(process.env.AB_ROUNDS ?? 4);
const engine = process.env.AB_SEARCH_ENGINE ?? "postgres";
const dir = mkdtempSync(path.join(tmpdir(), "gopy-submission-ab-"));

const sides = [];
for (const root of roots) {
  const support = await import(path.join(root, "bench/support.js"));
  const db = await support.createDatabase("postgresql", dir);
  sides.push({ root, support, db, turns: [] });
}

async function turn(side, label) {
  const { support, db } = side;
  const port = await support.freePort();
  const server = support.startServer(support.appDatabaseUrl(db.url).url, port, { WEB_CONCURRENCY: "2", SEARCH_ENGINE: engine });
  try {
    const base = `http://127.0.0.1:${port}`;
    await support.waitFor(`${base}/healthz`);
    const blockKey = await support.firstBlockKey(base);
    const url = `${base}/du-thao/${support.DEMO_DRAFT}/gop-y`;
    const warm = path.join(dir, `${label}-warm.txt`);
    const bodies = path.join(dir, `${label}.txt`);
    await support.writeCommentBodies(warm, rate * 3, { blockKey, prefix: `w${label}` });
    await support.writeCommentBodies(bodies, Math.ceil(rate * seconds * 1.05), { blockKey, prefix: label });
    support.runLoad({ url, rate, seconds: 3, concurrency: 64, bodiesFile: warm });
    await support.queryDatabase(db.url, "ANALYZE");
    const database = new URL(db.url).pathname.slice(1);
    const before = cpuTicks(server.pid, database);
    const load = support.runLoad({ url, rate, seconds, concurrency: 64, bodiesFile: bodies });
    const cpu = cpuPerSubmission(before, cpuTicks(server.pid, database), load.accepted, true);
    const [{ n }] = await support.queryDatabase(db.url, `SELECT COUNT(*) AS n FROM "Comment" WHERE "originalText" LIKE ?`, [`${support.MARKER} ${label}-%`]);
    // Every stored comment has its search document (written by the same statement, ADR 055).
    const [{ n: documents }] = await support.queryDatabase(db.url, `SELECT COUNT(*) AS n FROM "SearchEntry" WHERE "kind" = 'comment' AND "document" LIKE ?`, [
      `%${support.MARKER} ${label}-%`,
    ]);
    return { accepted: load.accepted, rows: Number(n), documents: Number(documents), p99_ms: load.p99_ms, app_ms: cpu.app, postgresql_ms: cpu.postgresql };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Number(((sorted[mid - 1] + sorted[mid]) / 2).toFixed(3));
};

try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...sides].reverse() : sides;
    for (const side of order) {
      const result = await turn(side, `ab${round}-${sides.indexOf(side)}`);
      side.turns.push(result);
      const load = (await import("node:os")).loadavg()[0].toFixed(2);
      console.log(`${round} ${side.root}: ${JSON.stringify(result)} load ${load}`);
    }
  }
  console.log(
    JSON.stringify({
      bench: "submission-ab",
      rate,
      seconds,
      rounds,
      engine,
      sides: sides.map((s) => ({
        root: s.root,
        app_ms: median(s.turns.map((t) => t.app_ms)),
        postgresql_ms: median(s.turns.map((t) => t.postgresql_ms)),
        turns: s.turns,
      })),
    }),
  );
} finally {
  for (const side of sides) await side.db.drop();
  rmSync(dir, { recursive: true, force: true });
}
