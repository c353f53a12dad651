import path from "node:path";
import { makeOwnerOnlyDir, ownerOnlyFile, restrictToOwner } from "./private-files.ts";

/** The embedded default: a SQLite file under data/, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; filename: string }
  | { provider: "postgresql"; url: string };

/**
 * Reads DATABASE_URL: `postgres://` or `postgresql://` selects PostgreSQL, `file:` selects SQLite
 * (relative paths are relative to the working directory). Anything else is refused.
 */
export function resolveDatabaseTarget(raw: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0];
    if (!file) throw new Error(`DATABASE_URL "${url}" has no file name`);
    const filename = file === ":memory:" ? file : path.resolve(file);
    return { provider: "sqlite", url, filename };
  }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url}"`);
}

/**
 * SQLite needs its folder to exist before the first connection. The file holds personal data, so it is
 * made owner-only before SQLite opens it; SQLite gives its -wal and -shm files the database file's mode.
 */
export function ensureSqliteFolder(target: DatabaseTarget) {
  if (target.provider === "sqlite" && target.filename !== ":memory:") {
    makeOwnerOnlyDir(path.dirname(target.filename));
    try {
      ownerOnlyFile(target.filename);
    } catch {
      // A path SQLite cannot use either (a folder, a lost disk): its own open then says so
      // (SQLITE_CANTOPEN), which the server answers as an outage (server/database-outage.js).
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) restrictToOwner(target.filename + suffix);
  }
}
