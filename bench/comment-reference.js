// The bare reference of bench:comments: a node:http server that parses the same urlencoded comment form
// and INSERTs one Comment row per submission into the same kind of database as the app (a fresh one made
// the same way: migrations, indexes, demo data), committed before it answers 303. Nothing else: no
// captcha, no screening, no rate limits, no Remix. What it costs is the floor for "parse a form and store
// it" on this machine, measured in the same run as the app (bench/README.md, issue 18).
// Same process layout as the app: WEB_CONCURRENCY workers (node:cluster) sharing the port.
// SQLite: better-sqlite3, WAL, synchronous = FULL (as app/platform/sql.server.ts), one auto-committed
// INSERT per request; a busy lock is waited for inside SQLite (busy_timeout: sleeping, not CPU).
// PostgreSQL: a pg pool (max 10, named statement) over the URL it is given (the same socket or TCP as the app),
// one INSERT statement per request (auto-commit).
import cluster from "node:cluster";
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const { DATABASE_URL: url, PORT: port, WEB_CONCURRENCY: workers = "2", REFERENCE_SLUG: slug = "du-thao-bao-cao-chinh-tri-hoa-son" } = process.env;

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
  process.once("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    process.exit(0);
  });
} else {
  await serve();
}

async function serve() {
  const isSqlite = url.startsWith("file:");
  const columns = `"id", "consultationId", "versionId", "blockKey", "stance", "originalText", "status", "authorName", "authorEmail", "provinceCode", "consentAt", "contentHash", "receiptToken", "createdAt", "updatedAt"`;
  let insert;
  let target;
  if (isSqlite) {
    const db = new Database(url.slice(5));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    target = db.prepare(`SELECT "id", "publishedVersionId" FROM "Consultation" WHERE "slug" = ?`).get(slug);
    const statement = db.prepare(`INSERT INTO "Comment" (${columns}) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)`);
    insert = async (values) => statement.run(...values);
  } else {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    target = (await pool.query(`SELECT "id", "publishedVersionId" FROM "Consultation" WHERE "slug" = $1`, [slug])).rows[0];
    const text = `INSERT INTO "Comment" (${columns}) VALUES ($1, $2, $3, $4, CAST($5 AS "Stance"), $6, 'PENDING', $7, $8, $9, $10, $11, $12, $13, $14)`;
    insert = (values) => pool.query({ name: "insert-comment", text, values });
  }
  if (!target?.publishedVersionId) throw new Error(`No published draft ${slug}`);

  http
    .createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (body += chunk));
      req.on("end", async () => {
        const form = new URLSearchParams(body);
        const text = form.get("text") ?? "";
        const now = new Date();
        const at = isSqlite ? now.toISOString().replace("Z", "+00:00") : now.toISOString();
        const receipt = randomUUID().replaceAll("-", "");
        try {
          await insert([
            randomUUID(),
            target.id,
            target.publishedVersionId,
            form.get("blockKey"),
            form.get("stance"),
            text,
            form.get("name") ?? "",
            form.get("email"),
            form.get("provinceCode"),
            at,
            createHash("sha256").update(text).digest("hex"),
            receipt,
            at,
            at,
          ]);
          res.writeHead(303, { location: `/y-kien/${receipt}?moi=1`, "content-length": 0 });
        } catch (error) {
          console.error(error);
          res.writeHead(500, { "content-length": 0 });
        }
        res.end();
      });
    })
    .listen(Number(port), "127.0.0.1");
}
