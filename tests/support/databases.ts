// Throwaway databases for tests. Migrations run once per test run into a template (the real
// `prisma migrate deploy` path); each test file then gets its own copy and drops it afterwards.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
// The PostgreSQL admin helpers are shared with the benchmarks.
import { adminQuery, postgresUrl } from "../../bench/support.js";

export type Provider = "sqlite" | "postgresql";

const root = path.resolve(import.meta.dirname, "../..");

/** `SKIP_POSTGRES=1` leaves PostgreSQL tests out (CI never sets it); the server is TEST_POSTGRES_URL. */
export const postgresEnabled = process.env.SKIP_POSTGRES !== "1";

export function migrate(databaseUrl: string) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
}

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

/** Creates a migrated template; returns what test files need to copy it. */
export async function createTemplates() {
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-test-"));
  const sqliteTemplate = path.join(dir, "template.db");
  migrate(`file:${sqliteTemplate}`);
  let postgresTemplate: string | null = null;
  if (postgresEnabled) {
    postgresTemplate = uniqueName("gopy_tmpl");
    await adminQuery(`CREATE DATABASE "${postgresTemplate}"`);
    migrate(postgresUrl(postgresTemplate));
  }
  return { dir, sqliteTemplate, postgresTemplate };
}

export async function dropTemplates(t: { dir: string; postgresTemplate: string | null }) {
  rmSync(t.dir, { recursive: true, force: true });
  if (t.postgresTemplate) await adminQuery(`DROP DATABASE IF EXISTS "${t.postgresTemplate}" WITH (FORCE)`);
}

/** A fresh database copied from the template: its URL and a function that removes it. */
export async function createDatabaseFromTemplate(provider: Provider) {
  if (provider === "sqlite") {
    const file = path.join(process.env.GOPY_TEST_DIR!, `${uniqueName("db")}.db`);
    copyFileSync(process.env.GOPY_SQLITE_TEMPLATE!, file);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = uniqueName("gopy_test");
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${process.env.GOPY_POSTGRES_TEMPLATE}"`);
  return { url: postgresUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
