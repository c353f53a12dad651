// npm run bench:page — serves the Constitution consultation page from a production build and
// measures it with wrk (50 connections, 20 s in all), and a bare node:http server sending the
// identical bytes in the same run. The two are measured in alternating rounds (app, reference, app,
// reference) so that a noisy neighbour hurts both alike. Then (issue 17) what a reader's phone gets:
// the HTML each draft's page sends against the draft's own rendered HTML (the political report, the
// Constitution and a generated 2,000-paragraph law, bench/page-law.ts, seeded by bench/page-seed.ts
// through the drafting team's publish), the gzipped JavaScript the reading page loads, and the first
// contentful paint of the law's page in Chromium on slow 3G with a 4× slower CPU.
// Last line: one JSON object with the figures.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "./chromium.js";
import { freePort, queryDatabase, waitFor } from "./support.js";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const pagePath = "/du-thao/hien-phap-2013";
const REPORT_SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const CONSTITUTION_SLUG = "hien-phap-2013";
const PAINT_LOADS = 3;
// Slow 3G as issue 17 defines it: 400 ms latency, 400 kbit/s each way; a phone's CPU 4× slower.
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;

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

/** A GET with the given Accept-Encoding: status, headers and the body's bytes as sent (not decoded). */
function rawGet(url, acceptEncoding = "identity") {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** The draft's own rendered HTML: the bytes of its published version's blocks' html, summed. */
async function draftHtmlBytes(databaseUrl, slug) {
  const rows = await queryDatabase(
    databaseUrl,
    'SELECT b."html" AS html FROM "Block" b JOIN "Consultation" c ON c."publishedVersionId" = b."versionId" WHERE c."slug" = ?',
    [slug],
  );
  if (rows.length === 0) throw new Error(`No published blocks for ${slug}`);
  return { blocks: rows.length, bytes: rows.reduce((sum, row) => sum + Buffer.byteLength(row.html), 0) };
}

/** What a draft's page sends (uncompressed, and with brotli as browsers ask) against the draft's own HTML. */
async function htmlRatio(baseUrl, databaseUrl, slug) {
  const url = `${baseUrl}/du-thao/${slug}`;
  const page = await rawGet(url);
  if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
  const wire = await rawGet(url, "gzip, deflate, br");
  const own = await draftHtmlBytes(databaseUrl, slug);
  return { slug, html: page.body.toString("utf8"), pageBytes: page.body.length, wireBytes: wire.body.length, ...own, ratio: page.body.length / own.bytes };
}

const decodeAttribute = (value) => value.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&#39;", "'");

/** The JavaScript files a page's HTML loads: every <script src> and <link rel="modulepreload">, and its inline scripts' bytes. */
function pageScripts(html, base) {
  const files = new Set();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/giu) ?? []) {
    const attr = (name) => {
      const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "iu").exec(tag);
      return match ? decodeAttribute(match[1] ?? match[2] ?? match[3]) : null;
    };
    const isScript = /^<script/iu.test(tag);
    const href = isScript ? attr("src") : /(^|\s)modulepreload(\s|$)/iu.test(attr("rel") ?? "") ? attr("href") : null;
    if (href) files.add(new URL(href, base).href);
  }
  let inlineBytes = 0;
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/giu)) {
    if (!/\ssrc\s*=/iu.test(attributes) && !/type\s*=\s*["']?application\/(ld\+)?json/iu.test(attributes)) inlineBytes += Buffer.byteLength(body);
  }
  return { files: [...files], inlineBytes };
}

/** Every JavaScript file the page's HTML loads, fetched and gzipped at level 9: their sizes summed. */
async function routeJs(html, pageUrl) {
  const { files, inlineBytes } = pageScripts(html, pageUrl);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const response = await fetch(file);
    if (!response.ok) throw new Error(`${file} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    bytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes, inlineBytes };
}

/** The JavaScript files Chromium fetches for the page (no throttling), to check that the HTML lists them all. */
async function scriptsLoaded(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    const loaded = new Set();
    page.on("request", (request) => {
      if (request.resourceType() === "script") loaded.add(request.url());
    });
    await page.goto(url, { waitUntil: "networkidle", timeout: 120_000 });
    return [...loaded];
  } finally {
    await context.close();
  }
}

/** First contentful paint of one cold load: a fresh context (empty cache), 360×640, slow 3G, the CPU 4× slower. */
async function firstPaint(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
    const ms = await page.evaluate(
      () =>
        new Promise((resolve) => {
          setTimeout(() => resolve(null), 60_000);
          new PerformanceObserver((list) => {
            const paint = list.getEntries().find((entry) => entry.name === "first-contentful-paint");
            if (paint) resolve(paint.startTime);
          }).observe({ type: "paint", buffered: true });
        }),
    );
    if (ms === null) throw new Error(`No first contentful paint within 60 s on ${url}`);
    return ms;
  } finally {
    await context.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  // The generated law, published as the drafting team publishes (in TypeScript: the app's own functions).
  const seedOut = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "bench/page-seed.ts"], {
    cwd: root,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const law = JSON.parse(seedOut.trim().split("\n").at(-1));
  console.log(
    `Luật sinh: ${law.paragraphs} đoạn (${law.chapters} chương, ${law.sections} mục, ${law.articles} điều, ${law.clauses} khoản, ${law.points} điểm), ${law.blocks} khối, ${law.text_bytes} byte chữ; công bố trong ${law.seconds} s`,
  );

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

  // What a reader's phone gets: HTML against the draft's own, the route's JavaScript, the first paint.
  const appBase = `http://127.0.0.1:${appPort}`;
  const drafts = [];
  for (const slug of [REPORT_SLUG, CONSTITUTION_SLUG, law.slug]) {
    const draft = await htmlRatio(appBase, env.DATABASE_URL, slug);
    drafts.push(draft);
    console.log(
      `HTML ${slug}: ${draft.pageBytes} byte (${draft.wireBytes} byte nén br) cho ${draft.bytes} byte HTML của ${draft.blocks} khối: ${draft.ratio.toFixed(2)}× (mục tiêu ≤ 1,3)`,
    );
  }
  const lawUrl = `${appBase}/du-thao/${law.slug}`;
  const js = await routeJs(drafts[2].html, lawUrl);
  console.log(`JavaScript trang đọc: ${js.files.length} tệp, ${js.bytes} byte, ${js.gzipBytes} byte gzip -9; script nội tuyến ${js.inlineBytes} byte`);
  const browser = await launchChromium();
  let paints;
  let unlisted;
  try {
    const loaded = await scriptsLoaded(browser, lawUrl);
    unlisted = loaded.filter((file) => !js.files.includes(file));
    if (unlisted.length) console.log(`Chromium còn tải ${unlisted.length} tệp JavaScript không có trong HTML: ${unlisted.join(", ")}`);
    paints = [];
    for (let i = 0; i < PAINT_LOADS; i++) paints.push(await firstPaint(browser, lawUrl));
  } finally {
    await browser.close();
  }
  const firstPaintMs = median(paints);
  console.log(
    `First contentful paint (3G chậm, CPU chậm ${CPU_SLOWDOWN}×, 360×640): ${paints.map((ms) => ms.toFixed(0)).join(", ")} ms, trung vị ${firstPaintMs.toFixed(0)} ms (mục tiêu < 2.500 ms); tải trung bình ${loadavg()[0].toFixed(1)}`,
  );
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
      html_ratio: Object.fromEntries(drafts.map((draft) => [draft.slug, Number(draft.ratio.toFixed(3))])),
      html_bytes: Object.fromEntries(drafts.map((draft) => [draft.slug, draft.pageBytes])),
      html_wire_bytes: Object.fromEntries(drafts.map((draft) => [draft.slug, draft.wireBytes])),
      document_html_bytes: Object.fromEntries(drafts.map((draft) => [draft.slug, draft.bytes])),
      law_paragraphs: law.paragraphs,
      route_js_gzip_bytes: js.gzipBytes,
      route_js_bytes: js.bytes,
      route_js_files: js.files.length,
      route_js_inline_bytes: js.inlineBytes,
      route_js_unlisted: unlisted.length,
      first_paint_ms: Math.round(firstPaintMs),
      first_paint_runs_ms: paints.map((ms) => Math.round(ms)),
      load_average: Number(loadavg()[0].toFixed(1)),
    }),
  );
} finally {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}
