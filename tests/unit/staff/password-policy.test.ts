import { expect, it } from "vitest";
import { newPasswordSchema, passwordProblem } from "~/staff/password-policy.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/staff/passwords.server.ts";

it("asks for at least 10 characters, in Vietnamese", () => {
  expect(passwordProblem("")).toBe("Vui lòng nhập mật khẩu.");
  expect(passwordProblem("abcdefgh1")).toBe("Mật khẩu cần ít nhất 10 ký tự.");
  expect(passwordProblem("abcdefgh12")).toBeNull();
  expect(passwordProblem("x".repeat(201))).toBe("Mật khẩu dài tối đa 200 ký tự.");
  expect(passwordProblem(" abcdefgh12")).toBe("Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.");
  expect(passwordProblem("aaaaaaaaaaaa")).toBe("Mật khẩu quá đơn giản: hãy dùng nhiều ký tự khác nhau.");
});

it("counts characters, not UTF-16 units, after NFC: a decomposed Vietnamese password is the composed one", () => {
  const composed = "Mật khẩu mạnh";
  const decomposed = composed.normalize("NFD");
  expect(decomposed.length).toBeGreaterThan(composed.length);
  expect(newPasswordSchema.parse(decomposed)).toBe(composed);
  expect(passwordProblem("ộộộộộộộộộ".normalize("NFD"))).toBe("Mật khẩu cần ít nhất 10 ký tự.");
});

it("hashes with argon2id and verifies whatever Unicode form the password is typed in", async () => {
  const hash = await hashPassword("Mật khẩu mạnh 2026");
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword(hash, "Mật khẩu mạnh 2026".normalize("NFD"))).toBe(true);
  expect(await verifyPassword(hash, "Mat khau manh 2026")).toBe(false);
  expect(await verifyPassword("không phải một mã băm", "x")).toBe(false);
  expect(await verifyAgainstDummy("bất kỳ")).toBe(false);
});
