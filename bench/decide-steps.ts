// Times one group decision's statements inside its transaction, then rolls it back (issue 18, ADR 063).
// DATABASE_URL=postgres://… SEARCH_ENGINE=postgres tsx bench/decide-steps.ts [runs]
import { readFileSync } from "node:fs";
import { createSqlDriver, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import { decideMany } from "~/moderation/decisions.server.ts";
import { notifyAuthors } from "~/moderation/notify.server.ts";
import { useTransactionIndexer } from "@search/outbox/outbox.server.ts";
import { postgresTransactionIndexer } from "@search/postgres/sync.server.ts";

const url = process.env.DATABASE_URL!;
const runs = Number(process.argv[2] ?? 1);
const sql = createSqlDriver({ provider: "postgresql", url });
useTransactionIndexer(postgresTransactionIndexer);

class Rollback extends Error {}

const label = (text: string) => {
  const s = text.replace(/\s+/g, " ").trim();
  const m = /^(WITH [^(]*\(\s*\w+ ("?\w+"?)|INSERT INTO ("?\w+"?)|UPDATE ("?\w+"?)|DELETE FROM ("?\w+"?)|SELECT)/i.exec(s);
  return (m?.[0] ?? s.slice(0, 30)).slice(0, 40);
};

async function once() {
  const [group] = await sql.all<{ id: string }>(`SELECT "id" FROM "DuplicateGroup" ORDER BY "pendingCount" DESC LIMIT 1`, []);
  const [editor] = await sql.all<{ id: string; name: string }>(`SELECT "id", "name" FROM "User" ORDER BY "createdAt" LIMIT 1`, []);
  const steps = new Map<string, { ms: number; n: number; cpu: number }>();
  let jsMs = 0;
  let last = 0;
  const wrapped: SqlDriver = {
    ...sql,
    transaction: (fn) =>
      sql
        .transaction(async (tx) => {
          // The backend's CPU time (utime + stime, in clock ticks of 10 ms) from /proc: the server is on this machine.
          const [{ pid }] = await tx.all<{ pid: number }>(`SELECT pg_backend_pid() AS "pid"`, []);
          const cpu = () => {
            const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
            return (Number(fields[11]) + Number(fields[12])) * 10;
          };
          const timed = (f: "run" | "all") => async (text: string, params: unknown[]) => {
            const t = performance.now();
            if (last) jsMs += t - last;
            const c0 = cpu();
            const t0 = performance.now();
            const out = await (tx[f] as (s: string, p: unknown[]) => Promise<unknown>)(text, params);
            const ms = performance.now() - t0;
            const used = cpu() - c0;
            const k = label(text);
            const s = steps.get(k) ?? { ms: 0, n: 0, cpu: 0 };
            s.ms += ms;
            s.n++;
            s.cpu += used;
            steps.set(k, s);
            last = performance.now();
            return out;
          };
          const t = { ...tx, run: timed("run"), all: timed("all") } as SqlTx;
          const t0 = performance.now();
          const result = await fn(t);
          jsMs += performance.now() - last;
          throw Object.assign(new Rollback(), { result, total: performance.now() - t0 });
        })
        .catch((e) => {
          if (e instanceof Rollback)
            return Object.assign((e as unknown as { result: unknown }).result as object, { total: (e as unknown as { total: number }).total }) as never;
          throw e;
        }),
  };
  const t0 = performance.now();
  const js0 = process.cpuUsage();
  const result = (await decideMany(
    wrapped,
    editor!,
    { groupId: group!.id },
    { action: "approve" },
    { onDecided: notifyAuthors({ publicUrl: "https://gopy.example" }) },
  )) as unknown;
  const wall = performance.now() - t0;
  console.log(`run: ${(wall / 1000).toFixed(2)} s; ${JSON.stringify(result).slice(0, 80)}`);
  for (const [k, s] of steps)
    console.log(`  ${k.padEnd(40)} ${String(s.n).padStart(5)}× ${s.ms.toFixed(0).padStart(7)} ms ${s.cpu.toFixed(0).padStart(7)} ms backend CPU`);
  const js = process.cpuUsage(js0);
  console.log(
    `  ${"JS between statements".padEnd(40)}        ${jsMs.toFixed(0).padStart(7)} ms; the app's CPU in all ${((js.user + js.system) / 1000).toFixed(0)} ms`,
  );
}

for (let i = 0; i < runs; i++) await once();
process.exit(0);
