import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { scheduleConsultation } from "~/consultations/drafting/transitions.server.ts";
import { launchChromium } from "./browser.ts";
import { captcha } from "./citizen-support.ts";
import { publishedDraftConsultation, removeConsultations } from "./drafts-support.ts";
import { baseUrl, signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// The drafting team runs a consultation from the staff pages, in Chromium against the production server
// (whose page cache is on): creating one (errors beside the fields, what was typed kept), scheduling a
// published draft, closing it early with a reason; the public page and the comment form follow at once,
// and a scheduled opening shows on the public pages at its second whatever copy the cache holds.

const fx = staffFixtures();
const run = Math.random().toString(36).slice(2, 8);
const created: string[] = [];
let browser: Browser;
let editor: TestStaff;

beforeAll(async () => {
  browser = await launchChromium();
  editor = await fx.createStaff("EDITOR", "Lê Thị Soạn Thảo");
});

afterAll(async () => {
  await browser?.close();
  await removeConsultations(fx.db, created);
  await fx.cleanUp();
});

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  return errors;
}

/** A public page as an anonymous reader gets it (through the page cache). */
async function publicPage(path: string) {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, cached: response.headers.get("x-cache") === "HIT", text: await response.text() };
}

/** Asks again until the page comes from the cache (it is stored once compressed, a moment after the answer). */
async function cachedCopy(path: string) {
  for (let i = 0; i < 20; i++) {
    const page = await publicPage(path);
    if (page.cached) return page;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} was not served from the cache`);
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

it("creates a consultation: slug made from the title, errors beside the fields with what was typed kept, then a draft", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInInBrowser(page, editor, "/quan-tri/du-thao", "Dự thảo và đợt lấy ý kiến");
  await page.getByRole("link", { name: "Tạo đợt lấy ý kiến" }).click();
  await page.getByRole("heading", { level: 1, name: "Tạo đợt lấy ý kiến" }).waitFor();

  const title = `Dự thảo Nghị quyết về Đô thị thông minh ${run}`;
  await page.getByLabel("Tiêu đề").fill(title);
  await expect(page.getByLabel("Đường dẫn").inputValue()).resolves.toBe(`du-thao-nghi-quyet-ve-do-thi-thong-minh-${run}`);
  await page.getByLabel("Cơ quan chủ trì soạn thảo").fill("Sở Xây dựng tỉnh Hòa Sơn");
  await page.getByLabel("Loại văn bản").selectOption("RESOLUTION");
  // The opening after the closing.
  await page.getByLabel("Bắt đầu", { exact: true }).fill("2027-01-20T08:00");
  await page.getByLabel("Kết thúc", { exact: true }).fill("2027-01-10T17:00");
  await page.getByRole("button", { name: "Tạo bản nháp" }).click();
  await page.getByRole("alert").filter({ hasText: "Chưa lưu được: vui lòng sửa 1 mục" }).waitFor();
  await page.locator("#f-closesAt-error", { hasText: "Thời điểm kết thúc phải sau thời điểm bắt đầu." }).waitFor();
  expect(await page.getByLabel("Tiêu đề").inputValue()).toBe(title);
  expect(await page.getByLabel("Cơ quan chủ trì soạn thảo").inputValue()).toBe("Sở Xây dựng tỉnh Hòa Sơn");
  expect(await page.getByLabel("Bắt đầu", { exact: true }).inputValue()).toBe("2027-01-20T08:00");
  expect(await page.getByLabel("Kết thúc", { exact: true }).getAttribute("aria-invalid")).toBe("true");

  // A slug already taken (the demo Constitution's).
  await page.getByLabel("Kết thúc", { exact: true }).fill("2027-01-30T17:00");
  await page.getByLabel("Đường dẫn").fill("hien-phap-2013");
  await page.getByRole("button", { name: "Tạo bản nháp" }).click();
  await page.locator("#f-slug-error", { hasText: "Đường dẫn này đã được dùng" }).waitFor();
  expect(await page.getByLabel("Kết thúc", { exact: true }).inputValue()).toBe("2027-01-30T17:00");
  expect(await page.getByLabel("Loại văn bản").inputValue()).toBe("RESOLUTION");

  // Emptied: made from the title on the server.
  await page.getByLabel("Đường dẫn").fill("");
  await page.getByRole("button", { name: "Tạo bản nháp" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("status").filter({ hasText: "Đã tạo đợt lấy ý kiến (bản nháp)" }).waitFor();
  const stored = await fx.db.consultation.findUniqueOrThrow({ where: { slug: `du-thao-nghi-quyet-ve-do-thi-thong-minh-${run}` } });
  created.push(stored.id);
  expect(stored).toMatchObject({
    status: "DRAFT",
    kind: "RESOLUTION",
    issuingBody: "Sở Xây dựng tỉnh Hòa Sơn",
    // Typed in Viet Nam's time, stored in UTC, shown back the same.
    opensAt: new Date("2027-01-20T01:00:00Z"),
    closesAt: new Date("2027-01-30T10:00:00Z"),
  });
  expect(await page.getByLabel("Bắt đầu", { exact: true }).inputValue()).toBe("2027-01-20T08:00");
  expect(await fx.db.auditEvent.count({ where: { action: "draft-create", subject: `consultation:${stored.id}`, actorId: editor.id } })).toBe(1);
  // A draft is never public.
  expect((await publicPage(`/du-thao/${stored.slug}`)).status).toBe(404);
  // Nothing to schedule yet: it says why.
  await page.getByText("Chưa thực hiện được: Chưa có bản dự thảo được công bố").first().waitFor();

  // Two tabs on the same settings: the first saves; the second, read before that, is told and keeps what it typed.
  const stale = await context.newPage();
  await stale.goto(page.url().split("?")[0]!);
  await page.getByLabel("Tóm tắt").fill("Lấy ý kiến về đề án đô thị thông minh giai đoạn 2027 - 2030.");
  await page.getByRole("button", { name: "Lưu thông tin" }).click();
  await page.getByRole("status").filter({ hasText: "Đã lưu thông tin." }).waitFor();
  await stale.getByLabel("Cơ quan chủ trì soạn thảo").fill("Văn phòng Ủy ban nhân dân tỉnh");
  await stale.getByRole("button", { name: "Lưu thông tin" }).click();
  await stale.getByRole("alert").filter({ hasText: "vừa được người khác thay đổi" }).waitFor();
  await stale.getByRole("alert").filter({ hasText: "Tóm tắt: «Lấy ý kiến về đề án đô thị thông minh" }).waitFor();
  expect(await stale.getByLabel("Cơ quan chủ trì soạn thảo").inputValue()).toBe("Văn phòng Ủy ban nhân dân tỉnh");
  expect(await fx.db.consultation.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
    issuingBody: "Sở Xây dựng tỉnh Hòa Sơn",
    summary: "Lấy ý kiến về đề án đô thị thông minh giai đoạn 2027 - 2030.",
  });
  expect(errors).toEqual([]);
  await context.close();
});

it("without JavaScript on a phone: schedules a published draft (it opens at once), closes it early with a reason; the public page and form follow at once", async () => {
  const draft = await publishedDraftConsultation(fx.db, `Dự thảo Quy chế dân chủ ở cơ sở ${run}`, {
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 2 * 86_400_000 + 3_600_000),
  });
  created.push(draft.id);
  const publicPath = `/du-thao/${draft.slug}`;
  expect((await publicPage(publicPath)).status).toBe(404);

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await signInInBrowser(page, editor, `/quan-tri/du-thao/${draft.id}`, `Dự thảo Quy chế dân chủ ở cơ sở ${run}`);
  await page.locator(".draft-summary .badge", { hasText: "Bản nháp" }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Lên lịch" }).click();
  await page.getByRole("status").filter({ hasText: "Đợt lấy ý kiến đã mở." }).waitFor();
  await page.locator(".draft-summary .badge", { hasText: "Đang lấy ý kiến" }).waitFor();

  const open = await publicPage(publicPath);
  expect(open.status).toBe(200);
  expect(open.text).toContain("Đang lấy ý kiến");
  expect(open.text).toContain("Thời gian lấy ý kiến:");
  expect(open.text).toContain("Còn 2 ngày");
  expect(open.text).toContain("Góp ý về toàn văn dự thảo");
  expect((await cachedCopy(publicPath)).text).toContain("Đang lấy ý kiến");
  const home = await publicPage("/");
  expect(home.text).toContain(`Dự thảo Quy chế dân chủ ở cơ sở ${run}`);
  const form = new URLSearchParams({
    stance: "AGREE",
    name: "Vũ Thị Hạnh",
    email: `hanh.${run}@example.vn`,
    provinceCode: "01",
    consent: "on",
    text: `Tán thành dự thảo, đề nghị ban hành sớm ${run}.`,
  });
  form.set("captcha", await captcha(draft.slug));
  expect((await fetch(`${baseUrl}${publicPath}/gop-y`, { method: "POST", body: form, redirect: "manual" })).status).toBe(303);

  // A reason too short: said beside the field, kept.
  await page.getByLabel("Lý do kết thúc sớm (ghi vào nhật ký)").fill("Đủ");
  await page.getByRole("button", { name: "Kết thúc sớm" }).click();
  await page.locator("#f-closeReason-error", { hasText: "ít nhất 5 ký tự" }).waitFor();
  expect(await page.getByLabel("Lý do kết thúc sớm (ghi vào nhật ký)").inputValue()).toBe("Đủ");
  const reason = "Theo kết luận của Thường trực Tỉnh ủy, đã đủ ý kiến";
  await page.getByLabel("Lý do kết thúc sớm (ghi vào nhật ký)").fill(reason);
  await page.getByRole("button", { name: "Kết thúc sớm" }).click();
  await page.getByRole("status").filter({ hasText: "Đã kết thúc đợt lấy ý kiến" }).waitFor();
  await page.locator(".draft-summary .badge", { hasText: "Đã kết thúc" }).waitFor();
  expect(await fx.db.auditEvent.findFirst({ where: { action: "draft-close", subject: `consultation:${draft.id}` } })).toMatchObject({
    actorId: editor.id,
    note: reason,
  });

  // At once, although the open page was in the cache a moment ago.
  const closed = await publicPage(publicPath);
  expect(closed.cached).toBe(false);
  expect(closed.text).toContain("Đã kết thúc lấy ý kiến");
  expect(closed.text).toContain("không nhận thêm góp ý");
  expect(closed.text).not.toContain("Góp ý về toàn văn dự thảo");
  expect(closed.text).toContain("ý kiến đã được đăng");
  const formPage = await publicPage(`${publicPath}/gop-y`);
  expect(formPage.text).toContain("Đợt lấy ý kiến đã kết thúc");
  expect(formPage.text).not.toContain("Gửi góp ý");
  form.set("captcha", await captcha(draft.slug));
  form.set("text", `Một ý kiến gửi sau khi đã kết thúc ${run}.`);
  const refused = await fetch(`${baseUrl}${publicPath}/gop-y`, { method: "POST", body: form, redirect: "manual" });
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain("góp ý không được nhận");
  expect(await fx.db.comment.count({ where: { consultationId: draft.id } })).toBe(1);
  await context.close();
});

it("a scheduled consultation opens on the public pages at its second, whatever copy the page cache holds", async () => {
  const opensAt = new Date(Date.now() + 4_000);
  const title = `Dự thảo Đề án chuyển đổi xanh ${run}`;
  const draft = await publishedDraftConsultation(fx.db, title, { opensAt, closesAt: new Date(opensAt.getTime() + 86_400_000) });
  created.push(draft.id);
  expect(await scheduleConsultation(fx.db, null, draft.id)).toEqual({ ok: true, status: "SCHEDULED" });
  const path = `/du-thao/${draft.slug}`;

  // Rendered and kept a little before the opening; served from the cache just after.
  await sleepUntil(opensAt.getTime() - 900);
  const before = await publicPage(path);
  expect(before.text).toContain("Sắp lấy ý kiến");
  expect(before.text).not.toContain("Góp ý về toàn văn dự thảo");
  expect((await cachedCopy(path)).text).toContain("Sắp lấy ý kiến");
  const homeBefore = await publicPage("/");
  expect(homeBefore.text).toContain(title);

  // Within the cache's 2 s, but past the opening: the copy is not served.
  await sleepUntil(opensAt.getTime() + 50);
  const after = await publicPage(path);
  expect(after.cached).toBe(false);
  expect(after.text).toContain("Đang lấy ý kiến");
  expect(after.text).toContain("Góp ý về toàn văn dự thảo");
  const homeAfter = await publicPage("/");
  expect(homeAfter.cached).toBe(false);
  const card = homeAfter.text.slice(homeAfter.text.indexOf(title) - 400, homeAfter.text.indexOf(title) + 800);
  expect(card).toContain("Đang lấy ý kiến");
});
