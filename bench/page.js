// npm run bench:page — serves the Constitution consultation page from a production build and
// measures it with wrk (50 connections, 20 s in all), and a bare node:http server sending the
// identical bytes in the same run. The two are measured in alternating rounds (app, reference, app,
// reference) so that a noisy neighbour hurts both alike. Last line: one JSON object with the figures.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, waitFor } from "./support.js";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pagePath = "/du-thao/hien-phap-2013";

if (spawnSync("wrk", ["--version"]).error) {
  console.error("bench:page cần wrk: apt-get install -y wrk");
  process.exit(1);
}

function wrk(url, duration) {
  const out = execFileSync("wrk", ["-t2", `-c${connections}`, `-d${duration}s`, "--latency", url], { encoding: "utf8" });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
  const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
  const p99ms = Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]];
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors:.*/.exec(out)?.[0] ?? "";
  return { rps, p99ms, non2xx, errors, out };
}

const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-"));
const children = [];
try {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`,
    SEED_DEMO: "always",
    REQUEST_LOG: "off",
    CHECKPOINT_DISABLE: "1",
  };
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, env, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: root, env, stdio: "inherit" });

  const appPort = await freePort();
  const app = spawn(process.execPath, ["server/index.js"], { cwd: root, env: { ...env, PORT: String(appPort), HOST: "127.0.0.1" }, stdio: "inherit" });
  children.push(app);
  const appUrl = `http://127.0.0.1:${appPort}${pagePath}`;
  await waitFor(appUrl);
  const response = await fetch(appUrl);
  const body = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get("content-type");
  const file = path.join(dir, "page.html");
  writeFileSync(file, body);

  const staticPort = await freePort();
  const reference = spawn(process.execPath, [path.join(root, "bench/static-server.js"), file, String(staticPort), contentType], { stdio: "ignore" });
  children.push(reference);
  const staticUrl = `http://127.0.0.1:${staticPort}/`;
  await waitFor(staticUrl);

  console.log(`Trang: ${pagePath}, ${body.length} byte, ${connections} kết nối, ${seconds} s mỗi máy chủ, ${rounds} lượt xen kẽ (wrk)`);
  const runs = { app: [], reference: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const [name, url] of [
      ["app", appUrl],
      ["reference", staticUrl],
    ]) {
      const result = wrk(url, seconds / rounds);
      runs[name].push(result);
      console.log(
        `lượt ${round} ${name === "app" ? "ứng dụng  " : "tham chiếu"}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99ms.toFixed(1)} ms ${result.errors} non-2xx=${result.non2xx}`,
      );
    }
  }
  // Throughput: the mean over rounds; p99: the worst round (conservative).
  const summarize = (list) => ({
    rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
    p99ms: Math.max(...list.map((r) => r.p99ms)),
    non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
  });
  const real = summarize(runs.app);
  const stat = summarize(runs.reference);
  console.log(`Ứng dụng:   ${real.rps.toFixed(0)} req/s, p99 ${real.p99ms.toFixed(1)} ms`);
  console.log(`Tham chiếu: ${stat.rps.toFixed(0)} req/s, p99 ${stat.p99ms.toFixed(1)} ms`);
  const ratio = real.rps / stat.rps;
  console.log(`Tỉ lệ: ${(ratio * 100).toFixed(1)}% (mục tiêu ≥ 50%, p99 < 50 ms)`);
  console.log(
    JSON.stringify({
      bench: "page",
      bytes: body.length,
      connections,
      seconds,
      rounds,
      database: env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
      rps: Math.round(real.rps),
      p99_ms: Number(real.p99ms.toFixed(2)),
      non2xx: real.non2xx,
      static_rps: Math.round(stat.rps),
      static_p99_ms: Number(stat.p99ms.toFixed(2)),
      ratio: Number(ratio.toFixed(3)),
    }),
  );
} finally {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}
