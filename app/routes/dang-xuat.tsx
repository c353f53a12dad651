import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { clearedSessionCookie, getStaff, requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { SignOutForm } from "~/staff/ui/sign-out-form.tsx";
import { signOut } from "~/staff/sign-in.server.ts";

export const meta: MetaFunction = () => [{ title: "Đăng xuất" }, { name: "robots", content: "noindex, nofollow" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// GET shows the choice (this device / every device); only POST signs out.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { name: user.name, csrfToken: user.csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const formData = await readFormData(request);
  // Already signed out (expired, or another tab): nothing to end, just clear the cookie.
  if (!(await getStaff(request, db))) {
    return redirect("/dang-nhap", { status: 303, headers: { "Set-Cookie": clearedSessionCookie(request) } });
  }
  const user = await requireStaffAction(request, formData, undefined, db);
  const everywhere = formData.get("pham-vi") === "moi-thiet-bi";
  await signOut(db, user, { everywhere });
  return redirect(`/dang-nhap?da-dang-xuat=${everywhere ? "moi-thiet-bi" : "1"}`, {
    status: 303,
    headers: { "Set-Cookie": clearedSessionCookie(request) },
  });
}

export default function SignOutPage() {
  const { name, csrfToken } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="sign-out-title">
      <h1 id="sign-out-title">Đăng xuất</h1>
      <p>Bạn đang đăng nhập với tên {name}.</p>
      <SignOutForm csrfToken={csrfToken} />
      <p>
        <Link to="/quan-tri">← Quay lại trang quản trị</Link>
      </p>
    </section>
  );
}
