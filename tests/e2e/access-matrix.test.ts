import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, StaffRole } from "~/staff/permissions.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import { baseUrl, signInOverHttp, staffFixtures, type TestStaff } from "./staff-support.ts";

// Every staff route × every kind of visitor, over plain HTTP against the production server:
// anonymous → redirect to /dang-nhap, lacking the permission → 403, allowed → 200;
// a POST from an allowed user without the CSRF token → 403, with it → past the guard (`withCsrf`).
// `{target}` is an account id (another user's). Add a row with each new staff route.
type Row = { path: string; permission: Permission | null; method: "GET" | "POST"; withCsrf?: number };
const ROUTES: Row[] = [
  { path: "/quan-tri", permission: "dashboard.view", method: "GET" },
  { path: "/quan-tri/kiem-duyet", permission: "moderation.view", method: "GET" },
  { path: "/quan-tri/kiem-duyet?view=groups&stance=AGREE&flag=LINK", permission: "moderation.view", method: "GET" },
  { path: "/quan-tri/kiem-duyet", permission: "moderation.decide", method: "POST", withCsrf: 400 },
  { path: "/quan-tri/cai-dat", permission: "settings.manage", method: "GET" },
  { path: "/quan-tri/cai-dat", permission: "settings.manage", method: "POST", withCsrf: 400 },
  { path: "/quan-tri/nhat-ky", permission: "audit.view", method: "GET" },
  { path: "/quan-tri/nhat-ky?hanh-dong=sign-in&tu-ngay=2026-01-01", permission: "audit.view", method: "GET" },
  { path: "/quan-tri/nhat-ky.csv", permission: "audit.export", method: "GET" },
  { path: "/quan-tri/tai-khoan", permission: "users.manage", method: "GET" },
  { path: "/quan-tri/tai-khoan/moi", permission: "users.manage", method: "GET" },
  // An empty form passes the guard and fails validation: 400.
  { path: "/quan-tri/tai-khoan/moi", permission: "users.manage", method: "POST", withCsrf: 400 },
  { path: "/quan-tri/tai-khoan/{target}", permission: "users.manage", method: "GET" },
  { path: "/quan-tri/tai-khoan/{target}", permission: "users.manage", method: "POST", withCsrf: 400 },
  { path: "/quan-tri/hoi-nghi", permission: "conferences.manage", method: "GET" },
  { path: "/quan-tri/hoi-nghi/moi", permission: "conferences.manage", method: "GET" },
  { path: "/quan-tri/bao-cao", permission: "reports.view", method: "GET" },
  { path: "/quan-tri/to-chuc", permission: "organizations.manage", method: "GET" },
  { path: "/quan-tri/to-chuc/moi", permission: "organizations.manage", method: "GET" },
  { path: "/quan-tri/to-chuc/mau.csv", permission: "organizations.manage", method: "GET" },
  { path: "/quan-tri/du-lieu-ca-nhan", permission: "personal-data.manage", method: "GET" },
  { path: "/quan-tri/du-lieu-ca-nhan?lien-he=%2B84912345678", permission: "personal-data.manage", method: "GET" },
  // No action chosen: past the guard, refused by validation.
  { path: "/quan-tri/du-lieu-ca-nhan", permission: "personal-data.manage", method: "POST", withCsrf: 400 },
  // An empty export goes back to the page, which says what to fill in.
  { path: "/quan-tri/du-lieu-ca-nhan/xuat", permission: "personal-data.manage", method: "POST", withCsrf: 303 },
  { path: "/dang-xuat", permission: null, method: "GET" },
];

const ROLES: StaffRole[] = ["ADMIN", "EDITOR", "MODERATOR", "ORG_REP"];
const fixtures = staffFixtures();
const signedIn = new Map<StaffRole, { cookie: string; csrf: string; permissions: ReadonlySet<Permission> }>();
let target: TestStaff;

beforeAll(async () => {
  target = await fixtures.createStaff("MODERATOR", "Người Được Sửa");
  for (const role of ROLES) {
    const user = await fixtures.createStaff(role, `Cán Bộ ${role}`);
    signedIn.set(role, { ...(await signInOverHttp(fixtures.db, user.email)), permissions: await permissionsOf(fixtures.db, role) });
  }
});
afterAll(() => fixtures.cleanUp());

function request(row: Row, cookie?: string, csrf?: string) {
  const url = `${baseUrl}${row.path.replace("{target}", target.id)}`;
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (row.method === "GET") return fetch(url, { headers, redirect: "manual" });
  const body = new URLSearchParams(csrf ? { csrf } : {});
  return fetch(url, { method: "POST", body, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
}

const label = (row: Row) => `${row.method} ${row.path}`;

describe.each(ROUTES)("$method $path", (row) => {
  it("anonymous → redirect to /dang-nhap", async () => {
    const response = await request(row);
    expect([302, 303], label(row)).toContain(response.status);
    const location = new URL(response.headers.get("location")!, baseUrl);
    expect(location.pathname).toBe("/dang-nhap");
    expect(location.searchParams.get("next")).toBe(row.path.replace("{target}", target.id));
  });

  it.each(ROLES)("%s", async (role) => {
    const { cookie, csrf, permissions } = signedIn.get(role)!;
    const allowed = row.permission === null || permissions.has(row.permission);
    const response = await request(row, cookie);
    await response.arrayBuffer();
    if (!allowed) {
      expect(response.status, `${label(row)} as ${role}`).toBe(403);
    } else if (row.method === "GET") {
      expect(response.status, `${label(row)} as ${role}`).toBe(200);
    } else {
      expect(response.status, `${label(row)} as ${role} without CSRF`).toBe(403);
      const withToken = await request(row, cookie, csrf);
      await withToken.arrayBuffer();
      expect(withToken.status, `${label(row)} as ${role} with CSRF`).toBe(row.withCsrf ?? 200);
    }
  });
});

it("a forged or foreign session cookie counts as anonymous", async () => {
  const { cookie } = signedIn.get("ADMIN")!;
  const forged = `${cookie.slice(0, -3)}${cookie.slice(-3) === "AAA" ? "BBB" : "AAA"}`;
  const response = await fetch(`${baseUrl}/quan-tri/nhat-ky`, { headers: { cookie: forged }, redirect: "manual" });
  expect(response.status).toBe(302);
});

it("a body that is not a form gets 415 and a Vietnamese message, not a server error", async () => {
  const { cookie, csrf } = signedIn.get("ADMIN")!;
  for (const path of ["/dang-nhap", "/quan-tri/tai-khoan/moi"]) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      body: JSON.stringify({ email: "a@b.vn" }),
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      redirect: "manual",
    });
    expect(response.status, path).toBe(415);
  }
});
