import { findCommune, findProvince } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { Issuer } from "./docx-report.ts";

export const DEFAULT_ISSUER: Issuer = {
  parentName: null,
  name: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
  numberSuffix: "MTTQ",
  place: "Hà Nội",
};

/** The number's suffix after "BC-", by the organization's kind (Organization.kind). */
const SUFFIXES: Record<string, string> = {
  MTTQ: "MTTQ",
  DOAN_THANH_NIEN: "ĐTN",
  PHU_NU: "HLHPN",
  CONG_DOAN: "LĐLĐ",
  NONG_DAN: "HND",
  CUU_CHIEN_BINH: "HCCB",
};

/** "Thành phố Hà Nội" → "Hà Nội", "Xã Tân Cương" → "Tân Cương": the place line names the locality alone. */
function placeName(code: string): string | null {
  const name = findProvince(code)?.name ?? findCommune(code)?.name;
  return name ? name.replace(/^(Thành phố|Tỉnh|Xã|Phường|Đặc khu|Thị trấn)\s+/u, "") : null;
}

/** Who issues a report: the requester's organization (its parent above it; the nearest locality as the place), or the central committee. */
export async function issuerFor(db: Db, organizationId: string | null): Promise<Issuer> {
  if (!organizationId) return DEFAULT_ISSUER;
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, kind: true, path: true, parentId: true, localityCode: true },
  });
  if (!organization) return DEFAULT_ISSUER;
  const ancestorIds = organization.path.split("/").filter((id) => id && id !== organization.id);
  const ancestors = ancestorIds.length
    ? await db.organization.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true, localityCode: true } })
    : [];
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const chain = [
    organization,
    ...ancestorIds
      .reverse()
      .map((id) => byId.get(id))
      .filter((a) => a !== undefined),
  ];
  const place = chain.map((o) => (o.localityCode ? placeName(o.localityCode) : null)).find((p) => p) ?? DEFAULT_ISSUER.place;
  const parent = organization.parentId ? (byId.get(organization.parentId) ?? null) : null;
  return { parentName: parent?.name ?? null, name: organization.name, numberSuffix: SUFFIXES[organization.kind] ?? "MTTQ", place };
}
