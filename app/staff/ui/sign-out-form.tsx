import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field.tsx";

/** Two buttons in one form: end this session, or every session of the account. */
export function SignOutForm({ csrfToken, compact = false }: { csrfToken: string; compact?: boolean }) {
  return (
    <Form method="post" action="/dang-xuat" className={compact ? "sign-out-form compact" : "sign-out-form"}>
      <CsrfField token={csrfToken} />
      <button type="submit" name="pham-vi" value="thiet-bi-nay" className="secondary">
        Đăng xuất
      </button>
      <button type="submit" name="pham-vi" value="moi-thiet-bi" className="secondary">
        Đăng xuất khỏi mọi thiết bị
      </button>
    </Form>
  );
}
