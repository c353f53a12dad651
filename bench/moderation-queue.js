// The moderation queue over HTTP, as bench:moderation measures it (bench:national too): its query set,
// timed GETs interleaved with a reference, staff sign-in, and an SMTP sink for the decision emails.
import { SMTPServer } from "smtp-server";
import { freePort } from "./support.js";

const FLAGS = ["LINK", "PROFANITY", "NO_DIACRITICS", "VERY_SHORT", "ALL_CAPS", "BURST", "NEAR_DUPLICATE"];

/** The queries of the queue page: [name, query string]. `deep`: a URL of a page a few pages in. */
export function queueQueries({ consultationId, section, deep }) {
  return [
    ["first page", ""],
    ["consultation", `consultation=${consultationId}`],
    ["section", `consultation=${consultationId}&section=${section}`],
    ["stance", "stance=DISAGREE"],
    ["status=APPROVED", "status=APPROVED"],
    ["status=REJECTED", "status=REJECTED"],
    ...FLAGS.map((flag) => [`flag=${flag}`, `flag=${flag}`]),
    ["age=24h", "age=24h"],
    ["order=newest", "order=newest"],
    ["view=groups", "view=groups"],
    ["consultation+stance+flag", `consultation=${consultationId}&stance=DISAGREE&flag=PROFANITY`],
    ["deep page (6th)", new URL(deep).search.slice(1)],
  ];
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
export const round = (ms) => Number(ms.toFixed(1));
export function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 0.5)), p95_ms: round(percentile(sorted, 0.95)), max_ms: round(sorted.at(-1)) };
}

export async function get(url, cookie) {
  const t = performance.now();
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - t;
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/**
 * `warmup` untimed GETs, then `requests` timed ones, one after the other, each followed by a GET of
 * the reference URL, so that both meet the same noise from the machine's other work. `collect`, when
 * given, receives the timed figures too.
 */
export async function measureQuery(url, cookie, referenceUrl, { warmup, requests, collect }) {
  for (let i = 0; i < warmup; i++) await get(url, cookie);
  const times = [];
  const reference = [];
  let body = "";
  for (let i = 0; i < requests; i++) {
    ({ ms: times[i], body } = await get(url, cookie));
    reference.push((await get(referenceUrl)).ms);
  }
  collect?.push(...times);
  return { ...stats(times), items: body.split("data-queue-item").length - 1, reference };
}

export async function signIn(base, email, password) {
  const response = await fetch(`${base}/dang-nhap`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  if (response.status !== 303) throw new Error(`sign-in of ${email}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export const unescape = (html) => html.replace(/&amp;/g, "&");
export const nextLink = (html) => /<a [^>]*href="([^"]*)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]*)"/.exec(html)?.slice(1).find(Boolean);

/** A sink for the decision emails the outbox sends (SMTP configured as in production). */
export async function mailSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, _session, done) =>
      stream.resume().on("end", () => {
        received++;
        done();
      }),
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, received: () => received, close: () => new Promise((resolve) => server.close(resolve)) };
}
