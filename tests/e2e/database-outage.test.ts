import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
// Plain JavaScript shared with the benchmarks (bench/support.js).
import { DEMO_DRAFT, firstBlockKey, freePort, MARKER, queryDatabase, root, startServer, waitFor, writeCommentBodies } from "../../bench/support.js";

// A PostgreSQL server of the test's own (initdb into a temporary folder), stopped in the middle of a
// load of comment submissions and started again. While it is down every page answers 503 with
// Retry-After and the Vietnamese page; afterwards the failed submissions are sent again with the same
// idempotency keys, and every opinion is stored exactly once, every acknowledged receipt included.

const PG_BIN = "/usr/lib/postgresql/15/bin";
const CLIENTS = 4;
const dir = mkdtempSync(path.join(tmpdir(), "gopy-outage-"));
const data = path.join(dir, "pg");
let port = 0;
let started = false;

/** Runs a PostgreSQL tool as the postgres user when we are root (PostgreSQL refuses to run as root). */
function pg(tool: string, args: string[]) {
  const asRoot = userInfo().uid === 0;
  return execFileSync(asRoot ? "runuser" : path.join(PG_BIN, tool), asRoot ? ["-u", "postgres", "--", path.join(PG_BIN, tool), ...args] : args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
const pgStart = () => {
  pg("pg_ctl", ["start", "-w", "-D", data, "-l", path.join(dir, "pg.log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  started = true;
};
const pgStop = () => {
  pg("pg_ctl", ["stop", "-w", "-m", "fast", "-D", data]);
  started = false;
};

afterAll(() => {
  if (started) pgStop();
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { index: number; status: number; receipt?: string; retryAfter?: string | null; page?: string; at: number };

async function send(url: string, body: string, index: number): Promise<Outcome> {
  try {
    const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    const page = await response.text();
    const location = response.headers.get("location") ?? "";
    const receipt = response.status === 303 && location.includes("/y-kien/") ? location.split("/y-kien/")[1].split("?")[0] : undefined;
    return { index, status: response.status, receipt, retryAfter: response.headers.get("retry-after"), page, at: Date.now() };
  } catch {
    return { index, status: 0, at: Date.now() }; // no answer at all: the person would send again too
  }
}

it("answers 503 with Retry-After while PostgreSQL is down, and after it is back a retry with the same key stores each opinion once", async () => {
  // Our own PostgreSQL cluster, owned by the postgres user.
  chmodSync(dir, 0o755);
  if (userInfo().uid === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
    chownSync(dir, id("-u"), id("-g"));
  }
  pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"]);
  port = await freePort();
  pgStart();
  const databaseUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  execFileSync("npm", ["run", "--silent", "db:setup"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: "always", CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });

  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  const server = startServer(databaseUrl, appPort, { PAGE_CACHE_SECONDS: "0" });
  try {
    await waitFor(`${base}/healthz`);
    const blockKey = await firstBlockKey(base);
    const bodiesFile = path.join(dir, "bodies.txt");
    await writeCommentBodies(bodiesFile, 3_000, { blockKey, prefix: "outage", idempotencyKeys: true });
    const bodies = readFileSync(bodiesFile, "utf8").split("\n");
    const form = `${base}/du-thao/${DEMO_DRAFT}/gop-y`;

    // A few clients, each sending one form after another until told to stop.
    const outcomes: Outcome[] = [];
    let next = 0;
    let stopLoad = false;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!stopLoad && next < bodies.length) {
        const index = next++;
        outcomes.push(await send(form, bodies[index], index));
      }
    });

    await new Promise((r) => setTimeout(r, 1_500));
    const stoppedAt = Date.now();
    pgStop();
    await new Promise((r) => setTimeout(r, 1_500));

    // Down: public and staff pages, documents and data requests, all 503 with Retry-After and the page.
    const down = await Promise.all([
      fetch(form),
      fetch(`${base}/du-thao/${DEMO_DRAFT}/gop-y.data`),
      fetch(`${base}/dang-nhap`, { method: "POST", body: new URLSearchParams({ email: "ai@example.vn", password: "mat-khau-bat-ky" }), redirect: "manual" }),
    ]);
    for (const response of down) {
      expect(response.status, response.url).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
    }
    const downPage = await down[0].text();
    expect(downPage).toContain("Hệ thống tạm thời gián đoạn");
    expect(downPage).toContain("Vui lòng thử lại sau ít phút.");
    expect(downPage).toContain('<html lang="vi"');

    const restartedAt = Date.now();
    pgStart();
    // Load goes on until submissions succeed again, then a little longer.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !outcomes.some((o) => o.at > restartedAt && o.status === 303)) await new Promise((r) => setTimeout(r, 20));
    const recoveredAt = outcomes.find((o) => o.at > restartedAt && o.status === 303)?.at;
    await new Promise((r) => setTimeout(r, 500));
    stopLoad = true;
    await Promise.all(clients);
    expect(server.exitCode).toBeNull(); // the outage did not stop the server

    const during = outcomes.filter((o) => o.status !== 303);
    const unavailable = during.filter((o) => o.status === 503);
    // Every answer that was not a receipt was a 503 with Retry-After and the Vietnamese page (never a 500).
    expect(during.map((o) => o.status).filter((s) => s !== 503)).toEqual([]);
    for (const o of unavailable) {
      expect(o.retryAfter).toBe("30");
      expect(o.page).toContain("Hệ thống tạm thời gián đoạn");
    }
    expect(unavailable.length).toBeGreaterThan(0);
    expect(recoveredAt, "submissions succeed again after PostgreSQL is back").toBeDefined();

    // The people whose submission failed send the same form again: same idempotency key, same captcha solution.
    const retries = await Promise.all(during.map((o) => send(form, bodies[o.index], o.index)));
    expect(retries.map((r) => r.status)).toEqual(during.map(() => 303));

    const acknowledged = outcomes.filter((o) => o.status === 303);
    const rows = (await queryDatabase(databaseUrl, `SELECT "receiptToken", "originalText" FROM "Comment" WHERE "originalText" LIKE ?`, [
      `${MARKER} outage-%`,
    ])) as {
      receiptToken: string;
      originalText: string;
    }[];
    const sent = new Set(outcomes.map((o) => o.index));
    // Exactly one row per opinion sent, and nothing else.
    expect(rows.length).toBe(sent.size);
    const byText = new Map(rows.map((r) => [r.originalText, r.receiptToken]));
    expect(byText.size).toBe(rows.length);
    const textOf = (index: number) => new URLSearchParams(bodies[index]).get("text")!;
    for (const o of [...acknowledged, ...retries]) expect(byText.get(textOf(o.index)), `form ${o.index}`).toBe(o.receipt);

    console.log(
      JSON.stringify({
        sent: outcomes.length,
        acknowledged: acknowledged.length,
        unavailable503: unavailable.length,
        retried: retries.length,
        recoverMs: recoveredAt! - restartedAt,
        downMs: restartedAt - stoppedAt,
      }),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  }
}, 180_000);
