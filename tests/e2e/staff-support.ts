// Staff accounts for the browser and HTTP tests: created straight in the server's database,
// signed in through the real /dang-nhap, removed afterwards.
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { inject } from "vitest";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { createAccount } from "~/staff/accounts.server.ts";
import { csrfTokenFor } from "~/staff/csrf.server.ts";
import type { StaffRole } from "~/staff/permissions.ts";
import { sessionIdOf } from "~/staff/sessions.server.ts";

export const baseUrl = inject("baseUrl");
export const STAFF_PASSWORD = "Mật khẩu kiểm thử 2026";

export type TestStaff = { id: string; email: string; name: string; role: StaffRole };

export function staffFixtures() {
  const db: Db = createDb(resolveDatabaseTarget(inject("databaseUrl")));
  const created: string[] = [];
  const run = randomBytes(4).toString("hex");

  async function createStaff(role: StaffRole, name: string, organizationId: string | null = null): Promise<TestStaff> {
    const email = `${role.toLowerCase()}-${run}-${created.length}@e2e.example.vn`;
    const result = await createAccount(db, null, { email, name, role, organizationId, password: STAFF_PASSWORD });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    created.push(result.id);
    return { id: result.id, email, name, role };
  }

  /** Removes the accounts, their sessions and the audit rows about them (the database is a throwaway copy). */
  async function cleanUp() {
    const subjects = created.map((id) => `user:${id}`);
    await db.auditEvent.deleteMany({ where: { OR: [{ actorId: { in: created } }, { subject: { in: subjects } }] } });
    await db.user.deleteMany({ where: { id: { in: created } } });
    await db.$disconnect();
  }

  return { db, createStaff, cleanUp, track: (id: string) => created.push(id) };
}

/** Signs in with plain HTTP; returns the Cookie header value and the session's CSRF token. */
export async function signInOverHttp(db: Db, email: string, password = STAFF_PASSWORD) {
  const response = await fetch(`${baseUrl}/dang-nhap`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`Sign-in answered ${response.status}`);
  const cookie = response.headers.get("set-cookie")!.split(";")[0];
  const token = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1)).split(".")[0];
  const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });
  return { cookie, csrf: csrfTokenFor(session.csrfSecret) };
}

/** Signs in through the real form in a browser page and waits for the page `next` (its heading `heading`). */
export async function signInInBrowser(page: Page, who: { email: string }, next: string, heading: string | RegExp) {
  await page.goto(`${baseUrl}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Thư điện tử").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: heading, exact: typeof heading === "string" }).waitFor();
}
