// The load generator of bench:comments and of the crash test: sends prepared comment forms to
// one URL at a fixed rate (open loop, at most `concurrency` in flight) for `seconds`, then waits for
// every answer. Prints one JSON object: counts by status, latency percentiles, accepted receipts.
// Run as its own process so that it does not share an event loop with the server.
import http from "node:http";
import { readFileSync, writeFileSync } from "node:fs";

const { url, rate, seconds, concurrency, bodiesFile, receiptsFile } = JSON.parse(process.argv[2]);
const bodies = readFileSync(bodiesFile, "utf8").split("\n").filter(Boolean);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const latencies = [];
const statuses = {};
const accepted = [];
let inFlight = 0;
let sent = 0;
let errors = 0;

function post(index) {
  const body = bodies[index % bodies.length];
  const started = process.hrtime.bigint();
  inFlight++;
  const req = http.request(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: "POST",
      agent,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
    },
    (res) => {
      res.resume();
      res.on("end", () => {
        inFlight--;
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const location = res.headers.location ?? "";
        if (res.statusCode === 303 && location.includes("/y-kien/")) accepted.push({ index, receipt: location.split("/y-kien/")[1].split("?")[0] });
      });
    },
  );
  req.on("error", () => {
    inFlight--;
    errors++;
  });
  req.end(body);
  sent++;
}

const start = Date.now();
const end = start + seconds * 1000;
let skipped = 0;
await new Promise((resolve) => {
  const tick = () => {
    const now = Date.now();
    if (now >= end) return resolve();
    const due = Math.floor(((now - start) / 1000) * rate);
    while (sent + skipped < due) {
      if (inFlight >= concurrency) {
        skipped++; // the server is behind: count what could not be sent on time
        continue;
      }
      post(sent + skipped);
    }
    setTimeout(tick, 2);
  };
  tick();
});
const sendingMs = Date.now() - start;
while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
agent.destroy();

latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
if (receiptsFile) writeFileSync(receiptsFile, JSON.stringify(accepted));
console.log(
  JSON.stringify({
    sent,
    skipped,
    errors,
    statuses,
    accepted: accepted.length,
    accepted_per_s: Number((accepted.length / (sendingMs / 1000)).toFixed(1)),
    p50_ms: Number(pct(50).toFixed(2)),
    p95_ms: Number(pct(95).toFixed(2)),
    p99_ms: Number(pct(99).toFixed(2)),
    max_ms: Number((latencies.at(-1) ?? 0).toFixed(2)),
  }),
);
