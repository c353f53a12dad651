// The report pages over HTTP, as bench:reports measures them (bench:national too): a timed GET, and an
// export (CSV or Word) posted through the page's form and polled until done, with the server's RSS
// sampled every 50 ms (the process and, with WEB_CONCURRENCY, its workers) and /healthz asked meanwhile.
import type { ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";

export interface ExportFigures {
  seconds: number;
  rows: number;
  bytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  healthWorstMs: number;
  healthChecks: number;
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

const processRssKb = (pid: number | string) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/** Resident memory of the server process and of its child processes (the workers of WEB_CONCURRENCY), in MB. */
export function rssMb(pid: number): number {
  let kb = processRssKb(pid);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) kb += processRssKb(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

export async function timedGet(url: string, cookie: string): Promise<{ ms: number; bytes: number; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return { ms, bytes: Buffer.byteLength(text), text };
}

export async function runExport(
  base: string,
  cookie: string,
  consultationId: string,
  format: "csv" | "docx",
  server: ChildProcess,
  databaseUrl: string,
): Promise<ExportFigures> {
  const page = await timedGet(`${base}/quan-tri/bao-cao/${consultationId}`, cookie);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const pid = server.pid!;
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  let healthWorst = 0;
  let healthChecks = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      rssPeak = Math.max(rssPeak, rssMb(pid));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const health = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${base}/healthz`).then((r) => r.text());
      healthWorst = Math.max(healthWorst, performance.now() - started);
      healthChecks++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  const posted = await fetch(`${base}/quan-tri/bao-cao/${consultationId}`, {
    method: "POST",
    body: new URLSearchParams({ csrf, format, intent: "export" }),
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const location = posted.headers.get("location");
  if (posted.status !== 302 && posted.status !== 303) throw new Error(`Export answered ${posted.status}`);
  const jobId = location!.split("/").at(-1)!;
  const db = createDb(resolveDatabaseTarget(databaseUrl));
  let job;
  try {
    for (;;) {
      job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
      if (job.status === "DONE" || job.status === "FAILED") break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await db.$disconnect();
  }
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await Promise.all([sampler, health]);
  if (job.status !== "DONE") throw new Error(`Export ${format} failed: ${job.error}`);
  // The download itself, through the resource route.
  const download = await fetch(`${base}/quan-tri/bao-cao/xuat/${jobId}/tai-ve`, { headers: { cookie } });
  if (download.status !== 200) throw new Error(`Download answered ${download.status}`);
  // The file's size as downloaded: since ADR 052 the file is kept in the database, not at job.filePath.
  let bytes = 0;
  const reader = download.body!.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.byteLength;
  return {
    seconds: round(seconds, 2),
    rows: job.total,
    bytes,
    rssBeforeMb: round(rssBefore),
    rssPeakMb: round(rssPeak),
    rssGrowthMb: round(rssPeak - rssBefore),
    healthWorstMs: round(healthWorst),
    healthChecks,
  };
}
