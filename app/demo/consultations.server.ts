import { readFile } from "node:fs/promises";
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { seedComments } from "~/comments/comment-store.server.ts";
import { contentHash } from "~/text/fold.ts";
import { DEMO_PROVINCE_CODE } from "~/localities/localities.server.ts";
import { seedGroup } from "~/comments/duplicate-groups.server.ts";
import { fingerprint } from "~/text/near-duplicate.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";

const DAY = 86_400_000;
const demoFile = (name: string) => new URL(`../../prisma/demo/${name}`, import.meta.url);

export const DEMO_SLUGS = { report: "du-thao-bao-cao-chinh-tri-hoa-son", constitution: "hien-phap-2013" } as const;

const DEMO_CONSULTATIONS = [
  {
    slug: DEMO_SLUGS.report,
    file: "du-thao-bao-cao-chinh-tri.txt",
    title: "Dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh Hòa Sơn lần thứ XXI, nhiệm kỳ 2025 - 2030",
    summary:
      "Ban Chấp hành Đảng bộ tỉnh Hòa Sơn trân trọng đề nghị cán bộ, đảng viên và Nhân dân góp ý vào dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI. (Văn bản minh họa, không có thật.)",
    openedDaysAgo: 10,
    closesInDays: 30,
    withComments: true,
  },
  {
    slug: DEMO_SLUGS.constitution,
    file: "hien-phap-2013.txt",
    title: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
    summary:
      "Toàn văn Hiến pháp năm 2013, văn bản gốc được đưa ra lấy ý kiến Nhân dân khi sửa đổi, bổ sung năm 2025. Mỗi điều, khoản đều có đường dẫn riêng để góp ý.",
    openedDaysAgo: 20,
    closesInDays: 20,
    withComments: false,
  },
];

/**
 * Loads the demo consultations (a fictional provincial political report and the 2013 Constitution)
 * with a few approved comments, skipping any that is already there. Returns the slugs it created.
 */
export async function seedDemo(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const created: string[] = [];
  for (const demo of DEMO_CONSULTATIONS) {
    if (await db.consultation.findUnique({ where: { slug: demo.slug } })) continue;
    const { consultation } = await createConsultationFromText(
      db,
      {
        slug: demo.slug,
        title: demo.title,
        summary: demo.summary,
        status: "OPEN",
        opensAt: new Date(now.getTime() - demo.openedDaysAgo * DAY),
        closesAt: new Date(now.getTime() + demo.closesInDays * DAY),
      },
      await readFile(demoFile(demo.file)),
    );
    if (demo.withComments) await addDemoComments(db, consultation.id, now);
    created.push(demo.slug);
  }
  return created;
}

const DEMO_AUTHORS = [
  ["Nguyễn Văn An", DEMO_PROVINCE_CODE],
  ["Trần Thị Bích", "01"],
  ["Lê Hoàng Minh", "79"],
  ["Phạm Thu Hà", "31"],
  ["Hoàng Đức Long", "48"],
  ["Vũ Thị Mai", "38"],
] as const;

const DEMO_OPINIONS = [
  ["AGREE", "Tôi tán thành nội dung này. Đề nghị bổ sung chỉ tiêu cụ thể về tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình ở cấp xã."],
  ["DISAGREE", "Mục tiêu tăng trưởng đặt ra cao so với kết quả nhiệm kỳ trước; đề nghị phân tích rõ nguồn lực bảo đảm để chỉ tiêu có tính khả thi."],
  ["OTHER", "Cần nêu rõ hơn trách nhiệm người đứng đầu khi để xảy ra chậm giải ngân vốn đầu tư công."],
  ["AGREE", "Đánh giá hạn chế khá thẳng thắn. Đề nghị giữ nguyên cách viết này trong báo cáo chính thức."],
  ["OTHER", "Đề nghị bổ sung giải pháp về phủ sóng di động cho các thôn vùng sâu, vùng xa trước khi đẩy mạnh chuyển đổi số."],
] as const;

async function addDemoComments(db: Db, consultationId: string, now: Date) {
  const consultation = await db.consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: { publishedVersionId: true },
  });
  const versionId = consultation.publishedVersionId!;
  const blocks = await db.block.findMany({
    where: { versionId, kind: { in: ["clause", "paragraph"] } },
    orderBy: { position: "asc" },
    select: { key: true },
  });
  // Deterministic spread: a few blocks get several opinions, so counts differ on the page.
  const targets = [0, 0, 0, 2, 5, 5, 9, 14, 14, 14, 20, 33, 41, 41, 57].map((i) => blocks[i % blocks.length].key);
  await seedComments(
    db,
    targets.map((blockKey, i) => {
      const [authorName, provinceCode] = DEMO_AUTHORS[i % DEMO_AUTHORS.length];
      const [stance, text] = DEMO_OPINIONS[i % DEMO_OPINIONS.length];
      const createdAt = new Date(now.getTime() - (15 - i) * 3_600_000);
      return {
        consultationId,
        versionId,
        blockKey: i === 7 ? null : blockKey,
        stance,
        originalText: text,
        status: "APPROVED" as const,
        authorName,
        provinceCode,
        consentAt: createdAt,
        contentHash: contentHash(text),
        receiptToken: randomBytes(24).toString("base64url"),
        createdAt,
        decidedAt: createdAt,
      };
    }),
  );
  await addDemoCampaign(db, consultationId, versionId, blocks[0].key, now);
}

/** The same opinion sent by several people: one near-duplicate group, approved, shown once with a count. */
const DEMO_CAMPAIGN = {
  stance: "DISAGREE" as const,
  text: "Đề nghị không đưa chỉ tiêu sáp nhập thôn, tổ dân phố vào nhiệm kỳ này; cần lấy ý kiến cử tri từng thôn trước khi quyết định.",
  authors: [
    ["Đặng Văn Hùng", DEMO_PROVINCE_CODE],
    ["Ngô Thị Lan", DEMO_PROVINCE_CODE],
    ["Bùi Quang Vinh", DEMO_PROVINCE_CODE],
    ["Đỗ Thị Hồng", DEMO_PROVINCE_CODE],
  ],
};

async function addDemoCampaign(db: Db, consultationId: string, versionId: string, blockKey: string, now: Date) {
  const { bands } = fingerprint(DEMO_CAMPAIGN.text);
  const hash = contentHash(DEMO_CAMPAIGN.text);
  const members = DEMO_CAMPAIGN.authors.map(([authorName, provinceCode], i) => {
    const createdAt = new Date(now.getTime() - (30 - i) * 3_600_000);
    return {
      id: randomUUID(),
      consultationId,
      versionId,
      blockKey,
      stance: DEMO_CAMPAIGN.stance,
      originalText: DEMO_CAMPAIGN.text,
      status: "APPROVED" as const,
      authorName,
      provinceCode,
      consentAt: createdAt,
      contentHash: hash,
      receiptToken: randomBytes(24).toString("base64url"),
      band0: bands[0],
      band1: bands[1],
      band2: bands[2],
      band3: bands[3],
      createdAt,
      decidedAt: createdAt,
    };
  });
  const [first] = members;
  const groupId = randomUUID();
  await db.$transaction([
    seedGroup(db, {
      id: groupId,
      consultationId,
      blockKey,
      representativeId: first!.id,
      size: members.length,
      approvedCount: members.length,
      publicCommentId: first!.id,
    }),
    seedComments(
      db,
      members.map((member) => ({ ...member, groupId })),
    ),
  ]);
}
