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

const DEMO_CONSULTATIONS: {
  slug: string;
  file: string;
  title: string;
  summary: string;
  openedDaysAgo: number;
  closesInDays: number;
  withComments: boolean;
  passages: DemoPassage[];
}[] = [
  {
    slug: DEMO_SLUGS.report,
    file: "du-thao-bao-cao-chinh-tri.txt",
    title: "Dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh Hòa Sơn lần thứ XXI, nhiệm kỳ 2025 - 2030",
    summary:
      "Ban Chấp hành Đảng bộ tỉnh Hòa Sơn trân trọng đề nghị cán bộ, đảng viên và Nhân dân góp ý vào dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI. (Văn bản minh họa, không có thật.)",
    openedDaysAgo: 10,
    closesInDays: 30,
    withComments: true,
    passages: [
      {
        block: "1. Kinh tế duy trì tăng trưởng khá",
        quote: "tăng trưởng khá",
        stance: "AGREE",
        text: "Nên nêu rõ «khá» là so với mục tiêu nào, so với bình quân cả nước hay với nhiệm kỳ trước.",
      },
      {
        block: "1. Kinh tế duy trì tăng trưởng khá",
        quote: "tăng trưởng khá",
        stance: "DISAGREE",
        text: "Tăng trưởng chưa đạt chỉ tiêu Nghị quyết đề ra thì không nên đánh giá là khá.",
      },
      {
        block: "1. Kinh tế duy trì tăng trưởng khá",
        quote: "duy trì tăng trưởng",
        stance: "OTHER",
        text: "Đề nghị bổ sung số liệu từng năm để thấy rõ xu hướng.",
      },
      {
        block: "d) Công tác giảm nghèo",
        quote: "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",
        stance: "AGREE",
        text: "Kết quả giảm nghèo rất đáng ghi nhận, đề nghị nêu thêm số hộ cận nghèo.",
      },
      {
        block: "9. Khoa học, công nghệ",
        quote: "chuyển đổi số",
        stance: "OTHER",
        text: "Cần nói rõ chuyển đổi số ở cấp xã sau khi sắp xếp đơn vị hành chính.",
      },
    ],
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
    passages: [
      {
        block: "Từ năm 1930",
        quote: "Đảng Cộng sản Việt Nam",
        stance: "AGREE",
        text: "Đề nghị giữ nguyên cách diễn đạt về vai trò lãnh đạo trong Lời nói đầu.",
      },
      { block: "Từ năm 1930", quote: "Đảng Cộng sản Việt Nam", stance: "OTHER", text: "Nên bổ sung mốc thành lập nước năm 1945 ngay sau đoạn này." },
      {
        block: "1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền",
        quote: "nhà nước pháp quyền xã hội chủ nghĩa",
        stance: "AGREE",
        text: "Tán thành; đây là nguyên tắc cần được cụ thể hóa trong các luật.",
      },
    ],
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
    await addDemoPassages(db, consultation.id, demo.passages, now);
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

/** An approved comment on a passage of the block whose text starts with `block`: marked in the draft's text. */
interface DemoPassage {
  block: string;
  quote: string;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  text: string;
}

async function addDemoPassages(db: Db, consultationId: string, passages: DemoPassage[], now: Date) {
  const { publishedVersionId } = await db.consultation.findUniqueOrThrow({ where: { id: consultationId }, select: { publishedVersionId: true } });
  const blocks = await db.block.findMany({ where: { versionId: publishedVersionId! }, orderBy: { position: "asc" }, select: { key: true, text: true } });
  await seedComments(
    db,
    passages.map((p, i) => {
      const block = blocks.find((b) => b.text.startsWith(p.block));
      const start = block?.text.indexOf(p.quote) ?? -1;
      if (!block || start < 0) throw new Error(`Dữ liệu mẫu: không thấy «${p.quote}» trong đoạn «${p.block}»`);
      const [authorName, provinceCode] = DEMO_AUTHORS[(i + 2) % DEMO_AUTHORS.length];
      const createdAt = new Date(now.getTime() - (20 + i) * 3_600_000);
      return {
        consultationId,
        versionId: publishedVersionId!,
        blockKey: block.key,
        quote: p.quote,
        quoteStart: start,
        quoteEnd: start + p.quote.length,
        stance: p.stance,
        originalText: p.text,
        status: "APPROVED" as const,
        authorName,
        provinceCode,
        consentAt: createdAt,
        contentHash: contentHash(p.text),
        receiptToken: randomBytes(24).toString("base64url"),
        createdAt,
        decidedAt: createdAt,
      };
    }),
  );
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
