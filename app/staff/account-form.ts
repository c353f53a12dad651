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

export type FieldErrors = Record<string, string>;

/** The first message per field, keyed by field name (what the pages show under each input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** The string fields of a submitted form, for zod and for showing the form again. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = formData.get(name);
    fields[name] = typeof value === "string" ? value : undefined;
  }
  return fields;
}
