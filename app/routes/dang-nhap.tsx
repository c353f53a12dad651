import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "~/ui/form/field-error.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { emailSchema } from "~/staff/account-form.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { getStaff, sessionCookie } from "~/staff/auth.server.ts";
import { landingPath } from "~/staff/nav.ts";
import { safeNextPath } from "~/staff/next-path.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import { signIn } from "~/staff/sign-in.server.ts";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

export const meta: MetaFunction = () => [{ title: "Đăng nhập quản trị" }, { name: "robots", content: "noindex, nofollow" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const signInSchema = z.object({
  email: emailSchema,
  // Only presence and size here: the policy applies to new passwords, not to old ones being typed.
  password: z.string({ required_error: "Vui lòng nhập mật khẩu." }).min(1, "Vui lòng nhập mật khẩu.").max(200, "Mật khẩu quá dài."),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const next = safeNextPath(search.get("next"));
  const user = await getStaff(request);
  if (user) throw redirect(next ?? landingPath(user.permissions));
  const signedOut = search.get("da-dang-xuat");
  return { next: next ?? "", signedOut: signedOut === "moi-thiet-bi" ? ("everywhere" as const) : signedOut ? ("here" as const) : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const fields = formFields(await readFormData(request), ["email", "password", "next"]);
  const email = (fields.email ?? "").normalize("NFC").trim().slice(0, 254); // shown again on error; never the password
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return data({ email, fieldErrors: fieldErrorsOf(parsed.error), formError: null }, { status: 400 });
  const db = getDb();
  const result = await signIn(db, parsed.data, { userAgent: request.headers.get("user-agent"), clientAddress: context.clientAddress ?? null });
  if (!result.ok) {
    const headers: HeadersInit = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return data({ email, fieldErrors: {}, formError: result.message }, { status: result.retryAfterSeconds ? 429 : 400, headers });
  }
  const next = safeNextPath(fields.next) ?? landingPath(await permissionsOf(db, result.role));
  return redirect(next, { status: 303, headers: { "Set-Cookie": await sessionCookie(request, result.token, db) } });
}

export default function SignInPage() {
  const { next, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const messages = useFocusOn(actionData);
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `f-${name}-error` } : {});

  return (
    <section className="staff-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Đăng nhập quản trị</h1>
      <p className="hint">Dành cho cán bộ biên tập, kiểm duyệt và quản trị. Người dân góp ý không cần tài khoản.</p>
      {signedOut && !actionData ? (
        <p className="notice-ok" role="status">
          {signedOut === "everywhere" ? "Bạn đã đăng xuất khỏi mọi thiết bị." : "Bạn đã đăng xuất."}
        </p>
      ) : null}
      <Form method="post" className="staff-form" replace>
        <FormMessages formError={actionData?.formError} errorCount={Object.keys(errors).length} focusRef={messages} failed="Chưa đăng nhập được" />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div className="field">
          <label htmlFor="f-email">Thư điện tử</label>
          <input
            id="f-email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            maxLength={254}
            defaultValue={actionData?.email ?? ""}
            {...invalid("email")}
          />
          <FieldError name="email" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="f-password">Mật khẩu</label>
          <input id="f-password" name="password" type="password" autoComplete="current-password" required maxLength={200} {...invalid("password")} />
          <FieldError name="password" errors={errors} />
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Đang đăng nhập…" : "Đăng nhập"}
        </button>
      </Form>
      <p className="hint">Quên mật khẩu? Hãy liên hệ quản trị viên để được đặt lại.</p>
    </section>
  );
}
