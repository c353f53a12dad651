// A process running the job runner with one leased job, for tests/integration/platform/job-lease.test.ts.
// Prints "started", "tick" (while it runs the job), "stopped", and "released" after a SIGTERM.
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { runJobs } from "~/platform/job-runner.server.ts";

const db = createDb(resolveDatabaseTarget(process.env.DATABASE_URL));
const runner = runJobs(
  db,
  [
    {
      name: "test.probe",
      leased: true,
      start() {
        console.log("started");
        const timer = setInterval(() => console.log("tick"), 50);
        return {
          stop() {
            clearInterval(timer);
            console.log("stopped");
          },
        };
      },
    },
  ],
  { ttlMs: Number(process.env.LEASE_TTL_MS ?? 1_500), renewMs: 200 },
);
// Keeps the process alive (the runner's timers are unref'd, as in the server).
const keepAlive = setInterval(() => undefined, 1_000);
process.once("SIGTERM", async () => {
  await runner.stop();
  console.log("released");
  clearInterval(keepAlive);
  await db.$disconnect();
  process.exit(0);
});
console.log("ready");
