// `npm run db:restore -- <folder> [--force]`: puts a backup made by `npm run db:backup` into the
// database DATABASE_URL selects and its export files into EXPORT_DIR. Stop the app first. Refuses a
// folder that is not a backup, a damaged one, and a database that has data unless --force is given.
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup } from "~/backup/backup.server.ts";
import { configuredDatabase } from "~/platform/config.server.ts";
import { ownerOnlyFromNowOn } from "~/platform/private-files.ts";
import { exportDir } from "~/reports/export/jobs.server.ts";

ownerOnlyFromNowOn();
try {
  const { positionals, values } = parseArgs({ allowPositionals: true, strict: true, options: { force: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new Error("Dùng: npm run db:restore -- <thư mục bản sao lưu> [--force]");
  const folder = path.resolve(positionals[0]!);
  const restored = await restoreBackup(configuredDatabase(), folder, { exportDir: exportDir(), force: values.force });
  console.log(`Đã khôi phục bản sao lưu lúc ${restored.createdAt}: ${restored.comments} ý kiến (khớp với bản sao lưu) và ${restored.exports} tệp xuất.`);
  console.log("Khởi động lại ứng dụng (npm start) để dùng dữ liệu đã khôi phục.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
