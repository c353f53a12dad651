import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed, vi } from "vitest";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { createAccount } from "~/staff/accounts.server.ts";
import { csrfTokenFor } from "~/staff/csrf.server.ts";
import { sessionIdOf } from "~/staff/sessions.server.ts";
import { solvedCaptcha } from "../../support/comments.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";
import { connectedRedis, redisEnabled, testRedisUrl } from "../../support/redis.ts";
import { seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { startSmtpServer } from "../../support/smtp.ts";

// Three app servers started as separate processes (`node server/index.js`, WEB_CONCURRENCY=1 each, not a
// cluster) on one PostgreSQL database and one Redis, as behind a load balancer (ADR 052): a comment sent
// to A is moderated on B (signed in on A: no sticky sessions) and public on C after the page cache's
// seconds; the per-contact limit is counted across them; an export asked on A is made once and
// downloaded byte for byte from B and C; emails are sent once; a server killed (SIGKILL) in the middle
// of an export and of an email leaves both to another server, which finishes them. Needs `npm run build`
// (done here unless build/ exists), PostgreSQL and Redis.

const root = path.resolve(import.meta.dirname, "../../..");
const PASSWORD = "Mật khẩu kiểm thử 2026";
const LEASE_SECONDS = 3;
const PAGE_CACHE_SECONDS = 2;
const CONTACT_LIMIT = 2;
const MAIL_FROM = "Ban biên tập <khong-tra-loi@gopy.example.vn>";

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

const enabled = postgresEnabled && redisEnabled;

describe.runIf(enabled)("three app servers on one PostgreSQL and Redis", () => {
  let db: Db;
  let drop: () => Promise<void>;
  let f: Fixture;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const servers: Server[] = [];
  const email = `nguoi-gop-y-${randomBytes(4).toString("hex")}@example.vn`;
  let moderator: { email: string };
  let admin: { email: string; id: string };

  async function startServer(name: string, databaseUrl: string): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, ["server/index.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        WEB_CONCURRENCY: "1",
        DATABASE_URL: databaseUrl,
        REDIS_URL: testRedisUrl,
        SEED_DEMO: "never",
        REQUEST_LOG: "off",
        PUBLIC_URL: "https://gopy.example.vn",
        // No SESSION_SECRET or CAPTCHA_SECRET: each is made once and kept in the database, so every server has the same.
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM,
        JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        PAGE_CACHE_SECONDS: String(PAGE_CACHE_SECONDS),
        RATE_LIMIT_PER_CONTACT: String(CONTACT_LIMIT),
        // Every request of the test comes from 127.0.0.1: the per-address limit is not what is shown here.
        RATE_LIMIT_PER_ADDRESS: "1000",
        RATE_LIMIT_NO_SCRIPT_PER_ADDRESS: "1000",
        EXPORT_DIR: path.join(root, "data", `exports-${name}-${process.pid}`),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server: Server = { name, child, url: `http://127.0.0.1:${port}`, output: [] };
    child.stdout!.on("data", (chunk: Buffer) => server.output.push(chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => server.output.push(chunk.toString()));
    servers.push(server);
    return server;
  }

  async function ready(server: Server) {
    await vi.waitFor(
      async () => {
        if (server.child.exitCode !== null) throw new Error(`${server.name} exited: ${server.output.join("")}`);
        expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
      },
      { timeout: 60_000, interval: 250 },
    );
  }

  /** Signs in through /dang-nhap on `server`; the cookie and the CSRF token of the session. */
  async function signIn(server: Server, who: { email: string }) {
    const response = await fetch(`${server.url}/dang-nhap`, {
      method: "POST",
      body: new URLSearchParams({ email: who.email, password: PASSWORD }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.get("set-cookie")!.split(";")[0];
    const token = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1)).split(".")[0];
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });
    return { cookie, csrf: csrfTokenFor(session.csrfSecret) };
  }

  const post = (server: Server, pathname: string, fields: Record<string, string>, cookie?: string) =>
    fetch(`${server.url}${pathname}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      redirect: "manual",
      headers: { origin: server.url, ...(cookie ? { cookie } : {}) },
    });

  async function submit(server: Server, text: string) {
    return post(server, `/du-thao/${f.slug}/gop-y`, {
      stance: "AGREE",
      text,
      name: "Trần Thị Mai",
      email,
      provinceCode: "01",
      consent: "on",
      captcha: await solvedCaptcha(db, f.slug),
    });
  }

  /** The server (of ours) whose process holds the lease `name`. */
  async function holderOf(name: string): Promise<Server> {
    const row = await db.jobLease.findUniqueOrThrow({ where: { name } });
    const pid = Number(row.holder.split(":")[1]);
    const server = servers.find((s) => s.child.pid === pid);
    if (!server) throw new Error(`lease ${name} held by ${row.holder}, not one of ours`);
    return server;
  }

  beforeAll(async () => {
    if (!existsSync(path.join(root, "build/server/index.js")) || process.env.E2E_SKIP_BUILD !== "1")
      execFileSync("npm", ["run", "--silent", "build"], { cwd: root, env: { ...process.env, NODE_ENV: "production" }, stdio: "inherit" });
    const created = await createDatabaseFromTemplate("postgresql");
    drop = created.drop;
    db = createDb(resolveDatabaseTarget(created.url));
    f = await seedReportFixture(db);
    const account = async (role: "ADMIN" | "MODERATOR") => {
      const address = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.vn`;
      const result = await createAccount(db, null, { email: address, name: `Cán bộ ${role}`, role, organizationId: null, password: PASSWORD });
      if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
      return { email: address, id: result.id };
    };
    moderator = await account("MODERATOR");
    admin = await account("ADMIN");
    smtp = await startSmtpServer();
    const [a, b, c] = [await startServer("A", created.url), await startServer("B", created.url), await startServer("C", created.url)];
    await Promise.all([ready(a), ready(b), ready(c)]);
  }, 600_000);

  // A failure shows what the servers said.
  beforeEach(() => onTestFailed(() => servers.forEach((s) => console.error(`--- server ${s.name}:\n${s.output.join("").slice(-6000)}`))));

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => (s.child.exitCode !== null || s.child.signalCode !== null ? null : new Promise((r) => s.child.once("exit", r)))));
    await smtp?.close();
    // The rate limit's counts of this test's contact (the keys are hashes: ADR 022).
    const redis = await connectedRedis();
    const hash = createHash("sha256").update(`contact:${email}`).digest("base64url").slice(0, 22);
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = (await redis.sendCommand(["SCAN", cursor, "MATCH", `gopy:{rl}:${hash}:*`, "COUNT", "1000"])) as [string, string[]];
      keys.push(...batch);
      cursor = next;
    } while (cursor !== "0");
    if (keys.length > 0) await redis.sendCommand(["DEL", ...keys]);
    redis.destroy();
    await db?.$disconnect();
    await drop?.();
  }, 60_000);

  it("serves one site: a comment sent to A, moderated on B (signed in on A), public on C; the contact limit counted across servers", async () => {
    const [a, b, c] = servers;
    const text = `Đề nghị bổ sung chỉ tiêu về chuyển đổi số cấp xã (${randomBytes(3).toString("hex")}).`;
    expect((await submit(a, text)).status).toBe(303);
    expect((await submit(b, `${text} Ý kiến thứ hai.`)).status).toBe(303);
    // The third from the same contact, to the third server: refused, counted with the two others in Redis.
    const third = await submit(c, `${text} Ý kiến thứ ba.`);
    expect(third.status).toBe(429);
    expect(await third.text()).toContain("Trần Thị Mai"); // the form again, with what was typed
    const comment = await db.comment.findFirstOrThrow({ where: { originalText: text } });
    expect(await db.comment.count({ where: { authorEmail: email } })).toBe(2);

    // Signed in on A, the session works on B (the session secret is in the database: no sticky sessions).
    const { cookie, csrf } = await signIn(a, moderator);
    expect((await post(b, "/quan-tri/kiem-duyet", { csrf, intent: "claim", id: comment.id }, cookie)).status).toBeLessThan(400);
    expect((await post(b, "/quan-tri/kiem-duyet", { csrf, intent: "approve", id: comment.id }, cookie)).status).toBeLessThan(400);
    await vi.waitFor(async () => expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("APPROVED"), { timeout: 10_000 });
    const approvedAt = Date.now();
    // Public on C once its page cache (PAGE_CACHE_SECONDS) has let go of the copy it had.
    await vi.waitFor(async () => expect(await (await fetch(`${c.url}/du-thao/${f.slug}/y-kien`)).text()).toContain(text), { timeout: 20_000, interval: 250 });
    expect(Date.now() - approvedAt).toBeLessThan((PAGE_CACHE_SECONDS + 8) * 1000);
    // Its author's email, sent once by whichever server holds the "notifications" lease.
    await vi.waitFor(() => expect(smtp.received.filter((m) => m.envelopeTo[0] === email)).toHaveLength(1), { timeout: 30_000, interval: 250 });
  }, 120_000);

  it("makes an export asked on A once, downloadable byte for byte from B and C", async () => {
    const [a, b, c] = servers;
    const { cookie, csrf } = await signIn(a, admin);
    const asked = await post(a, `/quan-tri/bao-cao/${f.consultationId}`, { csrf, format: "csv", status: "approved" }, cookie);
    expect(asked.status).toBe(302);
    const jobId = asked.headers.get("location")!.split("/").pop()!;
    await vi.waitFor(async () => expect((await db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("DONE"), {
      timeout: 30_000,
      interval: 200,
    });
    const job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.attempts).toBe(1);
    expect(await db.storedFile.count({ where: { key: `export:${jobId}` } })).toBe(1);
    const file = await db.storedFile.findUniqueOrThrow({ where: { id: job.fileId! } });
    const downloads = await Promise.all(
      [b, c].map(async (server) => {
        const response = await fetch(`${server.url}/quan-tri/bao-cao/xuat/${jobId}/tai-ve`, { headers: { cookie } });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
        expect(response.headers.get("etag")).toBe(`"${file.sha256}"`);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    expect(downloads[0].equals(downloads[1])).toBe(true);
    expect(createHash("sha256").update(downloads[0]).digest("hex")).toBe(file.sha256);
    // The header and one line per approved opinion of the fixture, and the one approved above.
    expect(downloads[0].toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(1 + 12);
  }, 120_000);

  it("a server killed in the middle of an export and of an email leaves both to another, which finishes them; each email sent once", async () => {
    const { cookie, csrf } = await signIn(servers[0], admin);
    // Enough opinions for an export that takes a while (written straight into the database).
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      consultationId: f.consultationId,
      versionId: f.versionId,
      blockKey: f.blocks.k1,
      stance: "AGREE" as const,
      status: "APPROVED" as const,
      originalText: `Ý kiến số ${i}: đề nghị làm rõ trách nhiệm của chính quyền cấp xã trong việc thu hút đầu tư và phát triển hạ tầng số.`,
      authorName: `Người góp ý ${i}`,
      provinceCode: "01",
      consentAt: new Date(),
      contentHash: `nhieu-${i}-${randomBytes(4).toString("hex")}`,
      receiptToken: randomBytes(18).toString("base64url"),
    }));
    for (let i = 0; i < rows.length; i += 5_000) await db.comment.createMany({ data: rows.slice(i, i + 5_000) });

    // Two pending opinions whose authors gave an email.
    const pending = await Promise.all(
      [0, 1].map((i) =>
        db.comment.create({
          data: {
            consultationId: f.consultationId,
            versionId: f.versionId,
            blockKey: f.blocks.k2,
            stance: "DISAGREE",
            originalText: `Đề nghị cân nhắc lại mục tiêu tăng trưởng (${i}).`,
            authorName: "Phạm Văn Long",
            authorEmail: `long.pham.${i}@example.vn`,
            provinceCode: "01",
            consentAt: new Date(),
            contentHash: randomBytes(8).toString("hex"),
            receiptToken: randomBytes(18).toString("base64url"),
          },
        }),
      ),
    );
    const mailer = await holderOf("notifications");
    const exporter = await holderOf("exports");
    const survivor = servers.find((s) => s !== mailer && s !== exporter)!;
    const sentBefore = smtp.received.length;
    // The mail server reads the next email and never answers: its sender is stuck in the middle of it.
    smtp.holdNext(1);
    const session = await signIn(survivor, moderator);
    for (const comment of pending) {
      expect((await post(survivor, "/quan-tri/kiem-duyet", { csrf: session.csrf, intent: "claim", id: comment.id }, session.cookie)).status).toBeLessThan(400);
      expect((await post(survivor, "/quan-tri/kiem-duyet", { csrf: session.csrf, intent: "approve", id: comment.id }, session.cookie)).status).toBeLessThan(
        400,
      );
    }
    await vi.waitFor(() => expect(smtp.held).toHaveLength(1), { timeout: 30_000, interval: 100 });
    const asked = await post(survivor, `/quan-tri/bao-cao/${f.consultationId}`, { csrf, format: "csv", status: "approved" }, cookie);
    expect(asked.status).toBe(302);
    const jobId = asked.headers.get("location")!.split("/").pop()!;
    // The export has written some progress.
    await vi.waitFor(
      async () => {
        const job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
        expect(job.status).toBe("RUNNING");
        expect(job.done).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 50 },
    );
    const killed = new Set([mailer, exporter]);
    for (const server of killed) server.child.kill("SIGKILL");
    const running = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(running.status).toBe("RUNNING"); // killed mid-export, not after

    // After the dead holder's lease expires another server takes the jobs: the export made again from the
    // start and finished, the email claimed by the dead sender sent.
    await vi.waitFor(async () => expect((await db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("DONE"), {
      timeout: 90_000,
      interval: 250,
    });
    const job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.attempts).toBe(2);
    expect(job.runner).not.toBe(running.runner);
    expect(await db.storedFile.count({ where: { key: `export:${jobId}` } })).toBe(1); // the half-written one is gone
    await vi.waitFor(async () => expect(await db.notification.count({ where: { sentAt: null, nextAt: { not: null } } })).toBe(0), {
      timeout: 60_000,
      interval: 250,
    });

    // Each email once (the one the dead server was sending was never accepted, so it counts once).
    const sent = smtp.received.slice(sentBefore);
    const ids = sent.map((m) => m.headers.get("message-id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sent.map((m) => m.envelopeTo[0]).sort()).toEqual(["long.pham.0@example.vn", "long.pham.1@example.vn"]);
    expect(ids).toContain(smtp.held[0].headers.get("message-id"));

    // Downloadable from the server left.
    const download = await fetch(`${survivor.url}/quan-tri/bao-cao/xuat/${jobId}/tai-ve`, { headers: { cookie } });
    expect(download.status).toBe(200);
    const lines = (await download.text()).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + 12 + 2 + rows.length);
  }, 240_000);
});
