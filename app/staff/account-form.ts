import { z } from "zod";
import { normalizeText } from "~/text/normalize.ts";
import { newPasswordSchema } from "./password-policy.ts";
import { ROLES } from "./permissions.ts";

// The account forms' schemas: one place for what the pages send and what the service accepts.

const text = (s: unknown) => (typeof s === "string" ? normalizeText(s, { multiline: false }) : s);

export const emailSchema = z.preprocess(
  (s) => (typeof s === "string" ? s.normalize("NFC").trim().toLowerCase() : s),
  z
    .string({ required_error: "Vui lòng nhập thư điện tử." })
    .min(1, "Vui lòng nhập thư điện tử.")
    .max(254, "Thư điện tử dài tối đa 254 ký tự.")
    .email("Thư điện tử không đúng định dạng, ví dụ: ten@donvi.gov.vn."),
);

export const nameSchema = z.preprocess(
  text,
  z.string({ required_error: "Vui lòng nhập họ và tên." }).min(2, "Vui lòng nhập họ và tên (ít nhất 2 ký tự).").max(100, "Họ và tên dài tối đa 100 ký tự."),
);

const roleSchema = z.enum(ROLES, { errorMap: () => ({ message: "Vui lòng chọn vai trò." }) });

/** An empty choice means "no organization". */
const organizationSchema = z.preprocess((s) => (s === "" || s === undefined ? null : s), z.string().max(64).nullable());

export const createAccountSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  organizationId: organizationSchema,
  password: newPasswordSchema,
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z.object({
  name: nameSchema,
  role: roleSchema,
  organizationId: organizationSchema,
  // A checkbox: present ("on") when ticked, absent otherwise.
  active: z.preprocess((s) => s === "on" || s === "1" || s === true, z.boolean()),
});
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const resetPasswordSchema = z.object({ password: newPasswordSchema });
