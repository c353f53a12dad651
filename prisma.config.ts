import path from "node:path";
import { defineConfig } from "prisma/config";
import { ensureSqliteFolder, resolveDatabaseTarget } from "./app/platform/database-url.ts";
import { postgresMigrationAdapter, sqliteMigrationAdapter } from "./prisma/migration-adapters.ts";

// DATABASE_URL picks the database and with it the schema folder and migration history.
// Everything runs offline: engine "js" uses the WASM schema engine shipped inside the CLI.
const target = resolveDatabaseTarget(process.env.DATABASE_URL);
const folder = target.provider === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", folder),
  migrations: { path: path.join("prisma", folder, "migrations") },
  async adapter() {
    if (target.provider === "postgresql") return postgresMigrationAdapter(target.url);
    ensureSqliteFolder(target);
    return sqliteMigrationAdapter(target.filename);
  },
});
