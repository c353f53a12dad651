// What staff may do. Which role holds which permission is data (table RolePermission, seeded by the
// migrations); this list is the vocabulary the code checks against.
export const PERMISSIONS = [
  "moderation.view",
  "moderation.decide",
  "moderation.bulk",
  "audit.view",
  "audit.export",
  "dashboard.view",
  "users.manage",
  "settings.manage",
  "personal-data.view",
  "personal-data.manage",
  "reports.view",
  "consultations.manage",
  "organizations.manage",
  "conferences.manage",
  "reports.export",
  "answers.view",
  "answers.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export const ROLES = ["ADMIN", "EDITOR", "MODERATOR", "ORG_REP"] as const;
export type StaffRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "Quản trị viên",
  EDITOR: "Ban soạn thảo",
  MODERATOR: "Biên tập viên (kiểm duyệt)",
  ORG_REP: "Đại diện tổ chức",
};

/** True when the user holds the permission; no permission asked means any signed-in staff. */
export function can(user: { permissions: ReadonlySet<Permission> }, permission?: Permission): boolean {
  return permission === undefined || user.permissions.has(permission);
}
