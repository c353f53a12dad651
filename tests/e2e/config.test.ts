import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { root } from "../../bench/support.js";

// The built server checks the whole configuration (email and search settings included) once, before it listens (ADR 028).
it("a bad value stops the server at start with a Vietnamese message naming the variable", async () => {
  const start = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["server/index.js"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "file:./data/khong-dung.db", PORT: "0", REQUEST_LOG: "off", ...env },
      timeout: 30_000,
    });
  for (const [name, value] of [
    ["SIGN_IN_FAILURES_PER_ADDRESS", "ba mươi"],
    ["RATE_LIMIT_PER_ADDRESS", "-1"],
    ["PUBLIC_URL", "gopy.example.vn"],
    ["MEILI_INDEX", "gopy"],
    ["SMTP_URL", "http://mail.example.vn"],
    ["DATABASE_URL", "mysql://gopy:bi-mat@db/gopy"],
  ]) {
    const failure = await start({ [name]: value }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure, name).not.toBeNull();
    expect(failure!.code).toBe(1);
    expect(failure!.stderr).toContain(name);
    expect(failure!.stderr).toMatch(/Cấu hình không hợp lệ — .*Hãy sửa các biến môi trường này rồi khởi động lại\./);
    expect(failure!.stderr).not.toContain("bi-mat");
  }
});
