import { redirect } from "@remix-run/node";
import { getDb, type Db } from "~/platform/db.server.ts";
import { clearSessionCookieHeader, cookieIsSecure, readSessionCookie, sessionCookieHeader, signValue, unsignValue } from "./cookie.server.ts";
import { csrfTokenFor, csrfTokenMatches, csrfTokenOf } from "./csrf.server.ts";
import type { Permission, StaffRole } from "./permissions.ts";
import { permissionsOf } from "./permissions.server.ts";
import { deleteUserSessions, findSession, sessionSecret } from "./sessions.server.ts";

export type { Permission } from "./permissions.ts";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  organizationId: string | null;
  permissions: ReadonlySet<Permission>;
  sessionId: string;
  csrfToken: string;
}

export const SIGN_IN_PATH = "/dang-nhap";

const FORBIDDEN = "Bạn không có quyền thực hiện thao tác này. Nếu cần quyền, hãy liên hệ quản trị viên.";
const BAD_CSRF = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.";

function forbidden(message: string): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The signed-in staff member of a request, or null. A deactivated user's sessions are ended here. */
export async function getStaff(request: Request, db: Db = getDb(), now = new Date()): Promise<StaffUser | null> {
  const signed = readSessionCookie(request);
  if (!signed) return null;
  const token = unsignValue(signed, await sessionSecret(db));
  if (!token) return null;
  const session = await findSession(db, token, now);
  if (!session) return null;
  const { user } = session;
  if (!user.active) {
    await deleteUserSessions(db, user.id);
    return null;
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    permissions: await permissionsOf(db, user.role),
    sessionId: session.id,
    csrfToken: csrfTokenFor(session.csrfSecret),
  };
}

/** Where to come back after signing in: the page asked for (without single-fetch plumbing). */
function returnPath(request: Request) {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  return path + url.search;
}

/** Loader guard: anonymous → throws redirect to /dang-nhap?next=<path>; lacking the permission → throws a 403 Response (Vietnamese text). */
export async function requireStaff(request: Request, permission?: Permission, db: Db = getDb()): Promise<StaffUser> {
  const user = await getStaff(request, db);
  if (!user) throw redirect(`${SIGN_IN_PATH}?${new URLSearchParams({ next: returnPath(request) })}`);
  if (permission && !user.permissions.has(permission)) throw forbidden(FORBIDDEN);
  return user;
}

/** Action guard: as requireStaff, plus checks the CSRF token in formData field "csrf" (or header x-csrf-token); bad/missing → throws 403. */
export async function requireStaffAction(request: Request, formData: FormData | null, permission?: Permission, db: Db = getDb()): Promise<StaffUser> {
  const user = await requireStaff(request, permission, db);
  if (!csrfTokenMatches(user.csrfToken, csrfTokenOf(request, formData))) throw forbidden(BAD_CSRF);
  return user;
}

/** Set-Cookie for a new session token (a browser-session cookie; the server enforces expiry). */
export async function sessionCookie(request: Request, token: string, db: Db = getDb()): Promise<string> {
  return sessionCookieHeader(signValue(token, await sessionSecret(db)), { secure: cookieIsSecure(request) });
}

export function clearedSessionCookie(request: Request): string {
  return clearSessionCookieHeader({ secure: cookieIsSecure(request) });
}
