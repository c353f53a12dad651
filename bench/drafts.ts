// npm run bench:drafts — the drafting benchmarks (issue 14), through the production server:
//   - edit_save_p95_ms: the editor's autosave of a 2,000-paragraph working copy (a Chương/Điều draft made
//     from the 2013 Constitution, renumbered and repeated), one paragraph changed per save, BENCH_SAVES
//     saves (60) after 5 not counted, each a real multipart POST to /quan-tri/du-thao/<id>/soan-thao/luu
//     with the session cookie and CSRF token, as the browser sends it (whole document JSON, base revision);
//   - publish_s: publishing that working copy (a second version: version 1 is published first) through
//     the page's form, until the 303 answer; the public page is then checked for the last edit;
//   - references measured in the same run on the same server: GET /healthz, and the same save of a
//     10-paragraph working copy (what the document's size costs); the document check alone, in process;
//   - import_preview_s, import_rss_growth_mb: measureImport() of bench/drafts-import.ts, run first in this process.
// Targets: edit p95 < 200 ms, publish < 5 s, import preview < 5 s and < 300 MB.
// On SQLite and PostgreSQL (its Unix socket when local); the headline figures are the worse of the two.
// Environment: BENCH_DATABASES ("sqlite,postgresql"), BENCH_SAVES (60), BENCH_PARAGRAPHS (2000),
// BENCH_SKIP_BUILD=1 (use the existing build), TEST_POSTGRES_URL. The last line printed is one JSON object.
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { checkDocumentJson } from "~/consultations/document/validate.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { getWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { hashPassword } from "~/staff/passwords.server.ts";
import { longDraftText } from "./drafts-data.ts";
import { measureImport } from "./drafts-import.ts";
import { appDatabaseUrl, createDatabase, freePort, root, signIn, startServer, waitFor } from "./support.js";

const PASSWORD = "mat-khau-soan-thao-2026";
const SAVES = Number(process.env.BENCH_SAVES ?? 60);
const WARMUP = 5;
const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 2000);
const REFERENCE_REQUESTS = 40;
const DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((s) => s.trim()) as ("sqlite" | "postgresql")[];

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (ms: number[]) => ({ p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), max: round(Math.max(...ms), 1) });

const SMALL_DRAFT = [
  "DỰ THẢO NGẮN",
  "Chương I",
  "QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi",
  ...Array.from({ length: 10 }, (_, i) => `${i + 1}. Khoản thứ ${i + 1} của điều luật ngắn dùng để so sánh.`),
].join("\n\n");

function blockIds(doc: JSONContent, kinds = new Set(["paragraph"])): string[] {
  if (doc.type && kinds.has(doc.type) && doc.content?.length) return [doc.attrs!.id as string];
  return (doc.content ?? []).flatMap((child) => blockIds(child, kinds));
}

function withText(doc: JSONContent, id: string, text: string): JSONContent {
  if (doc.attrs?.id === id) return { ...doc, content: [{ type: "text", text }] };
  return doc.content ? { ...doc, content: doc.content.map((child) => withText(child, id, text)) } : doc;
}

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

/** The editor page, as the browser gets it; its CSRF token. */
async function openEditor(session: Omit<Session, "csrf">, consultationId: string) {
  const started = performance.now();
  const response = await fetch(`${session.base}/quan-tri/du-thao/${consultationId}/soan-thao`, { headers: { cookie: session.cookie } });
  const html = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`The editor page answered ${response.status}`);
  return { ms, bytes: Buffer.byteLength(html), csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]! };
}

/** Saves through the route as draft-editor.tsx does; returns the time and the new revision. */
async function save(session: Session, consultationId: string, versionId: string, baseRevision: number, document: string) {
  const body = new FormData();
  body.set("csrf", session.csrf);
  body.set("versionId", versionId);
  body.set("baseRevision", String(baseRevision));
  body.set("document", document);
  const started = performance.now();
  const response = await fetch(`${session.base}/quan-tri/du-thao/${consultationId}/soan-thao/luu`, {
    method: "POST",
    body,
    headers: { cookie: session.cookie, accept: "application/json" },
  });
  const answer = (await response.json()) as { status: string; revision?: number; message: string };
  const ms = performance.now() - started;
  if (answer.status !== "saved") throw new Error(`Save answered ${response.status}: ${answer.message}`);
  // The route's own time, from the moment it starts reading the body to its answer.
  const timing = response.headers.get("server-timing") ?? "";
  const serverMs = Number(/app;dur=([\d.]+)/.exec(timing)?.[1]);
  const cpuMs = Number(/cpu;dur=([\d.]+)/.exec(timing)?.[1]);
  if (!Number.isFinite(serverMs) || !Number.isFinite(cpuMs)) throw new Error("The save answered without its Server-Timing");
  return { ms, serverMs, cpuMs, revision: answer.revision! };
}

/** `count` saves of the working copy, each changing one more paragraph. */
async function saveRounds(session: Session, db: Db, consultationId: string, count: number) {
  const copy = (await getWorkingCopy(db, consultationId))!;
  const ids = blockIds(copy.content);
  let doc = copy.content;
  let revision = copy.revision;
  const ms: number[] = [];
  const serverMs: number[] = [];
  const cpuMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[(i * 37) % ids.length]!;
    doc = withText(doc, id, `Đoạn sửa lần thứ ${i + 1} trong bản làm việc: quyền con người, quyền công dân được công nhận, tôn trọng, bảo vệ.`);
    const document = JSON.stringify(doc);
    bytes = Buffer.byteLength(document);
    const saved = await save(session, consultationId, copy.id, revision, document);
    revision = saved.revision;
    ms.push(saved.ms);
    serverMs.push(saved.serverMs);
    cpuMs.push(saved.cpuMs);
  }
  return {
    ms,
    serverMs,
    cpuMs,
    bytes,
    blocks: blockIds(copy.content, new Set(["paragraph", "heading"])).length,
    lastText: `Đoạn sửa lần thứ ${count} trong bản làm việc`,
    revision,
    versionId: copy.id,
  };
}

async function publish(session: Session, consultationId: string, versionId: string, revision: number) {
  const started = performance.now();
  const response = await fetch(`${session.base}/quan-tri/du-thao/${consultationId}/soan-thao`, {
    method: "POST",
    body: new URLSearchParams({ csrf: session.csrf, intent: "cong-bo", versionId, baseRevision: String(revision) }),
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 303) throw new Error(`Publish answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return seconds;
}

async function runOn(kind: "sqlite" | "postgresql", dir: string) {
  console.error(`\n== ${kind}`);
  const { url, drop } = await createDatabase(kind, dir);
  const db = createDb(resolveDatabaseTarget(url));
  let server: ChildProcess | null = null;
  try {
    const email = `soan-thao-${Date.now()}@bench.vn`;
    const user = await db.user.create({ data: { email, name: "Ban Soạn Thảo Thử", role: "EDITOR", passwordHash: await hashPassword(PASSWORD) } });
    const draft = longDraftText(PARAGRAPHS);
    const setupStarted = performance.now();
    const big = await createConsultationFromText(db, { slug: "bench-ban-lam-viec-dai", status: "OPEN" }, draft.text);
    const small = await createConsultationFromText(db, { slug: "bench-ban-lam-viec-ngan", status: "OPEN" }, SMALL_DRAFT);
    for (const c of [big, small]) await startWorkingCopy(db, { consultationId: c.consultation.id, from: "published", actorId: user.id });
    const paragraphs = big.stats.clauses + big.stats.points + big.stats.paragraphs + big.stats.listItems;
    console.error(
      `   ${paragraphs} paragraphs (${big.stats.articles} Điều, ${big.stats.chapters} Chương); version 1 published and copied in ${round((performance.now() - setupStarted) / 1000, 1)} s`,
    );

    const app = appDatabaseUrl(url);
    const port = await freePort();
    server = startServer(app.url, port, { WEB_CONCURRENCY: "1" });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`);
    const cookie = await signIn(base, email, PASSWORD);
    const page = await openEditor({ base, cookie }, big.consultation.id);
    const session: Session = { base, cookie, csrf: page.csrf };
    console.error(`   editor page: ${round(page.ms)} ms, ${(page.bytes / 1e6).toFixed(2)} MB (database over ${app.connection})`);

    const load = [round(loadavg()[0]!, 1)];
    const healthMs: number[] = [];
    for (let i = 0; i < REFERENCE_REQUESTS; i++) {
      const started = performance.now();
      await (await fetch(`${base}/healthz`)).text();
      healthMs.push(performance.now() - started);
    }
    const smallSaves = await saveRounds(session, db, small.consultation.id, REFERENCE_REQUESTS);
    const bigSaves = await saveRounds(session, db, big.consultation.id, SAVES + WARMUP);
    const counted = bigSaves.serverMs.slice(WARMUP);
    const countedClient = bigSaves.ms.slice(WARMUP);
    const countedCpu = bigSaves.cpuMs.slice(WARMUP);
    const copy = (await getWorkingCopy(db, big.consultation.id))!;
    const json = JSON.stringify(copy.content);
    const checkMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      if (!checkDocumentJson(json).ok) throw new Error("The stored working copy does not pass the check");
      checkMs.push(performance.now() - started);
    }
    console.error(`   /healthz ${JSON.stringify(summary(healthMs))} ms; 10-paragraph save ${JSON.stringify(summary(smallSaves.serverMs))} ms on the server`);
    console.error(
      `   ${bigSaves.blocks}-block save (${(bigSaves.bytes / 1e6).toFixed(2)} MB of JSON), ${counted.length} counted: ${JSON.stringify(summary(counted))} ms on the server (its process's CPU ${JSON.stringify(summary(countedCpu))} ms), ${JSON.stringify(summary(countedClient))} ms seen by the client; the document check alone ${round(percentile(checkMs, 50), 1)} ms`,
    );

    const publishS = await publish(session, big.consultation.id, bigSaves.versionId, bigSaves.revision);
    const blocks = await db.block.count({ where: { versionId: bigSaves.versionId } });
    const publicPage = await (await fetch(`${base}/du-thao/bench-ban-lam-viec-dai`)).text();
    if (!publicPage.includes(bigSaves.lastText)) throw new Error("The public page does not show the last edit after publishing");
    load.push(round(loadavg()[0]!, 1));
    console.error(`   publish (version 2, ${blocks} blocks): ${round(publishS, 2)} s; the public page shows the last edit; load average ${load.join(" → ")}`);
    return {
      database: kind,
      connection: app.connection,
      paragraphs,
      blocks,
      documentMb: round(bigSaves.bytes / 1e6, 2),
      editorPageMs: round(page.ms),
      saveMs: summary(counted),
      saveClientMs: summary(countedClient),
      saveCpuMs: summary(countedCpu),
      smallSaveMs: summary(smallSaves.serverMs),
      healthzMs: summary(healthMs),
      checkMs: round(percentile(checkMs, 50), 1),
      publishS: round(publishS, 2),
      load,
    };
  } finally {
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once("exit", r)));
    }
    await db.$disconnect();
    await drop();
  }
}

async function main() {
  // The import first, while this process is fresh: its memory figure is this process's peak growth.
  const imported = await measureImport();
  if (process.env.BENCH_SKIP_BUILD !== "1") execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-drafts-"));
  const runs: Awaited<ReturnType<typeof runOn>>[] = [];
  try {
    for (const kind of DATABASES) runs.push(await runOn(kind, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const worst = (pick: (run: (typeof runs)[number]) => number) => Math.max(...runs.map(pick));
  console.log(
    JSON.stringify({
      import_preview_s: imported.import_preview_s,
      import_rss_growth_mb: imported.import_rss_growth_mb,
      edit_save_p95_ms: worst((run) => run.saveMs.p95),
      publish_s: worst((run) => run.publishS),
      reference_healthz_p95_ms: worst((run) => run.healthzMs.p95),
      reference_small_save_p95_ms: worst((run) => run.smallSaveMs.p95),
      saves: SAVES,
      runs,
    }),
  );
}

await main();
