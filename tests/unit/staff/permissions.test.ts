import { expect, it } from "vitest";
import { landingPath, navFor } from "~/staff/nav.ts";
import { safeNextPath } from "~/staff/next-path.ts";
import { can, isPermission, PERMISSIONS, type Permission } from "~/staff/permissions.ts";

const user = (...permissions: Permission[]) => ({ permissions: new Set(permissions) as ReadonlySet<Permission> });

it("knows the permission vocabulary", () => {
  expect(PERMISSIONS).toHaveLength(17);
  expect(isPermission("answers.manage")).toBe(true);
  expect(isPermission("personal-data.manage")).toBe(true);
  expect(isPermission("reports.export")).toBe(true);
  expect(isPermission("audit.view")).toBe(true);
  expect(isPermission("audit.delete")).toBe(false);
});

it("grants what the role holds and nothing else; no permission asked means any staff", () => {
  const moderator = user("moderation.view", "moderation.decide", "dashboard.view");
  expect(can(moderator, "moderation.decide")).toBe(true);
  expect(can(moderator, "moderation.bulk")).toBe(false);
  expect(can(moderator, "users.manage")).toBe(false);
  expect(can(user())).toBe(true);
});

it("shows each nav link only with its permission, and lands on the first allowed page", () => {
  const moderator = user("moderation.view", "moderation.decide", "dashboard.view");
  expect(navFor(moderator.permissions).map((l) => l.label)).toEqual(["Tổng quan", "Kiểm duyệt"]);
  const admin = user(...PERMISSIONS);
  expect(navFor(admin.permissions).map((l) => l.to)).toEqual([
    "/quan-tri",
    "/quan-tri/kiem-duyet",
    "/quan-tri/du-thao",
    "/quan-tri/hoi-nghi",
    "/quan-tri/bao-cao",
    "/quan-tri/tiep-thu",
    "/quan-tri/nhat-ky",
    "/quan-tri/tai-khoan",
    "/quan-tri/to-chuc",
    "/quan-tri/cai-dat",
    "/quan-tri/du-lieu-ca-nhan",
  ]);
  expect(landingPath(user("audit.view").permissions)).toBe("/quan-tri/nhat-ky");
  // An organization representative lands on the reports, not on a dashboard they may not open.
  expect(landingPath(user("reports.view", "conferences.manage", "reports.export").permissions)).toBe("/quan-tri/hoi-nghi");
  expect(landingPath(user("reports.view").permissions)).toBe("/quan-tri/bao-cao");
  expect(landingPath(user().permissions)).toBe("/quan-tri");
});

it("follows `next` only to staff pages of this site", () => {
  expect(safeNextPath("/quan-tri")).toBe("/quan-tri");
  expect(safeNextPath("/quan-tri/nhat-ky?hanh-dong=sign-in#x")).toBe("/quan-tri/nhat-ky?hanh-dong=sign-in#x");
  for (const bad of [
    null,
    "",
    "quan-tri",
    "/",
    "/du-thao/x",
    "/quan-tri-gia",
    "//evil.example/quan-tri",
    "/\\evil.example",
    "https://evil.example/quan-tri",
    "/quan-tri/../du-thao",
    "/quan-tri\n/x",
    "javascript:alert(1)",
  ]) {
    expect(safeNextPath(bad), String(bad)).toBeNull();
  }
});
