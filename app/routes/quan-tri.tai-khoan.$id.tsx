import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FieldError } from "~/ui/form/field-error.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { resetPasswordSchema, updateAccountSchema } from "~/staff/account-form.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { getAccount, listOrganizations, resetPassword, updateAccount } from "~/staff/accounts.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { AccountFields, PasswordField } from "~/staff/ui/account-fields.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Tài khoản: ${data.account.name}` : "Tài khoản" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOT_FOUND = () => new Response("Không tìm thấy tài khoản", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "users.manage");
  const db = getDb();
  const account = await getAccount(db, params.id ?? "");
  if (!account) throw NOT_FOUND();
  return { account, organizations: await listOrganizations(db), csrfToken: user.csrfToken, isSelf: account.id === user.id, now: new Date() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "users.manage", db);
  const id = params.id ?? "";
  const path = `/quan-tri/tai-khoan/${encodeURIComponent(id)}`;
  if (formData.get("intent") === "dat-lai-mat-khau") {
    const parsed = resetPasswordSchema.safeParse(formFields(formData, ["password"]));
    if (!parsed.success) return data({ intent: "password" as const, fieldErrors: fieldErrorsOf(parsed.error), formError: null, values: {} }, { status: 400 });
    if (!(await resetPassword(db, user, id, parsed.data.password))) throw NOT_FOUND();
    return redirect(`${path}?thong-bao=da-dat-lai-mat-khau`, 303);
  }
  const fields = formFields(formData, ["name", "role", "organizationId", "active"]);
  const values = { ...fields, active: fields.active === "on" };
  const parsed = updateAccountSchema.safeParse(fields);
  if (!parsed.success) return data({ intent: "account" as const, fieldErrors: fieldErrorsOf(parsed.error), formError: null, values }, { status: 400 });
  const result = await updateAccount(db, user, id, parsed.data);
  if (!result) throw NOT_FOUND();
  if (!result.ok) return data({ intent: "account" as const, fieldErrors: result.fieldErrors, formError: result.formError ?? null, values }, { status: 400 });
  return redirect(`${path}?thong-bao=da-luu`, 303);
}

const NOTICES: Record<string, string> = {
  "da-luu": "Đã lưu thay đổi.",
  "da-dat-lai-mat-khau": "Đã đặt mật khẩu mới. Các phiên đăng nhập khác của tài khoản này đã kết thúc.",
};

export default function AccountPage() {
  const { account, organizations, csrfToken, isSelf, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = actionData ? undefined : NOTICES[search.get("thong-bao") ?? ""];
  const accountErrors: Record<string, string> = actionData?.intent === "account" ? actionData.fieldErrors : {};
  const passwordErrors: Record<string, string> = actionData?.intent === "password" ? actionData.fieldErrors : {};
  const values = actionData?.intent === "account" ? actionData.values : account;
  const accountMessages = useFocusOn(actionData?.intent === "account" ? actionData : null);
  const passwordMessages = useFocusOn(actionData?.intent === "password" ? actionData : null);
  const locked = account.lockedUntil && new Date(account.lockedUntil) > new Date(now);

  return (
    <section aria-labelledby="account-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/tai-khoan">← Danh sách tài khoản</Link>
      </p>
      <h1 id="account-title">{account.name}</h1>
      <p className="hint">
        {account.email} · tạo ngày {formatDateTime(account.createdAt)}
        {locked ? ` · tạm khóa đến ${formatDateTime(account.lockedUntil)} (đặt lại mật khẩu để mở khóa)` : ""}
      </p>
      {notice ? (
        <p className="notice-ok" role="status">
          {notice}
        </p>
      ) : null}

      <Form method="post" className="staff-form" replace aria-labelledby="account-form-title">
        <h2 id="account-form-title">Thông tin và vai trò</h2>
        <FormMessages
          formError={actionData?.intent === "account" ? actionData.formError : null}
          errorCount={Object.keys(accountErrors).length}
          focusRef={accountMessages}
        />
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="luu" />
        <AccountFields values={values} errors={accountErrors} organizations={organizations} />
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="active"
              defaultChecked={Boolean(values.active)}
              aria-describedby={accountErrors.active ? "f-active-error" : "f-active-hint"}
            />{" "}
            Tài khoản đang hoạt động
          </label>
          <p id="f-active-hint" className="hint">
            {isSelf
              ? "Đây là tài khoản của bạn: bạn không thể tự vô hiệu hóa hay tự bỏ vai trò Quản trị viên."
              : "Bỏ chọn để vô hiệu hóa: người dùng bị đăng xuất ngay."}
          </p>
          <FieldError name="active" errors={accountErrors} />
        </div>
        <button type="submit" className="primary">
          Lưu thay đổi
        </button>
      </Form>

      <Form method="post" className="staff-form" replace aria-labelledby="password-form-title">
        <h2 id="password-form-title">Đặt lại mật khẩu</h2>
        <FormMessages formError={null} errorCount={Object.keys(passwordErrors).length} focusRef={passwordMessages} />
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="dat-lai-mat-khau" />
        <PasswordField errors={passwordErrors} label="Mật khẩu mới" />
        <button type="submit" className="secondary">
          Đặt mật khẩu mới
        </button>
      </Form>
    </section>
  );
}
