import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount } from "~/staff/accounts.server.ts";
import { launchChromium } from "./browser.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";

// Organizations' work in a real browser: an administrator manages the tree (a new organization,
// a CSV import refused for one bad row); a district representative records a conference, fills in
// the downloaded template, uploads it with one bad row, reads the per-row error, uploads the fixed
// file, and the opinions wait in the moderation queue as the conference's.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const TITLE = `Hội nghị lấy ý kiến Nhân dân huyện Thạnh Lộc ${run}`;
const TEXTS = [
  `Đề nghị bổ sung chỉ tiêu về nước sạch nông thôn cho các xã vùng cao, mã ${run}.`,
  `Cần đánh giá rõ hơn nguyên nhân chậm giải ngân vốn đầu tư công, mã ${run}.`,
  `=Tán thành toàn bộ dự thảo, mã ${run}.`,
];

const fx = staffFixtures();
let browser: Browser;
let admin: TestStaff;
let representative: TestStaff;
let moderator: TestStaff;
let label: string;
let districtId: string;

async function signIn(page: Page, who: TestStaff, next: string, heading: string) {
  await page.goto(`${baseUrl}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Thư điện tử").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: heading, exact: true }).waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
  const district = await fx.db.organization.findUniqueOrThrow({ where: { code: "HS-THANHLOC" } });
  districtId = district.id;
  const email = `org_rep-${run}@e2e.example.vn`;
  const account = await createAccount(fx.db, null, { email, name: "Đinh Thị Gấm", role: "ORG_REP", organizationId: district.id, password: STAFF_PASSWORD });
  if (!account.ok) throw new Error(JSON.stringify(account.fieldErrors));
  fx.track(account.id);
  representative = { id: account.id, email, name: "Đinh Thị Gấm", role: "ORG_REP" };
  admin = await fx.createStaff("ADMIN", "Quản Trị Viên");
  moderator = await fx.createStaff("MODERATOR", "Phạm Thị Dung");
  const block = await fx.db.block.findFirstOrThrow({
    where: { kind: "clause", version: { publishedFor: { slug: SLUG } } },
    orderBy: { position: "asc" },
    select: { label: true },
  });
  label = block.label;
});

afterAll(async () => {
  await browser?.close();
  // The demo consultation is shared with the other browser tests: take this run's opinions away again.
  const conferences = await fx.db.conference.findMany({ where: { title: { contains: run } }, select: { id: true } });
  const ids = conferences.map((c) => c.id);
  const comments = await fx.db.comment.findMany({ where: { conferenceId: { in: ids } }, select: { id: true } });
  await fx.db.searchOutbox.deleteMany({ where: { entityId: { in: comments.map((c) => c.id) } } });
  await fx.db.comment.deleteMany({ where: { conferenceId: { in: ids } } });
  await fx.db.auditEvent.deleteMany({ where: { subject: { in: ids.map((id) => `conference:${id}`) } } });
  await fx.db.conference.deleteMany({ where: { id: { in: ids } } });
  await fx.cleanUp();
});

it("an administrator adds an organization to the tree and sees a CSV import refused row by row", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, admin, "/quan-tri/to-chuc", "Cây tổ chức");
  await page.getByRole("link", { name: "Hội Liên hiệp Phụ nữ tỉnh Hòa Sơn", exact: true }).waitFor();

  await page.getByRole("link", { name: "Thêm trực thuộc Ủy ban MTTQ huyện Thạnh Lộc" }).click();
  await page.getByRole("heading", { name: "Thêm tổ chức" }).waitFor();
  await page.getByLabel("Tên tổ chức").fill(`Hội Nông dân huyện Thạnh Lộc ${run}`);
  await page.getByLabel("Loại tổ chức").selectOption("NONG_DAN");
  // Below a district the form proposes a commune; a mass organization of the district is at its level.
  await expect(page.getByLabel("Cấp", { exact: true }).inputValue()).resolves.toBe("COMMUNE");
  await page.getByLabel("Cấp", { exact: true }).selectOption("DISTRICT");
  await page.getByRole("button", { name: "Thêm tổ chức" }).click();
  await page.getByText("Đã thêm tổ chức.").waitFor();
  const created = await fx.db.organization.findFirstOrThrow({ where: { name: `Hội Nông dân huyện Thạnh Lộc ${run}` }, include: { parent: true } });
  expect(created).toMatchObject({ kind: "NONG_DAN", level: "DISTRICT" });
  expect(created.path).toBe(`${created.parent!.path}${created.id}/`);

  const csv = [
    "ma,ten,cap,loai,ma_cap_tren,ma_dia_ban",
    `E2E-${run}-1,Chi đoàn thôn Một,xa,Đoàn Thanh niên,HS-THANHLOC-X1,`,
    `E2E-${run}-2,Chi hội thôn Hai,thôn,,HS-THANHLOC-X1,`,
  ].join("\n");
  await page.getByLabel("Tệp CSV (UTF-8)").setInputFiles({ name: "to-chuc.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Nhập danh sách" }).click();
  await page.getByText("Dòng 3:").waitFor();
  await page.getByText("Cấp «thôn» không hợp lệ").waitFor();
  await expect(fx.db.organization.count({ where: { code: { startsWith: `E2E-${run}` } } })).resolves.toBe(0);
  await fx.db.auditEvent.deleteMany({ where: { subject: `organization:${created.id}` } });
  await fx.db.organization.delete({ where: { id: created.id } });
  expect(errors).toEqual([]);
  await context.close();
});

it("a representative uploads a conference file with one bad row, fixes it, and the opinions wait for moderation", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, representative, "/quan-tri/hoi-nghi", "Hội nghị, thư góp ý");

  // The conference itself; only the representative's district and the organizations below it are offered.
  await page.getByRole("link", { name: "Ghi nhận hội nghị hoặc thư góp ý" }).click();
  await page.getByRole("heading", { name: "Ghi nhận hội nghị, thư góp ý" }).waitFor();
  const organizations = await page.getByLabel("Tổ chức thu thập ý kiến").locator("option:not([disabled])").allTextContents();
  expect(organizations.map((o) => o.replace(/^[\s└]+/u, ""))).toContain("Ủy ban MTTQ huyện Thạnh Lộc");
  expect(organizations.join("|")).not.toContain("Hòa Hải");
  await page
    .getByLabel("Dự thảo được góp ý")
    .selectOption({ label: "Dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh Hòa Sơn lần thứ XXI, nhiệm kỳ 2025 - 2030" });
  await page.getByLabel("Tổ chức thu thập ý kiến").selectOption(districtId);
  await page.getByLabel("Tên hội nghị hoặc tiêu đề thư").fill(TITLE);
  await page.getByLabel("Ngày tổ chức (hoặc ngày của thư)").fill("2025-11-20");
  await page.getByLabel("Số người dự").fill("85");
  await page.getByLabel("Người chủ trì").fill("Lò Văn Hùng");
  await page.getByRole("button", { name: "Lưu và nhập ý kiến" }).click();
  await page.getByRole("heading", { name: TITLE }).waitFor();

  // The template, filled in with one bad row (a stance that does not exist).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "tệp mẫu Excel (.xlsx)" }).click()]);
  expect(download.suggestedFilename()).toBe(`mau-y-kien-${SLUG}.xlsx`);
  const template = await readFile((await download.path())!);
  const fill = async (stance: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Ý kiến", "Hướng dẫn"]);
    const sheet = workbook.getWorksheet("Ý kiến")!;
    sheet.getRow(2).values = [label, "Tán thành", TEXTS[0]];
    sheet.getRow(3).values = [label, stance, TEXTS[1], "Nguyễn Văn Hòa", "21/11/2025"];
    sheet.getRow(4).values = ["Toàn văn dự thảo", "Ý kiến khác", TEXTS[2]];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  const upload = async (buffer: Buffer) => {
    await page
      .getByLabel("Tệp ý kiến (.xlsx hoặc .csv)")
      .setInputFiles({ name: "y-kien-hoi-nghi.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByRole("button", { name: "Tải lên và nhập" }).click();
  };
  await upload(await fill("Ủng hộ"));
  await page.getByText("Tệp có 1 dòng cần sửa: chưa dòng nào được lưu.").waitFor();
  await expect(page.locator(".row-error-list li").allTextContents()).resolves.toEqual([expect.stringMatching(/^Dòng 3: Quan điểm «Ủng hộ» không hợp lệ/)]);
  await expect(fx.db.comment.count({ where: { conference: { title: TITLE } } })).resolves.toBe(0);

  // The good rows alone, then the corrected whole file: only the fixed row goes in, the others are named.
  await page.getByLabel("Chỉ nhập các dòng hợp lệ").check();
  await upload(await fill("Ủng hộ"));
  await page.getByText("Đã nhập 2 ý kiến mới từ tệp").waitFor();
  await expect(fx.db.comment.count({ where: { conference: { title: TITLE } } })).resolves.toBe(2);
  await page.getByLabel("Chỉ nhập các dòng hợp lệ").uncheck();
  await upload(await fill("Không tán thành"));
  await page.getByText("Đã nhập 1 ý kiến mới từ tệp").waitFor();
  await expect(page.locator("[data-already-in]").textContent()).resolves.toBe(
    "2 dòng đã được nhập cho hội nghị này từ lần trước nên không nhập lại: dòng 2 và 4.",
  );
  await expect(page.locator("main").textContent()).resolves.not.toMatch(/xóa .*nhập lại/i);
  await page.getByText(TEXTS[2]).waitFor();
  const stored = await fx.db.comment.findMany({ where: { conference: { title: TITLE } } });
  expect(stored).toHaveLength(3);
  expect(stored.every((c) => c.channel === "CONFERENCE" && c.status === "PENDING")).toBe(true);

  // The statistics page tells the representative their opinions wait for moderation.
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
  const { path } = await fx.db.organization.findUniqueOrThrow({ where: { id: districtId }, select: { path: true } });
  const waiting = await fx.db.comment.count({
    where: { consultationId: consultation.id, status: "PENDING", organization: { is: { path: { startsWith: path } } } },
  });
  expect(waiting).toBeGreaterThanOrEqual(3);
  await page.goto(`${baseUrl}/quan-tri/bao-cao/${consultation.id}`);
  await expect(page.locator("[data-waiting]").textContent()).resolves.toMatch(
    new RegExp(`^Còn ${waiting} ý kiến do tổ chức của bạn \\(và các tổ chức trực thuộc\\) thu thập đang chờ kiểm duyệt`),
  );
  expect(errors).toEqual([]);
  await context.close();

  // A moderator finds them in the queue, with the conference as their author.
  const moderation = await browser.newContext();
  const queue = await moderation.newPage();
  await signIn(queue, moderator, "/quan-tri/kiem-duyet", "Kiểm duyệt ý kiến");
  const item = (text: string) => queue.locator("[data-queue-item]", { hasText: text });
  for (const text of TEXTS) await item(text).waitFor();
  await expect(item(TEXTS[0]).textContent()).resolves.toContain(`${TITLE} – Ủy ban MTTQ huyện Thạnh Lộc`);
  await expect(item(TEXTS[1]).textContent()).resolves.toContain("Nguyễn Văn Hòa");
  await moderation.close();
});
