// Start-up step of `npm start`: applies migrations, then loads the demo data on the embedded
// default (SQLite) when the database is empty. A PostgreSQL database gets demo data only when
// asked: SEED_DEMO=always here, or `npm run db:seed`.
import { execFileSync } from "node:child_process";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { readEnv } from "~/platform/env.server.ts";

const env = readEnv();
const target = resolveDatabaseTarget(env.DATABASE_URL);
const seedMode = env.SEED_DEMO;
const run = (script: string, ...args: string[]) =>
  execFileSync("npm", ["run", "--silent", script, "--", ...args], { stdio: "inherit" });

run("db:migrate");
if (seedMode === "always" || (seedMode === "auto" && target.provider === "sqlite")) {
  run("db:seed", "--if-empty");
}
