import type { Permission } from "./permissions.ts";

/** The staff navigation: each page shown only to those holding its permission. */
export const STAFF_NAV: readonly { to: string; label: string; permission: Permission }[] = [
  { to: "/quan-tri", label: "Tổng quan", permission: "dashboard.view" },
  { to: "/quan-tri/kiem-duyet", label: "Kiểm duyệt", permission: "moderation.view" },
  { to: "/quan-tri/du-thao", label: "Dự thảo", permission: "consultations.manage" },
  { to: "/quan-tri/hoi-nghi", label: "Hội nghị, thư góp ý", permission: "conferences.manage" },
  { to: "/quan-tri/bao-cao", label: "Báo cáo", permission: "reports.view" },
  { to: "/quan-tri/tiep-thu", label: "Tiếp thu, giải trình", permission: "answers.view" },
  { to: "/quan-tri/nhat-ky", label: "Nhật ký", permission: "audit.view" },
  { to: "/quan-tri/tai-khoan", label: "Tài khoản", permission: "users.manage" },
  { to: "/quan-tri/to-chuc", label: "Tổ chức", permission: "organizations.manage" },
  { to: "/quan-tri/cai-dat", label: "Cài đặt", permission: "settings.manage" },
  { to: "/quan-tri/du-lieu-ca-nhan", label: "Dữ liệu cá nhân", permission: "personal-data.manage" },
];

export function navFor(permissions: ReadonlySet<Permission>) {
  return STAFF_NAV.filter((item) => permissions.has(item.permission)).map(({ to, label }) => ({ to, label }));
}

/** Where a user lands after signing in without a page asked for: the first page they may open. */
export function landingPath(permissions: ReadonlySet<Permission>): string {
  return navFor(permissions)[0]?.to ?? "/quan-tri";
}
