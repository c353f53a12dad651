// Start-up step of `npm start`: applies migrations, then loads the demo data on the embedded
// default (SQLite) when the database is empty. A PostgreSQL database gets demo data only when
// asked: SEED_DEMO=always here, or `npm run db:seed`.
import { execFileSync } from "node:child_process";
import { configuredDatabase, loadConfig } from "~/platform/config.server.ts";

// The whole configuration is checked here too, so a bad value stops `npm start` before the migrations.
const config = loadConfig();
const target = configuredDatabase();
const seedMode = config.seedDemo;
const run = (script: string, ...args: string[]) => execFileSync("npm", ["run", "--silent", script, "--", ...args], { stdio: "inherit" });

run("db:migrate");
// Labels of published blocks follow the current labelling scheme (a data migration; quick when nothing changes).
run("db:relabel");
if (seedMode === "always" || (seedMode === "auto" && target.provider === "sqlite")) {
  run("db:seed", "--if-empty");
}
