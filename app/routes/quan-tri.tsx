import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/staff/auth.server.ts";
import { navFor } from "~/staff/nav.ts";
import { ROLE_LABELS } from "~/staff/permissions.ts";
import { SignOutForm } from "~/staff/ui/sign-out-form.tsx";

// The staff area's frame. Each child route checks its own permission with requireStaff.
export const meta: MetaFunction = () => [{ title: "Quản trị" }, { name: "robots", content: "noindex, nofollow" }];

// Framing and the other security headers are set for every page by server/security-headers.js.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { name: user.name, role: ROLE_LABELS[user.role], nav: navFor(user.permissions), csrfToken: user.csrfToken };
}

export default function StaffLayout() {
  const { name, role, nav, csrfToken } = useLoaderData<typeof loader>();
  return (
    <div className="staff">
      <div className="staff-bar">
        <nav aria-label="Quản trị" className="staff-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/quan-tri"}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="staff-user">
          <p>
            <strong>{name}</strong> <span className="badge">{role}</span>
          </p>
          <SignOutForm csrfToken={csrfToken} compact />
        </div>
      </div>
      <Outlet />
    </div>
  );
}
