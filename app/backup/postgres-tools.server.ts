import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

// pg_dump and pg_restore, run with the connection in the environment (never on the command line,
// where other users of the machine could read a password).

/**
 * The client tools matching the server's major version when Debian's layout has them
 * (/usr/lib/postgresql/<major>/bin): an older pg_dump refuses a newer server. Else the ones on PATH.
 */
export function postgresTool(name: "pg_dump" | "pg_restore", serverVersionNum: number): string {
  const matching = `/usr/lib/postgresql/${Math.floor(serverVersionNum / 10_000)}/bin/${name}`;
  return existsSync(matching) ? matching : name;
}

/** libpq's variables for a postgresql:// URL (a `?host=` parameter is a Unix socket folder). */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string | undefined> = {
    PGHOST: u.searchParams.get("host") ?? (decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1") || undefined),
    PGPORT: u.port || undefined,
    PGUSER: decodeURIComponent(u.username) || undefined,
    PGPASSWORD: decodeURIComponent(u.password) || undefined,
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)) || undefined,
    PGSSLMODE: u.searchParams.get("sslmode") ?? undefined,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs a PostgreSQL client tool; its own error output becomes the message. */
export async function runPostgresTool(tool: string, args: string[], url: string): Promise<void> {
  try {
    await promisify(execFile)(tool, args, { env: { ...process.env, ...libpqEnv(url) }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim();
    throw new Error(`Lệnh ${tool} không chạy được: ${detail}`);
  }
}
