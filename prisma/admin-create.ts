// `npm run admin:create -- --email a@b.vn --name "Nguyễn Văn A"` creates the first administrator, or
// makes an existing account an active administrator. The password comes from ADMIN_PASSWORD or is
// typed (hidden) on a terminal; never from the command line, where other users could see it.
// For an existing account an empty password keeps the current one.
import { parseArgs } from "node:util";
import { createDb } from "~/platform/db.server.ts";
import { emailSchema, nameSchema } from "~/staff/account-form.ts";
import { createOrPromoteAdmin } from "~/staff/accounts.server.ts";
import { passwordProblem } from "~/staff/password-policy.ts";

function readHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          return resolve(value);
        }
        if (char === "\u0003") {
          stdin.setRawMode(false);
          return reject(new Error("Đã hủy."));
        }
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function askPassword(existing: boolean): Promise<string | null> {
  if (process.env.ADMIN_PASSWORD !== undefined) return process.env.ADMIN_PASSWORD || null;
  if (!process.stdin.isTTY) {
    if (existing) return null;
    throw new Error("Cần mật khẩu: đặt biến môi trường ADMIN_PASSWORD hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập.");
  }
  const first = await readHidden(existing ? "Mật khẩu mới (để trống để giữ mật khẩu hiện tại): " : "Mật khẩu (ít nhất 10 ký tự): ");
  if (!first && existing) return null;
  const problem = passwordProblem(first);
  if (problem) throw new Error(problem);
  if ((await readHidden("Nhập lại mật khẩu: ")) !== first) throw new Error("Hai lần nhập mật khẩu không khớp.");
  return first;
}

const db = createDb();
try {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
  const email = emailSchema.safeParse(values.email);
  const name = nameSchema.safeParse(values.name);
  if (!email.success || !name.success) {
    const messages = [...(email.error?.issues ?? []), ...(name.error?.issues ?? [])].map((i) => i.message);
    throw new Error(`${messages.join(" ")}\nDùng: npm run admin:create -- --email ten@donvi.gov.vn --name "Nguyễn Văn A"`);
  }
  const existing = await db.user.findUnique({ where: { email: email.data }, select: { id: true } });
  const password = await askPassword(Boolean(existing));
  if (password !== null) {
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
  }
  const result = await createOrPromoteAdmin(db, { email: email.data, name: name.data, password });
  console.log(
    result.created
      ? `Đã tạo quản trị viên ${email.data}.`
      : `Tài khoản ${email.data} đã là quản trị viên đang hoạt động${password ? ", với mật khẩu mới" : ""}; đã kết thúc ${result.sessionsEnded} phiên đăng nhập của tài khoản này.`,
  );
  console.log("Đăng nhập tại /dang-nhap.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
