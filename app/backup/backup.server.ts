import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ensureSqliteFolder, type DatabaseTarget } from "~/platform/database-url.ts";
import { makeOwnerOnlyDir, OWNER_ONLY_DIR, OWNER_ONLY_FILE, restrictToOwner } from "~/platform/private-files.ts";
import { DATABASE_FILE, EXPORTS_FOLDER, isExportFileName, MANIFEST_FILE, manifestSchema, sha256OfFile, type Manifest } from "./manifest.ts";
import { postgresTool, runPostgresTool } from "./postgres-tools.server.ts";

// `npm run db:backup` / `db:restore` (ADR 026). A backup is a folder: the database (SQLite through its
// online backup API, PostgreSQL as a pg_dump archive), the export files, and manifest.json with the
// comment count and a checksum of every file. Everything in it is owner-only: it holds personal data.

const label = { sqlite: "SQLite", postgresql: "PostgreSQL" } as const;
/** Pages per step of SQLite's backup: all of them, so the copy is one read transaction (one snapshot). */
const ALL_PAGES = 0x7fffffff;

type Options = { exportDir: string };

export async function createBackup(
  target: DatabaseTarget,
  folder: string,
  { exportDir, appVersion, now = new Date() }: Options & { appVersion: string; now?: Date },
): Promise<Manifest> {
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new Error(`Thư mục ${folder} đã có tệp. Hãy sao lưu vào một thư mục mới hoặc trống, ví dụ đặt tên theo ngày.`);
  }
  makeOwnerOnlyDir(folder);
  restrictFolder(folder);
  const databaseFile = DATABASE_FILE[target.provider];
  const comments =
    target.provider === "sqlite"
      ? await backupSqlite(target.filename, path.join(folder, databaseFile))
      : await backupPostgres(target.url, path.join(folder, databaseFile));
  const files = [databaseFile, ...copyExports(exportDir, path.join(folder, EXPORTS_FOLDER)).map((name) => `${EXPORTS_FOLDER}/${name}`)];
  const manifest: Manifest = {
    format: "gop-y-du-thao/sao-luu",
    formatVersion: 1,
    createdAt: now.toISOString(),
    provider: target.provider,
    appVersion,
    counts: { comments },
    files: await Promise.all(
      files.map(async (file) => ({ path: file, bytes: statSync(path.join(folder, file)).size, sha256: await sha256OfFile(path.join(folder, file)) })),
    ),
  };
  // Written last: a folder whose backup stopped half-way has no manifest, and restore refuses it.
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: OWNER_ONLY_FILE });
  return manifest;
}

/** Puts a backup back; refuses a folder that is not one, a damaged one, and (unless `force`) a database with data. */
export async function restoreBackup(target: DatabaseTarget, folder: string, { exportDir, force = false }: Options & { force?: boolean }) {
  const manifest = await readBackup(folder);
  if (manifest.provider !== target.provider) {
    throw new Error(
      `Bản sao lưu này là của ${label[manifest.provider]}, còn DATABASE_URL chọn ${label[target.provider]}. Hãy khôi phục vào cơ sở dữ liệu cùng loại.`,
    );
  }
  const databaseFile = path.join(folder, DATABASE_FILE[manifest.provider]);
  const comments = target.provider === "sqlite" ? await restoreSqlite(databaseFile, target, force) : await restorePostgres(databaseFile, target.url, force);
  if (comments !== manifest.counts.comments) {
    throw new Error(
      `Sau khi khôi phục có ${comments} ý kiến, nhưng bản sao lưu ghi ${manifest.counts.comments}. Không dùng cơ sở dữ liệu này; hãy khôi phục lại từ một bản sao lưu khác.`,
    );
  }
  const exports = copyExports(path.join(folder, EXPORTS_FOLDER), exportDir);
  await pointExportsAt(target, exportDir);
  return { comments, exports: exports.length, createdAt: manifest.createdAt };
}

/** The manifest of a backup folder, with every file checked against its checksum. */
export async function readBackup(folder: string): Promise<Manifest> {
  let parsed;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), "utf8")));
  } catch {
    parsed = null;
  }
  if (!parsed?.success)
    throw new Error(
      `Thư mục ${folder} không phải một bản sao lưu của ứng dụng (thiếu ${MANIFEST_FILE} hợp lệ). Hãy chỉ đúng thư mục do npm run db:backup tạo ra.`,
    );
  for (const file of parsed.data.files) {
    const full = path.join(folder, file.path);
    if (!existsSync(full) || statSync(full).size !== file.bytes || (await sha256OfFile(full)) !== file.sha256) {
      throw new Error(
        `Tệp ${file.path} trong bản sao lưu bị thiếu hoặc đã bị thay đổi (tổng kiểm tra không khớp). Không khôi phục từ bản sao lưu này; hãy dùng một bản khác.`,
      );
    }
  }
  return parsed.data;
}

async function backupSqlite(filename: string, destination: string): Promise<number> {
  if (!existsSync(filename)) throw new Error(`Không thấy tệp cơ sở dữ liệu ${filename}. Hãy kiểm tra DATABASE_URL.`);
  const source = new Database(filename, { fileMustExist: true, timeout: 5000 });
  try {
    // The online backup API: safe while the app writes (WAL readers do not stop writers).
    await source.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  restrictToOwner(destination);
  const copy = new Database(destination);
  try {
    // One self-contained file (no -wal beside it), so its checksum is the whole backup.
    copy.pragma("journal_mode = DELETE");
    return countComments(copy);
  } finally {
    copy.close();
  }
}

async function restoreSqlite(backupFile: string, target: Extract<DatabaseTarget, { provider: "sqlite" }>, force: boolean): Promise<number> {
  if (existsSync(target.filename) && statSync(target.filename).size > 0 && !force) {
    const existing = new Database(target.filename, { fileMustExist: true, timeout: 5000 });
    const tables = (existing.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    existing.close();
    if (tables > 0) throw new Error(notEmpty(target.filename));
  }
  ensureSqliteFolder(target);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target.filename, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const restored = new Database(target.filename, { timeout: 5000 });
  try {
    restored.pragma("journal_mode = WAL");
    return countComments(restored);
  } finally {
    restored.close();
  }
}

const countComments = (db: Database.Database) => (db.prepare(`SELECT count(*) AS n FROM "Comment"`).get() as { n: number }).n;

async function withPostgres<T>(url: string, work: (client: pg.Client, versionNum: number) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const versionNum = Number((await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!.server_version_num);
    return await work(client, versionNum);
  } finally {
    await client.end();
  }
}

async function backupPostgres(url: string, destination: string): Promise<number> {
  return withPostgres(url, async (client, versionNum) => {
    // The count and the dump read one snapshot: exported from this transaction, held open meanwhile.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0]!.s;
    const comments = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Comment"`)).rows[0]!.n);
    await runPostgresTool(postgresTool("pg_dump", versionNum), ["--format=custom", `--snapshot=${snapshot}`, `--file=${destination}`], url);
    await client.query("COMMIT");
    restrictToOwner(destination);
    return comments;
  });
}

async function restorePostgres(backupFile: string, url: string, force: boolean): Promise<number> {
  return withPostgres(url, async (client, versionNum) => {
    const tables = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]!.n);
    if (tables > 0) {
      if (!force) throw new Error(notEmpty(new URL(url).pathname.slice(1)));
      await client.query("DROP SCHEMA public CASCADE");
      await client.query("CREATE SCHEMA public");
    }
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    await runPostgresTool(
      postgresTool("pg_restore", versionNum),
      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${database}`, backupFile],
      url,
    );
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Comment"`)).rows[0]!.n);
  });
}

const notEmpty = (name: string) =>
  `Cơ sở dữ liệu đích (${name}) đã có dữ liệu. Hãy khôi phục vào một cơ sở dữ liệu mới, hoặc thêm --force để ghi đè: mọi dữ liệu đang có trong đó sẽ mất.`;

/** Copies the export files (owner-only) from one folder to another; returns their names. */
function copyExports(from: string, to: string): string[] {
  const names = existsSync(from) ? readdirSync(from).filter((name) => isExportFileName(name) && statSync(path.join(from, name)).isFile()) : [];
  makeOwnerOnlyDir(to);
  for (const name of names) {
    copyFileSync(path.join(from, name), path.join(to, name));
    restrictToOwner(path.join(to, name));
  }
  return names;
}

/** Export jobs keep the file's full path: after a restore the files are in this machine's export folder. */
async function pointExportsAt(target: DatabaseTarget, exportDir: string) {
  const select = `SELECT "id", "filePath" FROM "ExportJob" WHERE "filePath" IS NOT NULL`;
  const moved = (job: { id: string; filePath: string }) => [path.join(exportDir, path.basename(job.filePath)), job.id];
  if (target.provider === "sqlite") {
    const db = new Database(target.filename, { timeout: 5000 });
    try {
      const update = db.prepare(`UPDATE "ExportJob" SET "filePath" = ? WHERE "id" = ?`);
      for (const job of db.prepare(select).all() as { id: string; filePath: string }[]) update.run(...moved(job));
    } finally {
      db.close();
    }
    return;
  }
  await withPostgres(target.url, async (client) => {
    for (const job of (await client.query<{ id: string; filePath: string }>(select)).rows) {
      await client.query(`UPDATE "ExportJob" SET "filePath" = $1 WHERE "id" = $2`, moved(job));
    }
  });
}

/** An existing, empty folder given for a backup is restricted too (one another user owns is left alone). */
function restrictFolder(folder: string) {
  try {
    chmodSync(folder, OWNER_ONLY_DIR);
  } catch (error) {
    if ((error as { code?: string }).code !== "EPERM") throw error;
  }
}
