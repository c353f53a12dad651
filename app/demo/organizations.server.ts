import { appendAudit } from "~/audit/audit.server.ts";
import { DEMO_PROVINCE_CODE, includeDemoLocalities, listCommunes } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { randomUUID } from "node:crypto";
import type { OrganizationKind, OrganizationLevel } from "~/organizations/kinds.ts";
import { applyChanges, TRANSACTION_OPTIONS, type PlannedChange } from "~/organizations/tree.server.ts";

// The demo organizations: the Fatherland Front of the fictional Tỉnh Hòa Sơn (the demo report's
// province) and its mass organizations, two districts and two communes. Hòa Sơn has a locality of its
// own (app/localities DEMO_PROVINCE_CODE, a code no real province has), listed wherever the demo data
// is loaded: its representative sees the demo's online opinions from there, and its reports are
// dated from Hòa Sơn, not from a real province (ADR 043).

export { DEMO_PROVINCE_CODE };
const ROOT_CODE = "HS-MTTQ";

/** Lists the demo province in this process when the demo organizations are in the database (each process, at start). */
export async function includeDemoLocalitiesIfSeeded(db: Db): Promise<boolean> {
  const seeded = (await db.organization.count({ where: { code: ROOT_CODE } })) > 0;
  if (seeded) includeDemoLocalities();
  return seeded;
}

type Row = [code: string, name: string, level: OrganizationLevel, kind: OrganizationKind, parent: string | null, locality: string | null];

/** Adds the demo tree unless it is there (its root's code is taken). Returns whether it added it. */
export async function seedDemoOrganizations(db: Db): Promise<boolean> {
  includeDemoLocalities();
  if (await db.organization.findUnique({ where: { code: ROOT_CODE }, select: { id: true } })) return false;
  const communes = listCommunes(DEMO_PROVINCE_CODE);
  const [first, second] = ["Xã Thạnh Lộc", "Xã Hòa Hải"].map((name) => communes.find((c) => c.name === name));
  if (!first || !second) return false;
  const p = DEMO_PROVINCE_CODE;
  const rows: Row[] = [
    [ROOT_CODE, "Ủy ban MTTQ Việt Nam tỉnh Hòa Sơn", "PROVINCE", "MTTQ", null, p],
    ["HS-DOAN", "Tỉnh đoàn Hòa Sơn", "PROVINCE", "DOAN_THANH_NIEN", ROOT_CODE, p],
    ["HS-PHUNU", "Hội Liên hiệp Phụ nữ tỉnh Hòa Sơn", "PROVINCE", "PHU_NU", ROOT_CODE, p],
    ["HS-LDLD", "Liên đoàn Lao động tỉnh Hòa Sơn", "PROVINCE", "CONG_DOAN", ROOT_CODE, p],
    ["HS-NONGDAN", "Hội Nông dân tỉnh Hòa Sơn", "PROVINCE", "NONG_DAN", ROOT_CODE, p],
    ["HS-CCB", "Hội Cựu chiến binh tỉnh Hòa Sơn", "PROVINCE", "CUU_CHIEN_BINH", ROOT_CODE, p],
    ["HS-THANHLOC", "Ủy ban MTTQ huyện Thạnh Lộc", "DISTRICT", "MTTQ", ROOT_CODE, null],
    ["HS-THANHLOC-DOAN", "Huyện đoàn Thạnh Lộc", "DISTRICT", "DOAN_THANH_NIEN", "HS-THANHLOC", null],
    ["HS-THANHLOC-X1", `Ủy ban MTTQ ${first.name}`, "COMMUNE", "MTTQ", "HS-THANHLOC", first.code],
    ["HS-THANHLOC-X1-PN", `Hội Phụ nữ ${first.name}`, "COMMUNE", "PHU_NU", "HS-THANHLOC-X1", first.code],
    ["HS-HOAHAI", "Ủy ban MTTQ huyện Hòa Hải", "DISTRICT", "MTTQ", ROOT_CODE, null],
    ["HS-HOAHAI-X1", `Ủy ban MTTQ ${second.name}`, "COMMUNE", "MTTQ", "HS-HOAHAI", second.code],
    ["HS-HOAHAI-X1-CCB", `Chi hội Cựu chiến binh ${second.name}`, "COMMUNE", "CUU_CHIEN_BINH", "HS-HOAHAI-X1", second.code],
  ];
  const ids = new Map(rows.map(([code]) => [code, randomUUID()]));
  const changes: PlannedChange[] = rows.map(([code, name, level, kind, parent, localityCode]) => ({
    id: ids.get(code)!,
    values: { code, name, level, kind, parentId: parent ? ids.get(parent)! : null, localityCode },
  }));
  return db.$transaction(async (tx) => {
    const result = await applyChanges(tx, changes);
    if (!result.ok) throw new Error(`Demo organizations: ${JSON.stringify(result.problems)}`);
    await appendAudit(tx, { action: "org-import", actorId: null, subject: "demo", note: `Dữ liệu mẫu: ${rows.length} tổ chức của tỉnh Hòa Sơn.` });
    return true;
  }, TRANSACTION_OPTIONS);
}
