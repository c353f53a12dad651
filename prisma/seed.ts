// `npm run db:seed`: loads the demo consultations into the configured database (skipping any
// already there). `--if-empty` (used by start-up) does it only when there is no consultation yet.
import { seedDemo } from "~/demo/consultations.server.ts";
import { createDb } from "~/platform/db.server.ts";

const db = createDb();
try {
  if (process.argv.includes("--if-empty") && (await db.consultation.count()) > 0) {
    console.log("Cơ sở dữ liệu đã có dữ liệu: bỏ qua dữ liệu mẫu.");
  } else {
    const created = await seedDemo(db);
    await (await import("~/demo/organizations.server.ts")).seedDemoOrganizations(db);
    console.log(created.length ? `Đã nạp dữ liệu mẫu: ${created.join(", ")}` : "Dữ liệu mẫu đã có sẵn.");
  }
} finally {
  await db.$disconnect();
}
