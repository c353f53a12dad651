import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, StaffRole } from "~/staff/permissions.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import { expectRowsFor, routeFiles } from "./route-files.ts";
import { readChecked as checked } from "./security-headers-support.ts";
import { baseUrl, signInOverHttp, staffFixtures, type TestStaff } from "./staff-support.ts";

// Every staff route × every kind of visitor, over plain HTTP against the production server:
// anonymous → redirect to /dang-nhap, lacking the permission → 403, allowed → 200;
// a POST from an allowed user without the CSRF token → 403, with it → past the guard (`withCsrf`).
// The rows are checked against app/routes/: a staff route file with a loader needs a GET row, one with
// an action a POST row (route-files.ts). Placeholders: {target} another user's account, {consultation}
// the demo consultation, {conference} a conference of the representative's district, {org} that
// district, {job} an export the signed-in user asked for (each role its own). Every answer, whatever
// its status, also carries the security headers: this is the header walk of the staff routes.
type Row = {
  file: string;
  path: string;
  permission: Permission | null;
  method: "GET" | "POST";
  withCsrf?: number;
  /** Signing out ends the session: that row gets one of its own. */
  ownSession?: true;
  /** Where an anonymous visitor is sent, when not back to this page after signing in. */
  anonymousTo?: string;
};
const ROWS: Row[] = [
  { file: "quan-tri._index", path: "/quan-tri", permission: "dashboard.view", method: "GET" },
  { file: "quan-tri.kiem-duyet", path: "/quan-tri/kiem-duyet", permission: "moderation.view", method: "GET" },
  { file: "quan-tri.kiem-duyet", path: "/quan-tri/kiem-duyet?view=groups&stance=AGREE&flag=LINK", permission: "moderation.view", method: "GET" },
  { file: "quan-tri.kiem-duyet", path: "/quan-tri/kiem-duyet", permission: "moderation.decide", method: "POST", withCsrf: 400 },
  { file: "quan-tri.cai-dat", path: "/quan-tri/cai-dat", permission: "settings.manage", method: "GET" },
  { file: "quan-tri.cai-dat", path: "/quan-tri/cai-dat", permission: "settings.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.nhat-ky", path: "/quan-tri/nhat-ky", permission: "audit.view", method: "GET" },
  { file: "quan-tri.nhat-ky", path: "/quan-tri/nhat-ky?hanh-dong=sign-in&tu-ngay=2026-01-01", permission: "audit.view", method: "GET" },
  { file: "quan-tri.nhat-ky[.csv]", path: "/quan-tri/nhat-ky.csv", permission: "audit.export", method: "GET" },
  { file: "quan-tri.tai-khoan._index", path: "/quan-tri/tai-khoan", permission: "users.manage", method: "GET" },
  { file: "quan-tri.tai-khoan.moi", path: "/quan-tri/tai-khoan/moi", permission: "users.manage", method: "GET" },
  // An empty form passes the guard and fails validation: 400.
  { file: "quan-tri.tai-khoan.moi", path: "/quan-tri/tai-khoan/moi", permission: "users.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.tai-khoan.$id", path: "/quan-tri/tai-khoan/{target}", permission: "users.manage", method: "GET" },
  { file: "quan-tri.tai-khoan.$id", path: "/quan-tri/tai-khoan/{target}", permission: "users.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.du-thao._index", path: "/quan-tri/du-thao", permission: "consultations.manage", method: "GET" },
  { file: "quan-tri.du-thao.moi", path: "/quan-tri/du-thao/moi", permission: "consultations.manage", method: "GET" },
  // An empty form passes the guard and fails validation: 400.
  { file: "quan-tri.du-thao.moi", path: "/quan-tri/du-thao/moi", permission: "consultations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.du-thao.$id", path: "/quan-tri/du-thao/{consultation}", permission: "consultations.manage", method: "GET" },
  // No action named: past the guard, refused.
  { file: "quan-tri.du-thao.$id", path: "/quan-tri/du-thao/{consultation}", permission: "consultations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.hoi-nghi._index", path: "/quan-tri/hoi-nghi", permission: "conferences.manage", method: "GET" },
  { file: "quan-tri.hoi-nghi.moi", path: "/quan-tri/hoi-nghi/moi", permission: "conferences.manage", method: "GET" },
  { file: "quan-tri.hoi-nghi.moi", path: "/quan-tri/hoi-nghi/moi", permission: "conferences.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.hoi-nghi.$id", path: "/quan-tri/hoi-nghi/{conference}", permission: "conferences.manage", method: "GET" },
  { file: "quan-tri.hoi-nghi.$id", path: "/quan-tri/hoi-nghi/{conference}", permission: "conferences.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.hoi-nghi.$id_.mau[.xlsx]", path: "/quan-tri/hoi-nghi/{conference}/mau.xlsx", permission: "conferences.manage", method: "GET" },
  { file: "quan-tri.bao-cao._index", path: "/quan-tri/bao-cao", permission: "reports.view", method: "GET" },
  { file: "quan-tri.bao-cao.$consultationId", path: "/quan-tri/bao-cao/{consultation}", permission: "reports.view", method: "GET" },
  { file: "quan-tri.bao-cao.$consultationId", path: "/quan-tri/bao-cao/{consultation}", permission: "reports.export", method: "POST", withCsrf: 400 },
  { file: "quan-tri.bao-cao.$consultationId_.chu-de", path: "/quan-tri/bao-cao/{consultation}/chu-de?whole=1", permission: "reports.view", method: "GET" },
  { file: "quan-tri.bao-cao.xuat.$jobId", path: "/quan-tri/bao-cao/xuat/{job}", permission: "reports.view", method: "GET" },
  { file: "quan-tri.bao-cao.xuat.$jobId_.tai-ve", path: "/quan-tri/bao-cao/xuat/{job}/tai-ve", permission: "reports.view", method: "GET" },
  { file: "quan-tri.tiep-thu._index", path: "/quan-tri/tiep-thu", permission: "answers.view", method: "GET" },
  { file: "quan-tri.tiep-thu.$consultationId", path: "/quan-tri/tiep-thu/{consultation}", permission: "answers.view", method: "GET" },
  // No intent: past the guard, refused.
  { file: "quan-tri.tiep-thu.$consultationId", path: "/quan-tri/tiep-thu/{consultation}", permission: "answers.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.to-chuc._index", path: "/quan-tri/to-chuc", permission: "organizations.manage", method: "GET" },
  { file: "quan-tri.to-chuc._index", path: "/quan-tri/to-chuc", permission: "organizations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.to-chuc.moi", path: "/quan-tri/to-chuc/moi", permission: "organizations.manage", method: "GET" },
  { file: "quan-tri.to-chuc.moi", path: "/quan-tri/to-chuc/moi", permission: "organizations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.to-chuc.$id", path: "/quan-tri/to-chuc/{org}", permission: "organizations.manage", method: "GET" },
  { file: "quan-tri.to-chuc.$id", path: "/quan-tri/to-chuc/{org}", permission: "organizations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.to-chuc.mau[.csv]", path: "/quan-tri/to-chuc/mau.csv", permission: "organizations.manage", method: "GET" },
  { file: "quan-tri.du-lieu-ca-nhan", path: "/quan-tri/du-lieu-ca-nhan", permission: "personal-data.manage", method: "GET" },
  { file: "quan-tri.du-lieu-ca-nhan", path: "/quan-tri/du-lieu-ca-nhan?lien-he=%2B84912345678", permission: "personal-data.manage", method: "GET" },
  // No action chosen: past the guard, refused by validation.
  { file: "quan-tri.du-lieu-ca-nhan", path: "/quan-tri/du-lieu-ca-nhan", permission: "personal-data.manage", method: "POST", withCsrf: 400 },
  // An empty export goes back to the page, which says what to fill in.
  { file: "quan-tri.du-lieu-ca-nhan_.xuat", path: "/quan-tri/du-lieu-ca-nhan/xuat", permission: "personal-data.manage", method: "POST", withCsrf: 303 },
  { file: "quan-tri.du-thao.$id_.nhap", path: "/quan-tri/du-thao/{consultation}/nhap", permission: "consultations.manage", method: "GET" },
  // A post without a file: the page answers that a file is needed (400).
  { file: "quan-tri.du-thao.$id_.nhap", path: "/quan-tri/du-thao/{consultation}/nhap", permission: "consultations.manage", method: "POST", withCsrf: 400 },
  { file: "quan-tri.du-thao.$id_.soan-thao", path: "/quan-tri/du-thao/{consultation}/soan-thao", permission: "consultations.manage", method: "GET" },
  // No intent: past the guard, refused.
  {
    file: "quan-tri.du-thao.$id_.soan-thao",
    path: "/quan-tri/du-thao/{consultation}/soan-thao",
    permission: "consultations.manage",
    method: "POST",
    withCsrf: 400,
  },
  { file: "quan-tri.du-thao.$id_.doi-chieu", path: "/quan-tri/du-thao/{consultation}/doi-chieu", permission: "consultations.manage", method: "GET" },
  // No intent: past the guard, refused.
  {
    file: "quan-tri.du-thao.$id_.doi-chieu",
    path: "/quan-tri/du-thao/{consultation}/doi-chieu",
    permission: "consultations.manage",
    method: "POST",
    withCsrf: 400,
  },
  // An empty save: past the guard, refused by validation.
  {
    file: "quan-tri.du-thao.$id_.soan-thao_.luu",
    path: "/quan-tri/du-thao/{consultation}/soan-thao/luu",
    permission: "consultations.manage",
    method: "POST",
    withCsrf: 400,
  },
  { file: "dang-xuat", path: "/dang-xuat", permission: null, method: "GET" },
  { file: "dang-xuat", path: "/dang-xuat", permission: null, method: "POST", withCsrf: 303, ownSession: true, anonymousTo: "/dang-nhap" },
];

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const ROLES: StaffRole[] = ["ADMIN", "EDITOR", "MODERATOR", "ORG_REP"];
const fixtures = staffFixtures();
const signedIn = new Map<StaffRole, { user: TestStaff; cookie: string; csrf: string; permissions: ReadonlySet<Permission>; job: string }>();
const files = mkdtempSync(path.join(tmpdir(), "gopy-matrix-"));
const places: Record<string, string> = {};

beforeAll(async () => {
  const { db } = fixtures;
  const district = await db.organization.findUniqueOrThrow({ where: { code: "HS-THANHLOC" } });
  const consultation = await db.consultation.findUniqueOrThrow({ where: { slug: SLUG } });
  const target = await fixtures.createStaff("MODERATOR", "Người Được Sửa");
  const conference = await db.conference.create({
    data: {
      consultationId: consultation.id,
      organizationId: district.id,
      channel: "CONFERENCE",
      title: "Hội nghị kiểm thử quyền truy cập",
      heldOn: new Date("2026-11-20"),
    },
  });
  Object.assign(places, { target: target.id, consultation: consultation.id, conference: conference.id, org: district.id });
  for (const role of ROLES) {
    const user = await fixtures.createStaff(role, `Cán Bộ ${role}`, role === "ORG_REP" ? district.id : null);
    const filePath = path.join(files, `${role}.csv`);
    writeFileSync(filePath, "Ý kiến\n");
    const job = await db.exportJob.create({
      data: {
        format: "csv",
        consultationId: consultation.id,
        filters: "{}",
        status: "DONE",
        filePath,
        fileName: "bao-cao.csv",
        requestedById: user.id,
        finishedAt: new Date(),
      },
    });
    signedIn.set(role, { user, ...(await signInOverHttp(db, user.email)), permissions: await permissionsOf(db, role), job: job.id });
  }
});

afterAll(async () => {
  await fixtures.db.exportJob.deleteMany({ where: { requestedById: { in: [...signedIn.values()].map((s) => s.user.id) } } });
  if (places.conference) await fixtures.db.conference.delete({ where: { id: places.conference } });
  rmSync(files, { recursive: true, force: true });
  await fixtures.cleanUp();
});

const staffRoutes = routeFiles().filter((route) => route.staff && !route.layout);

it("has a row for every staff route's loader and action, and each row is an address of its route", () => {
  expectRowsFor(
    staffRoutes.filter((route) => route.loader),
    ROWS.filter((row) => row.method === "GET"),
    "GET",
  );
  expectRowsFor(
    staffRoutes.filter((route) => route.action),
    ROWS.filter((row) => row.method === "POST"),
    "POST",
  );
  const layouts = routeFiles().filter((route) => route.staff && route.layout);
  for (const layout of layouts)
    expect(
      ROWS.some((row) => row.file.startsWith(`${layout.file}.`)),
      layout.file,
    ).toBe(true);
});

const fill = (row: Row, role?: StaffRole) =>
  row.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "job" ? signedIn.get(role ?? "ADMIN")!.job : places[name]));

function request(row: Row, role?: StaffRole, cookie?: string, csrf?: string) {
  const url = `${baseUrl}${fill(row, role)}`;
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (row.method === "GET") return fetch(url, { headers, redirect: "manual" });
  const body = new URLSearchParams(csrf ? { csrf } : {});
  return fetch(url, { method: "POST", body, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
}

const label = (row: Row) => `${row.method} ${row.path}`;

describe.each(ROWS)("$method $path", (row) => {
  it("anonymous → redirect to /dang-nhap", async () => {
    const response = await checked(await request(row), `${label(row)} anonymous`);
    expect([302, 303], label(row)).toContain(response.status);
    const location = new URL(response.headers.get("location")!, baseUrl);
    expect(location.pathname).toBe("/dang-nhap");
    expect(location.searchParams.get("next")).toBe(row.anonymousTo ? null : fill(row));
  });

  it.each(ROLES)("%s", async (role) => {
    const session = signedIn.get(role)!;
    const { cookie, csrf } = row.ownSession ? await signInOverHttp(fixtures.db, session.user.email) : session;
    const allowed = row.permission === null || session.permissions.has(row.permission);
    const response = await checked(await request(row, role, cookie), `${label(row)} as ${role}`);
    if (!allowed) {
      expect(response.status, `${label(row)} as ${role}`).toBe(403);
    } else if (row.method === "GET") {
      expect(response.status, `${label(row)} as ${role}`).toBe(200);
    } else {
      expect(response.status, `${label(row)} as ${role} without CSRF`).toBe(403);
      const withToken = await checked(await request(row, role, cookie, csrf), `${label(row)} as ${role} with CSRF`);
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
