import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { createAccountSchema } from "~/staff/account-form.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { createAccount, listOrganizations } from "~/staff/accounts.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { AccountFields, PasswordField } from "~/staff/ui/account-fields.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

export const meta: MetaFunction = () => [{ title: "Tạo tài khoản" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "users.manage");
  return { organizations: await listOrganizations(getDb()), csrfToken: user.csrfToken };
}

const FIELDS = ["email", "name", "role", "organizationId", "password"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "users.manage", db);
  const fields = formFields(formData, FIELDS);
  const { password: _password, ...values } = fields; // a password is never sent back to the page
  const parsed = createAccountSchema.safeParse(fields);
  if (!parsed.success) return data({ values, fieldErrors: fieldErrorsOf(parsed.error), formError: null }, { status: 400 });
  const result = await createAccount(db, user, parsed.data);
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors, formError: result.formError ?? null }, { status: 400 });
  return redirect("/quan-tri/tai-khoan?thong-bao=da-tao", 303);
}

export default function NewAccountPage() {
  const { organizations, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  const messages = useFocusOn(actionData);
  return (
    <section aria-labelledby="new-account-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/tai-khoan">← Danh sách tài khoản</Link>
      </p>
      <h1 id="new-account-title">Tạo tài khoản</h1>
      <Form method="post" className="staff-form" replace>
        <FormMessages formError={actionData?.formError} errorCount={Object.keys(errors).length} focusRef={messages} />
        <CsrfField token={csrfToken} />
        <div className="field">
          <label htmlFor="f-email">Thư điện tử</label>
          <input
            {...fieldProps("email", errors)}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            inputMode="email"
            defaultValue={values.email ?? ""}
          />
          <FieldError name="email" errors={errors} />
        </div>
        <AccountFields values={values} errors={errors} organizations={organizations} />
        <PasswordField errors={errors} label="Mật khẩu ban đầu" />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          Tạo tài khoản
        </button>
      </Form>
    </section>
  );
}
