// A small, fully known data set for the report tests (integration and browser): a draft with two
// parts, an organization tree (central › Hà Nội › two districts › a commune each), conferences and a
// letter, and opinions through every channel and status. Every count the tests expect follows from
// the table below.
import { randomBytes } from "node:crypto";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import type { Db } from "~/platform/db.server.ts";

export const DRAFT = [
  "DỰ THẢO BÁO CÁO CHÍNH TRỊ THỬ NGHIỆM",
  "Phần thứ nhất",
  "ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ",
  "1. Kinh tế tăng trưởng khá, quy mô nền kinh tế được mở rộng.",
  "2. Văn hóa, xã hội có nhiều tiến bộ; đời sống Nhân dân được cải thiện.",
  "Phần thứ hai",
  "PHƯƠNG HƯỚNG, NHIỆM VỤ",
  "1. Đẩy mạnh chuyển đổi số, xây dựng chính quyền số phục vụ người dân.",
].join("\n\n");

export const FORMULA_TEXT = '=HYPERLINK("http://vi-du.example/x","Bấm vào đây") đề nghị sửa câu chữ';

export interface Fixture {
  run: string;
  consultationId: string;
  slug: string;
  title: string;
  versionId: string;
  /** k1, k2: the two clauses of part one; k3: the clause of part two. */
  blocks: { k1: string; k2: string; k3: string };
  sections: { one: string; two: string };
  organizations: { root: string; hanoi: string; districtA: string; communeA: string; districtB: string; communeB: string };
  /** Opinion ids by name. */
  ids: Record<string, string>;
}

type Row = {
  name: string;
  block: "k1" | "k2" | "k3" | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  status: "APPROVED" | "PENDING" | "REJECTED";
  channel: "ONLINE" | "CONFERENCE" | "LETTER";
  source: "confA" | "confB" | "letterB" | null;
  province: string | null;
  commune?: string | null;
  occupation?: string | null;
  age?: string | null;
  at: string;
  text: string;
  author: string;
  email?: string | null;
};

/** The opinions: 11 approved (4 online, 4 conference A, 2 conference B, 1 letter B), 1 pending, 1 rejected. */
export const ROWS: Row[] = [
  {
    name: "o1",
    block: "k1",
    stance: "AGREE",
    status: "APPROVED",
    channel: "ONLINE",
    source: null,
    province: "01",
    commune: "00004",
    occupation: "Nông dân",
    age: "18 - 30 tuổi",
    at: "2026-11-20T02:00:00Z",
    text: "Tôi tán thành, đề nghị bổ sung chỉ tiêu về chuyển đổi số ở cấp xã.",
    author: "Nguyễn Văn An",
    email: "an@example.vn",
  },
  {
    name: "o2",
    block: "k1",
    stance: "DISAGREE",
    status: "APPROVED",
    channel: "ONLINE",
    source: null,
    province: "01",
    occupation: "Nông dân",
    age: "31 - 45 tuổi",
    at: "2026-11-20T18:30:00Z",
    text: "Không tán thành cách đánh giá tăng trưởng khá, số liệu chưa thuyết phục.",
    author: "Trần Thị Bích Ngọc",
    email: "ngoc@example.vn",
  },
  {
    name: "o3",
    block: "k2",
    stance: "OTHER",
    status: "APPROVED",
    channel: "ONLINE",
    source: null,
    province: "79",
    occupation: null,
    age: null,
    at: "2026-11-21T03:00:00Z",
    text: "Cần nói rõ hơn về đời sống người dân vùng sâu, vùng xa.",
    author: "Lê Văn Cường",
  },
  {
    name: "o4",
    block: null,
    stance: "AGREE",
    status: "APPROVED",
    channel: "ONLINE",
    source: null,
    province: "01",
    at: "2026-11-21T04:00:00Z",
    text: "Dự thảo viết ngắn gọn, dễ hiểu, tôi tán thành toàn văn.",
    author: "Phạm Thị Dung",
  },
  {
    name: "o5",
    block: "k1",
    stance: "AGREE",
    status: "PENDING",
    channel: "ONLINE",
    source: null,
    province: "01",
    at: "2026-11-22T04:00:00Z",
    text: "Ý kiến còn chờ duyệt về chỉ tiêu chuyển đổi số.",
    author: "Hoàng Văn Em",
  },
  {
    name: "o6",
    block: "k1",
    stance: "AGREE",
    status: "REJECTED",
    channel: "ONLINE",
    source: null,
    province: "01",
    at: "2026-11-22T05:00:00Z",
    text: "Ý kiến bị từ chối vì không liên quan.",
    author: "Vũ Văn Giang",
  },
  {
    name: "a1",
    block: "k3",
    stance: "AGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confA",
    province: "01",
    commune: "00004",
    occupation: "Cán bộ, công chức, viên chức",
    age: "46 - 60 tuổi",
    at: "2026-11-23T02:00:00Z",
    text: "Đề nghị bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã.",
    author: "Đặng Văn Hùng",
  },
  {
    name: "a2",
    block: "k3",
    stance: "AGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confA",
    province: "01",
    commune: "00004",
    at: "2026-11-23T02:05:00Z",
    text: "Đề nghị bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã và phường.",
    author: "Bùi Thị Hoa",
  },
  {
    name: "a3",
    block: "k3",
    stance: "AGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confA",
    province: "01",
    commune: "00004",
    at: "2026-11-23T02:10:00Z",
    text: "Cần bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã.",
    author: "Đỗ Văn Khánh",
  },
  {
    name: "a4",
    block: "k2",
    stance: "DISAGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confA",
    province: "01",
    commune: "00004",
    at: "2026-11-23T02:15:00Z",
    text: "Chưa đánh giá đúng khó khăn của lĩnh vực văn hóa ở cơ sở.",
    author: "Hồ Thị Lan",
  },
  {
    name: "b1",
    block: "k1",
    stance: "AGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confB",
    province: "01",
    commune: "00292",
    at: "2026-11-24T02:00:00Z",
    text: "Tán thành đánh giá về kinh tế, đề nghị nêu thêm kết quả thu hút đầu tư.",
    author: "Ngô Văn Minh",
  },
  {
    name: "b2",
    block: "k1",
    stance: "AGREE",
    status: "APPROVED",
    channel: "CONFERENCE",
    source: "confB",
    province: "01",
    commune: "00292",
    at: "2026-11-24T02:05:00Z",
    text: "Tán thành, đề nghị nêu thêm kết quả thu hút đầu tư nước ngoài.",
    author: "Dương Thị Nga",
  },
  {
    name: "l1",
    block: "k3",
    stance: "OTHER",
    status: "APPROVED",
    channel: "LETTER",
    source: "letterB",
    province: "01",
    commune: "00292",
    at: "2026-11-25T02:00:00Z",
    text: FORMULA_TEXT,
    author: "Lý Văn Phúc",
  },
];

export async function seedReportFixture(db: Db): Promise<Fixture> {
  const run = randomBytes(4).toString("hex");
  const slug = `bao-cao-thu-${run}`;
  await createConsultationFromText(db, { slug, status: "OPEN" }, DRAFT);
  const consultation = await db.consultation.findUniqueOrThrow({ where: { slug } });
  const versionId = consultation.publishedVersionId!;
  const blocks = await db.block.findMany({ where: { versionId }, orderBy: { position: "asc" } });
  const clauses = blocks.filter((b) => b.kind === "clause");
  const parts = blocks.filter((b) => b.kind === "part");
  if (clauses.length !== 3 || parts.length !== 2) throw new Error(`Unexpected draft structure: ${blocks.map((b) => b.kind).join(",")}`);

  const id = (name: string) => `${name}${run}`;
  const organizations = {
    root: id("orgroot"),
    hanoi: id("orghanoi"),
    districtA: id("orgdista"),
    communeA: id("orgcoma"),
    districtB: id("orgdistb"),
    communeB: id("orgcomb"),
  };
  const tree: [keyof typeof organizations, string, "CENTRAL" | "PROVINCE" | "DISTRICT" | "COMMUNE", keyof typeof organizations | null, string | null][] = [
    ["root", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "CENTRAL", null, null],
    ["hanoi", "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hà Nội", "PROVINCE", "root", "01"],
    ["districtA", "Ủy ban Mặt trận Tổ quốc khu vực Ba Đình", "DISTRICT", "hanoi", null],
    ["communeA", "Ủy ban Mặt trận Tổ quốc Phường Ba Đình", "COMMUNE", "districtA", "00004"],
    ["districtB", "Ủy ban Mặt trận Tổ quốc khu vực Bạch Mai", "DISTRICT", "hanoi", null],
    ["communeB", "Ủy ban Mặt trận Tổ quốc Phường Bạch Mai", "COMMUNE", "districtB", "00292"],
  ];
  const paths = new Map<string, string>();
  for (const [key, name, level, parent, localityCode] of tree) {
    const parentId = parent ? organizations[parent] : null;
    const path = `${parentId ? paths.get(parentId)! : "/"}${organizations[key]}/`;
    paths.set(organizations[key], path);
    await db.organization.create({ data: { id: organizations[key], name, level, parentId, localityCode, path, code: `${key}-${run}` } });
  }
  const conferences = {
    confA: await db.conference.create({
      data: {
        consultationId: consultation.id,
        organizationId: organizations.communeA,
        channel: "CONFERENCE",
        title: "Hội nghị lấy ý kiến phường Ba Đình",
        heldOn: new Date("2026-11-23T01:00:00Z"),
      },
    }),
    confB: await db.conference.create({
      data: {
        consultationId: consultation.id,
        organizationId: organizations.districtB,
        channel: "CONFERENCE",
        title: "Hội nghị khu vực Bạch Mai",
        heldOn: new Date("2026-11-24T01:00:00Z"),
      },
    }),
    letterB: await db.conference.create({
      data: {
        consultationId: consultation.id,
        organizationId: organizations.districtB,
        channel: "LETTER",
        title: "Thư góp ý của cử tri",
        heldOn: new Date("2026-11-25T01:00:00Z"),
      },
    }),
  };
  const keys = { k1: clauses[0]!.key, k2: clauses[1]!.key, k3: clauses[2]!.key };
  const ids: Record<string, string> = {};
  for (const row of ROWS) {
    const conference = row.source ? conferences[row.source] : null;
    const created = await db.comment.create({
      data: {
        id: id(row.name),
        consultationId: consultation.id,
        versionId,
        blockKey: row.block ? keys[row.block] : null,
        sectionKey: row.block ? (row.block === "k3" ? parts[1]!.key : parts[0]!.key) : null,
        stance: row.stance,
        originalText: row.text,
        status: row.status,
        authorName: row.author,
        authorEmail: row.email ?? null,
        provinceCode: row.province,
        communeCode: row.commune ?? null,
        occupation: row.occupation ?? null,
        ageGroup: row.age ?? null,
        consentAt: new Date(row.at),
        contentHash: `${row.name}-${run}`,
        receiptToken: `${row.name}-${run}`,
        createdAt: new Date(row.at),
        decidedAt: row.status === "PENDING" ? null : new Date(row.at),
        channel: row.channel,
        conferenceId: conference?.id ?? null,
        organizationId: conference?.organizationId ?? null,
      },
    });
    ids[row.name] = created.id;
  }
  return {
    run,
    consultationId: consultation.id,
    slug,
    title: consultation.title,
    versionId,
    blocks: keys,
    sections: { one: parts[0]!.key, two: parts[1]!.key },
    organizations,
    ids,
  };
}

/** A staff account straight in the database (no password: the tests call the code, not /dang-nhap). */
export async function createStaffUser(db: Db, role: "ADMIN" | "EDITOR" | "MODERATOR" | "ORG_REP", organizationId: string | null, name = "Cán Bộ Thử") {
  return db.user.create({
    data: { email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.vn`, name, role, organizationId },
    select: { id: true, role: true, organizationId: true, name: true },
  });
}
