import { execFile } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setImmediate } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readBackup, restoreBackup } from "~/backup/backup.server.ts";
import { manifestSchema, sha256OfFile } from "~/backup/manifest.ts";
import { insertComment, type NewComment } from "~/comments/comment-store.server.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { requestExport, runNextJob } from "~/reports/export/jobs.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";
import { adminQuery, postgresUrl } from "../../../bench/support.js";
import { createStaffUser, seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { plainComment } from "../../support/comments.ts";
import { uniqueName } from "../../support/databases.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// `npm run db:backup` while a writer keeps inserting comments, then `npm run db:restore` into a fresh
// database: every comment that existed when the backup began is there, and the files are owner-only.

const root = path.resolve(import.meta.dirname, "../../..");
const mode = (file: string) => statSync(file).mode & 0o777;

/** Runs an npm script as an operator would; resolves with its exit code and output. */
async function npmRun(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", script, "--", ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describeEachDatabase("backup and restore", (ctx) => {
  let work: string;
  let f: Fixture;
  let fresh: { url: string; drop: () => Promise<void> };
  let restored: Db | undefined;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "gopy-sao-luu-"));
    f = await seedReportFixture(ctx.db);
    if (ctx.provider === "sqlite") {
      fresh = { url: `file:${path.join(work, "khoi-phuc", "app.db")}`, drop: async () => undefined };
    } else {
      const name = uniqueName("gopy_restore");
      await adminQuery(`CREATE DATABASE "${name}"`);
      fresh = { url: postgresUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined) };
    }
  });
  afterAll(async () => {
    await restored?.$disconnect();
    await fresh?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const comment = (i: number): NewComment =>
    plainComment({
      consultationId: f.consultationId,
      versionId: f.versionId,
      blockKey: f.blocks.k1,
      originalText: `Ý kiến số ${i}: đề nghị bổ sung giải pháp phát triển kinh tế số ở cấp xã.`,
      authorName: "Nguyễn Văn An",
      authorEmail: `an.${i}@example.vn`,
      contentHash: `sao-luu-${i}`,
      sectionKey: f.sections.one,
    });

  it("backs up while a writer inserts, restores into a fresh database with every comment, export files and owner-only modes", async () => {
    for (let i = 0; i < 200; i++) await insertComment(ctx.sql, comment(i));
    const exportDir = path.join(work, "tep-xuat");
    const admin = await createStaffUser(ctx.db, "ADMIN", null, "Quản Trị Viên");
    await requestExport(
      ctx.db,
      admin,
      { consultationId: f.consultationId, format: "csv", filters: parseReportFilters({ status: "approved-pending" }) },
      { start: false },
    );
    while (await runNextJob(ctx.db, ctx.sql, { files: ctx })) {
      // the one export, stored in the database (ADR 052)
    }
    const stored = await ctx.db.exportJob.findFirstOrThrow({ where: { requestedById: admin.id } });
    expect(stored.status).toBe("DONE");
    const storedFile = await ctx.db.storedFile.findUniqueOrThrow({ where: { id: stored.fileId! } });
    // A file made before ADR 052, still in EXPORT_DIR: the backup copies it.
    mkdirSync(exportDir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(exportDir, "cu.csv"), "\uFEFFÝ kiến\r\n", { mode: 0o600 });
    const job = await ctx.db.exportJob.create({
      data: {
        format: "csv",
        consultationId: f.consultationId,
        filters: "{}",
        requestedById: admin.id,
        status: "DONE",
        filePath: path.join(exportDir, "cu.csv"),
        finishedAt: new Date(),
      },
    });

    const before = new Set((await ctx.db.comment.findMany({ select: { id: true } })).map((c) => c.id));
    let written = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 1000; writing; i++) {
        if (await insertComment(ctx.sql, comment(i))) written++;
        // SQLite's driver answers synchronously: give the event loop a turn (the backup's child process).
        await setImmediate();
      }
    })();
    const folder = path.join(work, "ban-sao-luu");
    const backup = await npmRun("db:backup", [folder], { DATABASE_URL: ctx.url, EXPORT_DIR: exportDir });
    const writtenDuringBackup = written;
    writing = false;
    await writer;
    expect(backup.output).toMatch(/^Đã sao lưu \d+ ý kiến và 1 tệp xuất vào /);
    expect(backup.code).toBe(0);
    expect(writtenDuringBackup).toBeGreaterThan(0);

    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")));
    expect(manifest).toMatchObject({ provider: ctx.provider, appVersion: expect.any(String) });
    expect(manifest.counts.comments).toBeGreaterThanOrEqual(before.size);
    expect(manifest.files.map((x) => x.path)).toEqual([
      ctx.provider === "sqlite" ? "database.sqlite" : "database.dump",
      `exports/${path.basename(job.filePath!)}`,
    ]);
    // Personal data: owner-only, whatever the umask the test runs under.
    expect(mode(folder)).toBe(0o700);
    expect(mode(path.join(folder, "exports"))).toBe(0o700);
    for (const file of ["manifest.json", ...manifest.files.map((x) => x.path)]) expect(mode(path.join(folder, file))).toBe(0o600);

    const restoredExports = path.join(work, "tep-xuat-khoi-phuc");
    const restore = await npmRun("db:restore", [folder], { DATABASE_URL: fresh.url, EXPORT_DIR: restoredExports });
    expect(restore.output).toContain(`${manifest.counts.comments} ý kiến (khớp với bản sao lưu) và 1 tệp xuất`);
    expect(restore.code).toBe(0);

    restored = createDb(resolveDatabaseTarget(fresh.url));
    const after = new Set((await restored.comment.findMany({ select: { id: true } })).map((c) => c.id));
    expect([...before].filter((id) => !after.has(id))).toEqual([]);
    expect(after.size).toBe(manifest.counts.comments);
    const now = new Set((await ctx.db.comment.findMany({ select: { id: true } })).map((c) => c.id));
    expect([...after].filter((id) => !now.has(id))).toEqual([]);
    expect(now.size).toBe(before.size + written);

    // The export job now points at this machine's export folder, where its file is, owner-only.
    const restoredJob = await restored.exportJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(restoredJob.filePath).toBe(path.join(restoredExports, path.basename(job.filePath!)));
    expect(await sha256OfFile(restoredJob.filePath!)).toBe(await sha256OfFile(job.filePath!));
    expect(mode(restoredJob.filePath!)).toBe(0o600);
    expect(mode(restoredExports)).toBe(0o700);
    // The export stored in the database came back with it, chunk for chunk.
    expect(await restored.storedFile.findUniqueOrThrow({ where: { id: storedFile.id } })).toEqual(storedFile);
    const chunks = async (db: Db) =>
      (await db.storedFileChunk.findMany({ where: { fileId: storedFile.id }, orderBy: { seq: "asc" } })).map((c) => Buffer.from(c.data).toString("hex"));
    expect(await chunks(restored)).toEqual(await chunks(ctx.db));
    if (ctx.provider === "sqlite") expect(mode(fresh.url.slice("file:".length))).toBe(0o600);
  });

  it("refuses a folder that is not a backup, a database with data (unless --force), and a damaged backup", async () => {
    const folder = path.join(work, "ban-sao-luu");
    const target = resolveDatabaseTarget(fresh.url);
    const exportDir = path.join(work, "tep-xuat-khoi-phuc");
    await expect(restoreBackup(target, work, { exportDir })).rejects.toThrow(/không phải một bản sao lưu của ứng dụng/);
    const refused = await npmRun("db:restore", [folder], { DATABASE_URL: fresh.url, EXPORT_DIR: exportDir });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/đã có dữ liệu\. Hãy khôi phục vào một cơ sở dữ liệu mới, hoặc thêm --force/);

    await restored?.$disconnect();
    restored = undefined;
    const again = await restoreBackup(target, folder, { exportDir, force: true });
    expect(again.comments).toBe((await readBackup(folder)).counts.comments);

    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as { files: { path: string }[] };
    appendFileSync(path.join(folder, manifest.files[1]!.path), "sửa lén");
    await expect(restoreBackup(target, folder, { exportDir, force: true })).rejects.toThrow(/bị thiếu hoặc đã bị thay đổi/);
    writeFileSync(path.join(folder, "manifest.json"), "{}");
    await expect(readBackup(folder)).rejects.toThrow(/không phải một bản sao lưu/);
    expect(existsSync(path.join(folder, "database.sqlite")) || existsSync(path.join(folder, "database.dump"))).toBe(true);
  });

  it("a new SQLite database, its -wal and -shm files and a new folder for it are owner-only", async () => {
    if (ctx.provider !== "sqlite") return;
    const file = path.join(work, "moi", "app.db");
    const db = createDb(resolveDatabaseTarget(`file:${file}`));
    try {
      await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await db.$executeRawUnsafe("CREATE TABLE t (x TEXT)");
      await db.$executeRawUnsafe("INSERT INTO t VALUES ('Nguyễn Văn An')");
      expect(mode(path.dirname(file))).toBe(0o700);
      for (const suffix of ["", "-wal", "-shm"]) expect(mode(file + suffix)).toBe(0o600);
    } finally {
      await db.$disconnect();
    }
  });
});
