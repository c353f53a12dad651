import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
// argon2 hashes any length, but a megabyte "password" would only cost CPU.
export const PASSWORD_MAX_LENGTH = 200;

/** The password policy, with the message a person sees; NFC so the same password typed on two keyboards matches. */
export const newPasswordSchema = z
  .string({ required_error: "Vui lòng nhập mật khẩu.", invalid_type_error: "Vui lòng nhập mật khẩu." })
  .transform((s) => s.normalize("NFC"))
  .pipe(
    z
      .string()
      .min(1, "Vui lòng nhập mật khẩu.")
      .min(PASSWORD_MIN_LENGTH, `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`)
      .max(PASSWORD_MAX_LENGTH, `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`)
      .refine((s) => s.trim().length === s.length, "Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.")
      .refine((s) => new Set(s).size >= 4, "Mật khẩu quá đơn giản: hãy dùng nhiều ký tự khác nhau."),
  );

/** The first problem with a new password, or null when it meets the policy. */
export function passwordProblem(password: string): string | null {
  const parsed = newPasswordSchema.safeParse(password);
  return parsed.success ? null : parsed.error.issues[0].message;
}
