// `npm run db:check`: fails when the models (prisma/models.prisma) and either migration history
// disagree, i.e. someone changed the models without adding a migration for SQLite and PostgreSQL.
// `prisma migrate diff --exit-code` exits 2 when a migration is missing.
// It also fails on a ";" in a migration's comment: `prisma migrate deploy` (the WASM schema engine with a
// driver adapter) cuts a migration into statements at every ";", comments included, so the rest of that
// comment line reaches the database as SQL and the migration fails on a deployed database ("syntax error at
// or near …"), while `migrate diff` above applies the file whole and passes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "gopy-drift-"));
const targets = [
  { provider: "sqlite", url: `file:${path.join(scratch, "drift.db")}` },
  ...(process.env.SKIP_POSTGRES === "1"
    ? []
    : [{ provider: "postgresql", url: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }]),
];

let failed = false;
for (const { provider, url } of targets) {
  const result = spawnSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-migrations", `prisma/${provider}/migrations`, "--to-schema-datamodel", `prisma/${provider}`, "--exit-code"],
    { cwd: root, env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" },
  );
  if (result.status === 0) {
    console.log(`✓ ${provider}: migrations match the models`);
  } else {
    failed = true;
    console.error(`✗ ${provider}: ${result.status === 2 ? "the models changed without a migration" : "drift check failed"}`);
    console.error(result.stdout, result.stderr);
  }
}
rmSync(scratch, { recursive: true, force: true });
for (const provider of ["sqlite", "postgresql"]) {
  const folder = path.join(root, "prisma", provider, "migrations");
  for (const name of readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    const lines = readFileSync(path.join(folder, name, "migration.sql"), "utf8").split("\n");
    lines.forEach((line, i) => {
      const comment = line.indexOf("--");
      if (comment !== -1 && line.slice(comment).includes(";")) {
        failed = true;
        console.error(`✗ ${provider}: ${name}/migration.sql:${i + 1}: ";" in a comment (prisma migrate deploy would cut the statement there)`);
      }
    });
  }
}
process.exit(failed ? 1 : 0);
