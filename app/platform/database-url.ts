import path from "node:path";
import { makeOwnerOnlyDir, ownerOnlyFile, restrictToOwner } from "./private-files.ts";

/** The embedded default: a SQLite file under data/, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type DatabaseTarget = { provider: "sqlite"; url: string; filename: string } | { provider: "postgresql"; url: string };

/**
 * Reads a DATABASE_URL (the app's is `config().databaseUrl`): `postgres://` or `postgresql://` selects
 * PostgreSQL, `file:` selects SQLite (relative paths are relative to the working directory); unset, the
 * embedded default. Anything else is refused.
 */
export function resolveDatabaseTarget(raw: string | undefined): DatabaseTarget {
  const problem = databaseUrlProblem(raw);
  if (problem) throw new Error(`DATABASE_URL: ${problem}`);
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  const file = url.slice("file:".length).split("?")[0]!;
  return { provider: "sqlite", url, filename: file === ":memory:" ? file : path.resolve(file) };
}

/** What is wrong with a DATABASE_URL, in Vietnamese and without the value (it may hold a password); null when nothing. */
export function databaseUrlProblem(raw: string | undefined): string | null {
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return null;
  if (!url.startsWith("file:")) return "cần bắt đầu bằng file: (SQLite) hoặc postgresql:// (PostgreSQL)";
  return url.slice("file:".length).split("?")[0] ? null : "thiếu tên tệp sau file:";
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
