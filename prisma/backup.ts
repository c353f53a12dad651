// `npm run db:backup -- <folder>`: copies the database (safe while the app runs), the export files and
// a manifest into a new folder, owner-only. Copy the folder to another machine or disk. README,
// "Sao lưu và khôi phục"; ADR 026.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "~/backup/backup.server.ts";
import { configuredDatabase } from "~/platform/config.server.ts";
import { ownerOnlyFromNowOn } from "~/platform/private-files.ts";
import { exportDir } from "~/reports/export/jobs.server.ts";

ownerOnlyFromNowOn();
try {
  const { positionals } = parseArgs({ allowPositionals: true, strict: true });
  if (positionals.length !== 1)
    throw new Error("Dùng: npm run db:backup -- <thư mục mới cho bản sao lưu>, ví dụ: npm run db:backup -- /mnt/sao-luu/2026-12-06");
  const folder = path.resolve(positionals[0]!);
  const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as { version: string };
  const manifest = await createBackup(configuredDatabase(), folder, { exportDir: exportDir(), appVersion: version });
  console.log(`Đã sao lưu ${manifest.counts.comments} ý kiến và ${manifest.files.length - 1} tệp xuất vào ${folder}.`);
  console.log("Hãy chép thư mục này sang một máy hoặc ổ đĩa khác.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
