import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { captcha } from "./citizen-support.ts";
import { removeConsultations } from "./drafts-support.ts";
import { baseUrl, signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// The whole consultation cycle as the drafting team and a citizen live it (issue 14): create a
// consultation, import the Constitution as a real Word file, read the preview, save it as the working copy,
// edit one paragraph in the editor, publish, schedule the opening for the next minute, see it open by
// itself, a citizen comments, the team closes early with a reason, and the form refuses.

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const FIXTURE = readFileSync(path.resolve(import.meta.dirname, "../fixtures/docx/hien-phap-2013.docx"));
const VIET_NAM_MS = 7 * 3_600_000;
/** The form's date-time value (Asia/Ho_Chi_Minh, to the minute) of an instant. */
const vietNamTime = (ms: number) => new Date(ms + VIET_NAM_MS).toISOString().slice(0, 16);

const fx = staffFixtures();
const created: string[] = [];
let browser: Browser;
let drafter: TestStaff;

beforeAll(async () => {
  drafter = await fx.createStaff("EDITOR", "Đặng Thị Soạn");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await removeConsultations(fx.db, created);
  await fx.cleanUp();
});

async function publicText(pathname: string) {
  const response = await fetch(`${baseUrl}${pathname}`);
  return { status: response.status, text: await response.text() };
}

async function waitForPublic(pathname: string, wanted: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const page = await publicText(pathname);
    if (page.status === 200 && page.text.includes(wanted)) return page;
    if (Date.now() > until) throw new Error(`${pathname} did not show «${wanted}» in ${timeoutMs} ms (status ${page.status})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

it(
  "create → import .docx → preview → edit a paragraph → publish → schedule → it opens → a citizen comments → close early → the form refuses",
  { timeout: 240_000 },
  async () => {
    const run = Date.now().toString(36);
    const title = `Dự thảo Hiến pháp sửa đổi (chu trình ${run})`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // 1. Create: the slug is made from the title without diacritics.
    await signInInBrowser(page, drafter, "/quan-tri/du-thao/moi", "Tạo đợt lấy ý kiến");
    await page.getByLabel("Tiêu đề").fill(title);
    await expect(page.getByLabel("Đường dẫn").inputValue()).resolves.toBe(`du-thao-hien-phap-sua-doi-chu-trinh-${run}`);
    await page.getByLabel("Loại văn bản").selectOption("LAW");
    await page.getByLabel("Bắt đầu", { exact: true }).fill("2027-03-01T08:00");
    await page.getByLabel("Kết thúc", { exact: true }).fill("2027-04-01T17:00");
    await page.getByRole("button", { name: "Tạo bản nháp" }).click();
    await status(page, "Đã tạo đợt lấy ý kiến (bản nháp)").waitFor();
    const id = new URL(page.url()).pathname.split("/").pop()!;
    created.push(id);
    const slug = `du-thao-hien-phap-sua-doi-chu-trinh-${run}`;
    expect((await publicText(`/du-thao/${slug}`)).status).toBe(404);

    // 2. Import the Word file: the preview shows what was found, nothing is saved before the person says so.
    await page.getByRole("link", { name: "Nhập bản dự thảo từ tệp" }).click();
    await page.getByRole("heading", { level: 1, name: "Nhập dự thảo từ tệp" }).waitFor();
    await page.getByLabel("Tệp dự thảo", { exact: true }).setInputFiles({ name: "hien-phap-2013.docx", mimeType: DOCX, buffer: FIXTURE });
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
    await page.getByRole("heading", { name: "Xem trước: «hien-phap-2013.docx»" }).waitFor();
    const counts = Object.fromEntries(
      await page
        .locator(".import-counts > div")
        .evaluateAll((items) => items.map((item) => [item.querySelector("dt")!.textContent, item.querySelector("dd")!.textContent])),
    );
    expect(counts).toMatchObject({ Chương: "11", Điều: "120" });
    expect(await fx.db.documentVersion.count({ where: { consultationId: id } })).toBe(0);
    await page.getByRole("button", { name: "Lưu làm bản làm việc" }).click();
    await page.getByText("Đã lưu bản nhập làm bản làm việc (lần sửa 1).").waitFor();

    // 3. Edit one paragraph in the editor; it saves by itself.
    await page.goto(`${baseUrl}/quan-tri/du-thao/${id}/soan-thao`);
    await page.getByRole("toolbar", { name: "Định dạng bản làm việc" }).waitFor();
    const added = ` Bổ sung trong chu trình ${run}.`;
    await page.getByRole("textbox", { name: "Nội dung bản làm việc" }).locator("p", { hasText: "là một nước độc lập, có chủ quyền" }).first().click();
    await page.keyboard.press("End");
    await page.keyboard.type(added);
    await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor({ timeout: 20_000 });

    // 4. Publish: the public page is still closed to readers (the consultation is a draft).
    await page.getByText("Công bố bản làm việc", { exact: true }).click();
    await page.getByRole("button", { name: "Xác nhận công bố" }).click();
    await page.getByText(/Đã công bố bản làm việc: phiên bản \d+ là bản người đọc đang thấy\./).waitFor();
    expect((await publicText(`/du-thao/${slug}`)).status).toBe(404);

    // 5. Schedule the opening for the next minute; the page says it is coming, then it opens by itself.
    await page.goto(`${baseUrl}/quan-tri/du-thao/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    // The next whole minute at least 40 s ahead (the form takes minutes): time to save and schedule before it comes.
    const opensAt = Math.ceil((Date.now() + 40_000) / 60_000) * 60_000;
    await page.getByLabel("Bắt đầu", { exact: true }).fill(vietNamTime(opensAt));
    await page.getByLabel("Kết thúc", { exact: true }).fill(vietNamTime(opensAt + 3 * 86_400_000));
    await page.getByRole("button", { name: "Lưu thông tin" }).click();
    await status(page, "Đã lưu thông tin.").waitFor();
    await page.getByRole("button", { name: "Lên lịch" }).click();
    await status(page, "Đã lên lịch").waitFor();
    expect(Date.now()).toBeLessThan(opensAt);
    const upcoming = await publicText(`/du-thao/${slug}`);
    expect(upcoming.status).toBe(200);
    expect(upcoming.text).toContain("Sắp lấy ý kiến");
    const opened = await waitForPublic(`/du-thao/${slug}`, "Đang lấy ý kiến", opensAt - Date.now() + 30_000);
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
    expect(opened.text).toContain(added.trim());
    expect(opened.text).toContain("Thời gian lấy ý kiến:");

    // 6. A citizen, on a phone, comments on the whole draft through the real form.
    const citizen = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const phone = await citizen.newPage();
    await phone.goto(`${baseUrl}/du-thao/${slug}/gop-y`);
    await phone.getByLabel("Tán thành", { exact: true }).check();
    await phone.getByLabel("Nội dung góp ý").fill(`Tán thành việc bổ sung Điều 1, đề nghị giữ nguyên cách diễn đạt (${run}).`);
    await phone.getByLabel("Họ và tên").fill("Trần Thị Bích Ngọc");
    await phone.getByLabel("Thư điện tử").fill(`ngoc.${run}@example.vn`);
    await phone.getByLabel("Tỉnh, thành phố").selectOption("01");
    await phone.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
    await phone.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
    await phone.getByRole("button", { name: "Gửi góp ý" }).click();
    await phone.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
    expect(await fx.db.comment.count({ where: { consultationId: id } })).toBe(1);

    // 7. The drafting team closes early, with a reason; the form refuses at once, the page stays readable.
    await page.goto(`${baseUrl}/quan-tri/du-thao/${id}`);
    await page.getByLabel("Lý do kết thúc sớm (ghi vào nhật ký)").fill("Đã đủ ý kiến theo kết luận của Ban Thường vụ");
    await page.getByRole("button", { name: "Kết thúc sớm" }).click();
    await status(page, "Đã kết thúc đợt lấy ý kiến").waitFor();

    await phone.goto(`${baseUrl}/du-thao/${slug}/gop-y`);
    await phone
      .getByText(/Đợt lấy ý kiến đã kết thúc/)
      .first()
      .waitFor();
    const body = new URLSearchParams({
      stance: "AGREE",
      name: "Trần Thị Bích Ngọc",
      email: `ngoc2.${run}@example.vn`,
      provinceCode: "01",
      consent: "on",
      text: "Góp ý gửi sau khi đã kết thúc.",
      captcha: await captcha(slug),
    });
    const refused = await fetch(`${baseUrl}/du-thao/${slug}/gop-y`, { method: "POST", body, redirect: "manual" });
    expect(refused.status).not.toBe(303);
    expect(await refused.text()).toContain("góp ý không còn được nhận");
    expect(await fx.db.comment.count({ where: { consultationId: id } })).toBe(1);
    const closed = await publicText(`/du-thao/${slug}`);
    expect(closed.text).toContain("Đã kết thúc lấy ý kiến");
    expect(closed.text).toContain(added.trim());

    const actions = (await fx.db.auditEvent.findMany({ where: { subject: `consultation:${id}` }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["draft-create", "draft-import", "draft-publish", "draft-update", "draft-schedule", "draft-open", "draft-close"]),
    );
    expect(errors).toEqual([]);
    await citizen.close();
    await context.close();
  },
);
