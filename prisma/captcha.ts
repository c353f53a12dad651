// `npm run captcha -- <độ khó>` raises or lowers the proof-of-work difficulty (the largest number a
// browser may have to try; default 50000) for every app server on the database. During a flood,
// `npm run captcha -- --bat-buoc-javascript` also refuses forms sent without a solution (browsers
// without JavaScript); `--cho-phep-khong-javascript` lifts that. Without arguments: shows the settings.
import { getDifficulty, setDifficulty } from "~/comments/captcha.server.ts";
import { REQUIRE_SCRIPT_KEY } from "~/comments/submit.server.ts";
import { createDb } from "~/platform/db.server.ts";
import { getSetting, setSetting } from "~/platform/settings.server.ts";

const db = createDb();
try {
  for (const arg of process.argv.slice(2)) {
    if (arg === "--bat-buoc-javascript") await setSetting(db, REQUIRE_SCRIPT_KEY, "1");
    else if (arg === "--cho-phep-khong-javascript") await setSetting(db, REQUIRE_SCRIPT_KEY, "0");
    else if (/^\d+$/.test(arg)) await setDifficulty(db, Number(arg));
    else throw new Error(`Không hiểu tham số «${arg}». Dùng: <độ khó> | --bat-buoc-javascript | --cho-phep-khong-javascript`);
  }
  const requireScript = (await getSetting(db, REQUIRE_SCRIPT_KEY)) === "1";
  console.log(`Độ khó captcha: ${(await getDifficulty(db)).toLocaleString("vi-VN")}`);
  console.log(`Biểu mẫu không có JavaScript: ${requireScript ? "bị từ chối (đang chống gửi hàng loạt)" : "được nhận, giới hạn chặt hơn"}`);
  console.log("Các máy chủ áp dụng trong vòng 5 giây.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
