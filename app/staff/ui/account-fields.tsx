import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { ROLE_LABELS, ROLES } from "../permissions.ts";

type Values = Record<string, string | boolean | null | undefined>;
type Organization = { id: string; name: string };

/** Name, role and organization: the fields the create and edit forms share. */
export function AccountFields({ values, errors, organizations }: { values: Values; errors: Record<string, string>; organizations: Organization[] }) {
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return (
    <>
      <div className="field">
        <label htmlFor="f-name">Họ và tên</label>
        <input {...fieldProps("name", errors)} type="text" required maxLength={100} autoComplete="off" defaultValue={text("name")} />
        <FieldError name="name" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-role">Vai trò</label>
        <select {...fieldProps("role", errors)} required defaultValue={text("role")}>
          <option value="" disabled>
            — Chọn vai trò —
          </option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <FieldError name="role" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-organizationId">Tổ chức (không bắt buộc)</label>
        <select {...fieldProps("organizationId", errors)} defaultValue={text("organizationId")}>
          <option value="">— Không thuộc tổ chức nào —</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <FieldError name="organizationId" errors={errors} />
      </div>
    </>
  );
}

/** A new password with the policy spelled out (create form and reset form). */
export function PasswordField({ errors, label }: { errors: Record<string, string>; label: string }) {
  return (
    <div className="field">
      <label htmlFor="f-password">{label}</label>
      <input
        {...fieldProps("password", errors)}
        type="password"
        required
        minLength={10}
        maxLength={200}
        autoComplete="new-password"
        aria-describedby={`f-password-hint${errors.password ? " f-password-error" : ""}`}
      />
      <p id="f-password-hint" className="hint">
        Ít nhất 10 ký tự. Hãy gửi mật khẩu cho người dùng qua kênh riêng và đề nghị họ giữ kín.
      </p>
      <FieldError name="password" errors={errors} />
    </div>
  );
}
