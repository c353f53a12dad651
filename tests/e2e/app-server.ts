// Global setup of the browser tests: build, migrate and seed a fresh SQLite database, start the
// production server on a free port, and stop it (and delete the database) afterwards.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-e2e-"));
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
    SEED_DEMO: "auto",
    REQUEST_LOG: "off",
    CHECKPOINT_DISABLE: "1",
    // Known to the tests, so they can make valid captcha solutions without solving them.
    CAPTCHA_SECRET: "e2e-captcha-secret",
    // Every test request comes from 127.0.0.1: the per-address limit would otherwise be shared by all files.
    RATE_LIMIT_PER_ADDRESS: "1000",
  };
  if (process.env.E2E_SKIP_BUILD !== "1") execFileSync("npm", ["run", "--silent", "build"], { cwd: root, env, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: root, env, stdio: "inherit" });

  const port = await freePort();
  const server = spawn(process.execPath, ["server/index.js"], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("The server did not answer /healthz within 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  provide("baseUrl", baseUrl);
  provide("databaseUrl", env.DATABASE_URL);
  provide("captchaSecret", env.CAPTCHA_SECRET);
  // For tests that read the server's memory (/proc/<pid>/status) while it answers.
  provide("serverPid", server.pid!);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    captchaSecret: string;
    serverPid: number;
  }
}
