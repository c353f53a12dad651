// Shared pieces of the benchmarks and the crash test: free ports, starting the production server on
// a database of its own, and comment forms with valid captcha solutions prepared in advance.
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createChallenge } from "altcha-lib/v1";
import Database from "better-sqlite3";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "..");
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const CAPTCHA_SECRET = "bench-captcha-secret";

export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor(url, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet: try again below.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The URL of another database on the same PostgreSQL server. */
export function postgresUrl(database) {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database with the demo data: its URL and a function that removes it. */
export async function createDatabase(kind, dir) {
  let url;
  let drop;
  if (kind === "sqlite") {
    url = `file:${path.join(dir, `${kind}-${Date.now()}.db`)}`;
    drop = async () => {};
  } else {
    const name = `gopy_bench_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    url = postgresUrl(name);
    drop = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  execFileSync("npm", ["run", "--silent", "db:setup"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, SEED_DEMO: "always", CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { url, drop };
}

/** Where PostgreSQL listens on this machine besides TCP (Debian's default socket folder). */
const POSTGRES_SOCKET_DIR = "/var/run/postgresql";

/**
 * The URL the app is given for a benchmark database. PostgreSQL on the same machine is reached over
 * its Unix socket, as a one-machine deployment would (on this VM a loopback TCP round trip costs
 * both processes far more CPU); BENCH_PG_TCP=1, a non-local server or a missing socket keep TCP.
 */
export function appDatabaseUrl(url) {
  if (!url.startsWith("postgresql:") || process.env.BENCH_PG_TCP === "1") return { url, connection: url.startsWith("file:") ? "file" : "tcp" };
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost"].includes(parsed.hostname) || !existsSync(`${POSTGRES_SOCKET_DIR}/.s.PGSQL.${parsed.port || 5432}`))
    return { url, connection: "tcp" };
  const socketUrl = `postgresql://${parsed.username ? `${parsed.username}@` : ""}${parsed.pathname}?host=${POSTGRES_SOCKET_DIR}&port=${parsed.port || 5432}`;
  return { url: socketUrl, connection: "unix socket" };
}

/** Counts rows with SQL straight on the database, not through the app. */
export async function queryDatabase(url, sql, params = []) {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { readonly: true });
    try {
      return db.prepare(sql).all(...params);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let i = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

export function startServer(databaseUrl, port, extraEnv = {}, nodeArgs = []) {
  return spawn(process.execPath, [...nodeArgs, "server/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      REQUEST_LOG: "off",
      CAPTCHA_SECRET,
      // Raised for the run: the benchmark is one client sending everything.
      RATE_LIMIT_PER_ADDRESS: "1000000000",
      RATE_LIMIT_PER_CONTACT: "1000000000",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export const MARKER = "Ý kiến tải thử số";

/** The demo draft the benchmarks and load tests comment on. */
export const DEMO_DRAFT = "du-thao-bao-cao-chinh-tri-hoa-son";

/**
 * `count` comment forms for the draft `slug`, each with its own valid captcha solution (a challenge
 * made with the server's key and a known number, so nothing has to be brute-forced here, bound to the
 * draft as the server binds it) and its own text. With `idempotencyKeys`, each form carries its own
 * key, as a rendered form does.
 */
export async function writeCommentBodies(file, count, { blockKey, prefix, slug = DEMO_DRAFT, idempotencyKeys = false }) {
  const lines = [];
  const expires = new Date(Date.now() + 60 * 60_000);
  for (let i = 0; i < count; i++) {
    const number = i % 1000;
    const c = await createChallenge({ hmacKey: CAPTCHA_SECRET, number, maxNumber: 1000, expires, params: { "du-thao": slug } });
    const captcha = Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString(
      "base64",
    );
    lines.push(
      new URLSearchParams({
        stance: ["AGREE", "DISAGREE", "OTHER"][i % 3],
        text: `${MARKER} ${prefix}-${i}: đề nghị bổ sung giải pháp cụ thể cho mục tiêu này.`,
        name: "Người Góp Ý Thử",
        email: `tai-thu-${prefix}-${i % 997}@example.vn`,
        provinceCode: "01",
        consent: "on",
        blockKey,
        captcha,
        ...(idempotencyKeys ? { idempotencyKey: `tai-thu-${prefix}-${i}`.replace(/[^A-Za-z0-9_-]/g, "_").padEnd(16, "_") } : {}),
      }).toString(),
    );
  }
  writeFileSync(file, lines.join("\n"));
}

/** The key of the first paragraph of the demo report (a <p> block, ADR 045), read from its page. */
export async function firstBlockKey(baseUrl) {
  const html = await (await fetch(`${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`)).text();
  return /<p id="p-([a-z0-9]+)">/.exec(html)[1];
}

export function runLoad(options) {
  const out = execFileSync(process.execPath, [path.join(root, "bench/comment-load.js"), JSON.stringify(options)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1));
}

/**
 * runLoad without blocking this process's event loop meanwhile: what else it serves keeps answering (the
 * mail sink of bench:national, which the app's notification sender talks to during the load).
 */
export function runLoadAsync(options) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(root, "bench/comment-load.js"), JSON.stringify(options)],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
      (error, out) => (error ? reject(error) : resolve(JSON.parse(out.trim().split("\n").at(-1)))),
    );
  });
}

/** Signs a staff member in through /dang-nhap; returns the session cookie ("name=value"). */
export async function signIn(base, email, password) {
  const response = await fetch(`${base}/dang-nhap`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`Sign-in answered ${response.status}`);
  return response.headers.get("set-cookie").split(";")[0];
}
