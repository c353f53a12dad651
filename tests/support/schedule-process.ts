// Another app process for tests/integration/consultations/schedule.test.ts: connects to DATABASE_URL,
// prints "ready", waits for a line on stdin, then applies the consultations' due changes at NOW_MS once
// and prints the result as JSON.
import { createInterface } from "node:readline";
import { applyDueTransitions } from "~/consultations/drafting/schedule.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb } from "~/platform/db.server.ts";

const db = createDb(resolveDatabaseTarget(process.env.DATABASE_URL));
await db.$queryRawUnsafe("SELECT 1");
console.log("ready");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  void line;
  break;
}
const result = await applyDueTransitions(db, new Date(Number(process.env.NOW_MS)));
console.log(JSON.stringify(result));
await db.$disconnect();
process.exit(0);
