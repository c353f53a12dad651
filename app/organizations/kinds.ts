// The vocabulary of the organizations tree, shared by the pages (browser code too), the CSV import
// and the reports.

export const ORGANIZATION_KINDS = ["MTTQ", "DOAN_THANH_NIEN", "PHU_NU", "CONG_DOAN", "NONG_DAN", "CUU_CHIEN_BINH", "KHAC"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const KIND_LABELS: Record<OrganizationKind, string> = {
  MTTQ: "Ủy ban Mặt trận Tổ quốc",
  DOAN_THANH_NIEN: "Đoàn Thanh niên",
  PHU_NU: "Hội Liên hiệp Phụ nữ",
  CONG_DOAN: "Công đoàn (Liên đoàn Lao động)",
  NONG_DAN: "Hội Nông dân",
  CUU_CHIEN_BINH: "Hội Cựu chiến binh",
  KHAC: "Tổ chức khác",
};

export const ORGANIZATION_LEVELS = ["CENTRAL", "PROVINCE", "DISTRICT", "COMMUNE"] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];

export const LEVEL_LABELS: Record<OrganizationLevel, string> = {
  CENTRAL: "Trung ương",
  PROVINCE: "Tỉnh, thành phố",
  DISTRICT: "Huyện, quận (cũ)",
  COMMUNE: "Xã, phường, đặc khu",
};

/** How deep a level sits: a child is at its parent's level (a mass organization beside the MTTQ) or below. */
export const LEVEL_RANK: Record<OrganizationLevel, number> = { CENTRAL: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 };

export function isKind(value: string): value is OrganizationKind {
  return (ORGANIZATION_KINDS as readonly string[]).includes(value);
}

export function isLevel(value: string): value is OrganizationLevel {
  return (ORGANIZATION_LEVELS as readonly string[]).includes(value);
}

/** Which code a locality is: a province (2 digits) or a commune (5 digits). */
export function localityShape(code: string | null | undefined): "province" | "commune" | null {
  if (code && /^\d{2}$/.test(code)) return "province";
  if (code && /^\d{5}$/.test(code)) return "commune";
  return null;
}
