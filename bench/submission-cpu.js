// CPU per accepted submission, counted from /proc alike for the app and for the bare inserting reference
// (bench/comment-reference.js), and that reference started on a given database: shared by bench:comments
// (a fresh database per side) and bench:national (the phase's own database, its ingest part).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { appDatabaseUrl, DEMO_DRAFT, root } from "./support.js";

/** Clock ticks a second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * The database a PostgreSQL process serves, from its title ("postgres: 15/main: <user> <database> …",
 * "postgres: 15/main: autovacuum worker <database>"); null for the server's own processes (postmaster,
 * checkpointer, background writer, WAL writer, launchers), which every database shares.
 */
function postgresDatabase(pid) {
  const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  const worker = /autovacuum worker (\S+)/.exec(title);
  if (worker) return worker[1];
  const backend = /^postgres: [^:]+: (\S+) (\S+) /.exec(title);
  return backend && !/^(autovacuum|logical|background|walwriter|checkpointer)$/.test(backend[1]) ? backend[2] : null;
}

/**
 * CPU ticks used so far by a server (the process and its children: primary and workers) and by
 * PostgreSQL: the backends and autovacuum workers of `database` plus the server's shared processes;
 * backends of other databases (other work on this machine) are not counted. `database` null: no PostgreSQL.
 */
export function cpuTicks(serverPid, database) {
  const totals = { app: 0, postgresql: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const [comm, ppid, ticks] = [stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), Number(fields[1]), Number(fields[11]) + Number(fields[12])];
      if (Number(entry) === serverPid || ppid === serverPid) totals.app += ticks;
      else if (comm === "postgres" && database) {
        const served = postgresDatabase(entry);
        if (served === null || served === database) totals.postgresql += ticks;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return totals;
}

/** CPU milliseconds per accepted submission between two cpuTicks readings (PostgreSQL's only when `withPostgres`). */
export function cpuPerSubmission(before, after, accepted, withPostgres) {
  const per = (key) => Number((((after[key] - before[key]) * 1000) / CLOCK_TICKS / Math.max(accepted, 1)).toFixed(3));
  return { app: per("app"), ...(withPostgres ? { postgresql: per("postgresql") } : {}) };
}

/**
 * App ÷ reference, CPU per accepted submission: the servers' processes plus PostgreSQL's for that
 * database (both sides counted alike); `process` leaves PostgreSQL out.
 */
export function cpuVsReference(app, reference) {
  const total = (cpu) => cpu.app + (cpu.postgresql ?? 0);
  const ratio = (a, b) => Number((a / Math.max(b, 0.001)).toFixed(1));
  return { total: ratio(total(app), total(reference)), process: ratio(app.app, reference.app) };
}

/** Waits until something listens on the port (the reference answers every request by storing it). */
async function waitForPort(port, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} did not open`);
}

/**
 * bench/comment-reference.js on `databaseUrl` (reached as the app reaches it, appDatabaseUrl), `workers`
 * processes on `port`, once it listens: the child process.
 */
export async function startReference(databaseUrl, port, workers) {
  const server = spawn(process.execPath, [path.join(root, "bench/comment-reference.js")], {
    env: { ...process.env, DATABASE_URL: appDatabaseUrl(databaseUrl).url, PORT: String(port), WEB_CONCURRENCY: String(workers), REFERENCE_SLUG: DEMO_DRAFT },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForPort(port);
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
  return server;
}
