// `npm run db:relabel` (also a step of `npm start`): published blocks get their labels in the current
// scheme (app/consultations/relabel.server.ts). Prints what it changed.
import { relabelPublishedBlocks } from "~/consultations/relabel.server.ts";
import { createDb } from "~/platform/db.server.ts";

const db = createDb();
try {
  const { versions, blocks } = await relabelPublishedBlocks(db);
  if (blocks > 0) console.log(`Nhãn đoạn: đã viết lại ${blocks.toLocaleString("vi-VN")} nhãn của ${versions} bản đã công bố theo cách đánh số của dự thảo.`);
} finally {
  await db.$disconnect();
}
