import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
// Plain JavaScript shared with the benchmarks (bench/support.js).
import { createDatabase, firstBlockKey, freePort, queryDatabase, root, startServer, waitFor, writeCommentBodies } from "../../bench/support.js";

// Kill the server with SIGKILL in the middle of a load of comment submissions, start it again, and
// check that every comment that got a success answer is there, intact. On both databases.
const dir = mkdtempSync(path.join(tmpdir(), "gopy-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runLoadInBackground = (options: object) =>
  new Promise<{ accepted: number; errors: number; sent: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bench/comment-load.js"), JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`load exited ${code}`))));
  });

for (const kind of ["sqlite", "postgresql"] as const) {
  it(`loses no acknowledged comment when the server is killed mid-load [${kind}]`, async () => {
    const db = await createDatabase(kind, dir);
    try {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let server = startServer(db.url, port);
      await waitFor(`${base}/healthz`);
      const blockKey = await firstBlockKey(base);
      const bodiesFile = path.join(dir, `${kind}-bodies.txt`);
      const receiptsFile = path.join(dir, `${kind}-receipts.json`);
      await writeCommentBodies(bodiesFile, 2_000, { blockKey, prefix: `crash-${kind}` });

      const load = runLoadInBackground({
        url: `${base}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/gop-y`,
        rate: 300,
        seconds: 10,
        concurrency: 32,
        bodiesFile,
        receiptsFile,
      });
      // Kill once a fair number of comments are stored, mid-load: a busy shared machine warms up slower,
      // so the moment is read from the database rather than guessed from the clock (8 s at the most).
      const storedSoFar = async () =>
        Number(
          (
            (await queryDatabase(db.url, `SELECT COUNT(*) AS n FROM "Comment" WHERE "originalText" LIKE ?`, [`%crash-${kind}-%`])) as { n: number | string }[]
          )[0].n,
        );
      const killBy = Date.now() + 8_000;
      while ((await storedSoFar()) < 120 && Date.now() < killBy) await new Promise((r) => setTimeout(r, 100));
      server.kill("SIGKILL");
      const result = await load;
      expect(result.accepted).toBeGreaterThan(50);
      expect(result.errors).toBeGreaterThan(0); // the kill did land mid-load

      server = startServer(db.url, port);
      await waitFor(`${base}/healthz`);
      const bodies = readFileSync(bodiesFile, "utf8").split("\n");
      const receipts: { index: number; receipt: string }[] = JSON.parse(readFileSync(receiptsFile, "utf8"));
      const rows = await queryDatabase(db.url, `SELECT "receiptToken", "originalText", "status", "blockKey" FROM "Comment" WHERE "originalText" LIKE ?`, [
        `%crash-${kind}-%`,
      ]);
      const byToken = new Map((rows as { receiptToken: string }[]).map((r) => [r.receiptToken, r]));
      for (const { index, receipt } of receipts) {
        const row = byToken.get(receipt) as { originalText: string; status: string; blockKey: string } | undefined;
        expect(row, `receipt ${receipt} (form ${index})`).toBeDefined();
        expect(row!.originalText).toBe(new URLSearchParams(bodies[index]).get("text"));
        expect(row).toMatchObject({ status: "PENDING", blockKey });
      }
      // The restarted server answers the status links of comments taken before the crash.
      const sample = receipts.slice(-3);
      for (const { receipt } of sample) {
        const page = await fetch(`${base}/y-kien/${receipt}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Đang chờ biên tập");
      }
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    } finally {
      await db.drop();
    }
  }, 120_000);
}
