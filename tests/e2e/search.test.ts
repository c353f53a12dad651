import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";
import { draftFixtures } from "./drafts-support.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { publishVersion } from "~/consultations/publish.server.ts";

// Search as readers and moderators use it: the box on a draft's page, words typed without
// diacritics, a phrase, the filters and facets, approved comments for the public and pending ones
// for a moderator only, and a phone-sized screen.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
// A word no document holds, so that the comments below are the only hits for it.
const WORD = `xq${Math.random().toString(36).slice(2, 8)}`;
const TEXTS = {
  approved: `Đề nghị bổ sung chỉ tiêu về điện mặt trời áp mái cho hộ gia đình, ${WORD} được duyệt.`,
  pending: `Cần làm rõ nguồn vốn cho đường giao thông liên xã miền núi, ${WORD} đang chờ duyệt.`,
};

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
let browser: Browser;
let moderator: TestStaff;
let consultationId: string;
let blockKey: string;

/** A citizen's comment through the real form (it waits for moderation); returns its id. */
async function submit(text: string, email: string) {
  const token = await submitThroughForm(SLUG, { stance: "DISAGREE", text, name: "Đặng Thị Thu", email, blockKey });
  return (await fx.db.comment.findUniqueOrThrow({ where: { receiptToken: token }, select: { id: true } })).id;
}

/** Approves as a moderator's decision does: the status and, in the same transaction, the search outbox row. */
async function approve(commentId: string) {
  await fx.db.$transaction([
    fx.db.comment.update({ where: { id: commentId }, data: { status: "APPROVED", decidedAt: new Date() } }),
    fx.db.searchOutbox.create({ data: { kind: "comment", entityId: commentId } }),
  ]);
}

/** The index follows the database through the outbox within a second or two: search again until it has. */
async function searchUntil(page: Page, url: string, done: () => Promise<boolean>) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.goto(url);
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`Search did not catch up: ${url}`);
    await page.waitForTimeout(300);
  }
}

const hits = (page: Page) => page.locator(".search-hit");
const facetGroup = (page: Page, title: string) =>
  page
    .getByRole("navigation", { name: "Lọc nhanh kết quả" })
    .locator(".facet-group")
    .filter({ has: page.getByRole("heading", { name: title, exact: true }) });
const totalLine = (page: Page) => page.locator(".search-total").textContent();
const totalOf = async (page: Page) => Number((await totalLine(page))!.replace(/\D/g, ""));
const watchErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return errors;
};

beforeAll(async () => {
  browser = await launchChromium();
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true, publishedVersionId: true } });
  consultationId = consultation.id;
  blockKey = (
    await fx.db.block.findFirstOrThrow({
      where: { kind: "clause", versionId: consultation.publishedVersionId! },
      orderBy: { position: "asc" },
      select: { key: true },
    })
  ).key;
  await approve(await submit(TEXTS.approved, `duyet-${WORD}@example.vn`));
  await submit(TEXTS.pending, `cho-${WORD}@example.vn`);
  moderator = await fx.createStaff("MODERATOR", "Trịnh Văn Khoa");
});

afterAll(async () => {
  await browser?.close();
  await drafts.cleanUp();
  await fx.cleanUp();
});

it("finds 'phát triển kinh tế' typed without diacritics from the draft's own search box, highlighted, linked to the paragraph", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/du-thao/${SLUG}`);
  await page.getByLabel("Tìm trong dự thảo và các ý kiến").fill("phat trien kinh te");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.waitForURL(`${baseUrl}/tim-kiem?consultation=${consultationId}&q=phat+trien+kinh+te`);
  await expect(totalLine(page)).resolves.toMatch(/^Tìm thấy [\d.]+ kết quả$/);
  await expect(page.getByLabel("Dự thảo", { exact: true }).inputValue()).resolves.toBe(consultationId);

  const first = hits(page).first();
  const marked = (await first.locator(".hit-snippet mark").allTextContents()).map((m) => m.toLowerCase());
  expect(marked).toEqual(expect.arrayContaining(["phát", "triển", "kinh", "tế"]));
  await expect(first.locator(".hit-snippet").textContent()).resolves.toMatch(/phát triển kinh tế/i);
  await expect(first.locator(".badge").first().textContent()).resolves.toBe("Văn bản dự thảo");
  const consultationTitles = await page.locator(".hit-consultation a").allTextContents();
  expect(consultationTitles.every((t) => t.startsWith("Dự thảo Báo cáo chính trị"))).toBe(true);

  // The hit's title goes to the paragraph itself.
  const href = await first.locator(".hit-title a").getAttribute("href");
  expect(href).toMatch(new RegExp(`^/du-thao/${SLUG}#p-[a-z0-9]+$`));
  await first.locator(".hit-title a").click();
  await page.waitForURL(`${baseUrl}${href}`);
  expect(await page.locator(new URL(href!, baseUrl).hash).evaluate((el) => el.matches(":target"))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

it("a phrase in quotes finds the words together, fewer than the same words anywhere", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/tim-kiem?q=${encodeURIComponent("kinh te tu nhan")}&kind=block`);
  const words = await totalOf(page);
  await page.getByLabel("Từ khóa").fill('"kinh tế tư nhân"');
  await page.getByRole("button", { name: "Tìm kiếm", exact: true }).click();
  await page.waitForURL(/q=%22kinh/);
  // The address changes as the navigation starts; the old results stay until the new ones arrive.
  await expect.poll(() => totalOf(page), { timeout: 10_000 }).toBeLessThan(words);
  const phrase = await totalOf(page);
  expect(phrase).toBeGreaterThan(0);
  for (const snippet of await page.locator(".hit-snippet").allTextContents()) expect(snippet.toLowerCase()).toContain("kinh tế tư nhân");
  await page.close();
});

it("filters by consultation in the form, and narrows by a facet link", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/tim-kiem?q=nhan+dan`);
  const all = await totalOf(page);
  // Both demo drafts match, each counted in the facet.
  const draftFacets = facetGroup(page, "Dự thảo").getByRole("link");
  expect(await draftFacets.count()).toBe(2);

  await page.locator(".search-filters summary").click();
  const option = page.getByLabel("Dự thảo", { exact: true }).locator("option", { hasText: "Hiến pháp" });
  const label = (await option.textContent())!;
  expect(label).toMatch(/^Hiến pháp .* \([\d.]+\)$/);
  await page.getByLabel("Dự thảo", { exact: true }).selectOption({ label });
  await page.getByRole("button", { name: "Áp dụng bộ lọc" }).click();
  await page.waitForURL(/consultation=/);
  // The address changes as the navigation starts; the old results stay until the new ones arrive.
  const expected = Number(label.match(/\(([\d.]+)\)$/)![1].replace(/\./g, ""));
  await expect.poll(() => totalOf(page), { timeout: 10_000 }).toBe(expected);
  const filtered = await totalOf(page);
  expect(filtered).toBeLessThan(all);
  const titles = await page.locator(".hit-consultation a").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.every((t) => t.startsWith("Hiến pháp"))).toBe(true);
  // Empty fields stay out of the address.
  expect(new URL(page.url()).search).not.toMatch(/=(&|$)/);

  // A facet link: only the draft's text, and the link now shows it is the filter in force.
  const kindFacet = page.getByRole("navigation", { name: "Lọc nhanh kết quả" }).getByRole("link", { name: /^Văn bản dự thảo \([\d.]+\)/ });
  await kindFacet.click();
  await page.waitForURL(/kind=block/);
  await page.getByRole("link", { name: /^Văn bản dự thảo \([\d.]+\) \(đang lọc/ }).waitFor();
  const kinds = await page.locator(".search-hit .hit-tags .badge:first-child").allTextContents();
  expect(new Set(kinds)).toEqual(new Set(["Văn bản dự thảo"]));
  expect(errors).toEqual([]);
  await page.close();
});

it("shows the public an approved comment, never a pending one, whatever the address asks", async () => {
  const page = await browser.newPage();
  await searchUntil(page, `${baseUrl}/tim-kiem?q=${WORD}`, async () => (await hits(page).count()) > 0);
  expect(await hits(page).count()).toBe(1);
  const hit = hits(page).first();
  await expect(hit.locator(".hit-snippet").textContent()).resolves.toBe(TEXTS.approved);
  await expect(hit.locator(".hit-snippet mark").textContent()).resolves.toBe(WORD);
  await expect(hit.locator(".hit-tags").textContent()).resolves.toBe("Ý kiến góp ýKhông tán thành");
  await expect(hit.locator(".hit-byline").textContent()).resolves.toMatch(/Thành phố Hà Nội/);
  await expect(hit.getByRole("link", { name: "Các ý kiến về đoạn này" }).getAttribute("href")).resolves.toBe(`/du-thao/${SLUG}/y-kien?doan=${blockKey}`);
  await expect(hit.getByRole("link", { name: "Xem đoạn này trong dự thảo" }).getAttribute("href")).resolves.toBe(`/du-thao/${SLUG}#p-${blockKey}`);
  // Personal data never shows: not the email, not the full name.
  const html = await page.content();
  expect(html).not.toContain(`duyet-${WORD}@example.vn`);
  expect(html).not.toContain("Đặng Thị Thu");

  for (const query of ["status=PENDING", "status=PENDING&status=REJECTED", "statuses=PENDING"]) {
    await page.goto(`${baseUrl}/tim-kiem?q=${WORD}&${query}`);
    await expect(page.getByText(TEXTS.pending).count()).resolves.toBe(0);
    await expect(page.getByRole("group", { name: "Trạng thái ý kiến" }).count()).resolves.toBe(0);
  }
  await page.close();
});

it("shows a moderator the pending comment too, with the status facet", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel("Thư điện tử").fill(moderator.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/\/quan-tri/);

  await searchUntil(page, `${baseUrl}/tim-kiem?q=${WORD}`, async () => (await hits(page).count()) === 2);
  await page.getByText("Bạn đang tìm với quyền kiểm duyệt").waitFor();
  const facet = facetGroup(page, "Trạng thái");
  await expect(facet.getByRole("link").allTextContents()).resolves.toEqual(["Chờ duyệt (1)", "Đã duyệt (1)"]);

  await facet.getByRole("link", { name: "Chờ duyệt (1)" }).click();
  await page.waitForURL(/status=PENDING/);
  await page.locator(".search-total", { hasText: "Tìm thấy 1 kết quả" }).waitFor();
  const hit = hits(page).first();
  await expect(hit.locator(".hit-snippet").textContent()).resolves.toBe(TEXTS.pending);
  await hit.locator(".hit-status", { hasText: "Chờ duyệt" }).waitFor();
  // Not published: no link to the public comments, where it is not.
  await expect(hit.getByRole("link", { name: "Các ý kiến về đoạn này" }).count()).resolves.toBe(0);
  // The status filter in the form agrees with the facet; the filters are open since one is in force.
  await expect(page.locator("details.search-filters").getAttribute("open")).resolves.not.toBeNull();
  await expect(page.getByRole("checkbox", { name: /^Chờ duyệt/ }).isChecked()).resolves.toBe(true);
  const html = await page.content();
  expect(html).not.toContain(`cho-${WORD}@example.vn`);
  expect(html).not.toContain("Đặng Thị Thu");
  expect(errors).toEqual([]);
  await context.close();
});

it("works on a 360 px phone without JavaScript: the header link, the form, results, no sideways scrolling", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, isMobile: true });
  const page = await context.newPage();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.goto(baseUrl);
  await page.getByRole("navigation", { name: "Trang chính" }).getByRole("link", { name: "Tìm kiếm" }).click();
  await page.waitForURL(`${baseUrl}/tim-kiem`);
  await page.getByLabel("Từ khóa").fill("phat trien kinh te");
  await page.getByRole("button", { name: "Tìm kiếm", exact: true }).click();
  await page.waitForURL(/\/tim-kiem\?q=phat\+trien\+kinh\+te/);
  await page
    .locator(".search-total")
    .filter({ hasText: /^Tìm thấy/ })
    .waitFor();
  await page.locator(".search-filters summary").click();
  expect(await overflow()).toBeLessThanOrEqual(0);

  // The pages of results, by plain links.
  await page.getByRole("link", { name: "Trang sau →" }).click();
  await page.waitForURL(/page=2/);
  await page.locator('.search-pagination [aria-current="page"]', { hasText: "2" }).waitFor();
  await page.getByRole("link", { name: "← Trang trước" }).waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);

  // Nothing found: suggestions instead.
  await page.goto(`${baseUrl}/tim-kiem?q=zzqqxxww&consultation=${consultationId}`);
  await page.locator(".search-total", { hasText: "Không tìm thấy kết quả nào" }).waitFor();
  await page.getByRole("link", { name: "tìm trong tất cả các dự thảo" }).waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await context.close();
});

it("cuts a query longer than 200 characters and says so; ignores hostile filters", async () => {
  const page = await browser.newPage();
  const long = "phát triển ".repeat(30);
  const response = await page.goto(`${baseUrl}/tim-kiem?q=${encodeURIComponent(long)}&consultation=%3Cscript%3E&page=-1&from=31/02/2026`);
  expect(response!.status()).toBe(200);
  await page.getByText("Từ khóa dài quá 200 ký tự nên chỉ 200 ký tự đầu được dùng để tìm.").waitFor();
  expect([...(await page.getByLabel("Từ khóa").inputValue())].length).toBeLessThanOrEqual(200);
  await expect(page.locator("details.search-filters summary").textContent()).resolves.toBe("Bộ lọc");
  await page.close();
});

it("finds a paragraph of an earlier version, labelled with its number and linked to that version, after the current one", async () => {
  const word = `xv${Math.random().toString(36).slice(2, 8)}`;
  const kept = `1. Phát triển hạ tầng số ${word} ở mọi thôn, bản.`;
  const text = ["DỰ THẢO KIỂM THỬ PHIÊN BẢN", "Phần thứ nhất", "MỤC TIÊU", kept, `2. Bỏ đoạn này ${word} cũ.`].join("\n\n");
  const draft = await drafts.createDraft(text, { workingCopy: false });
  const revised = text.replace(`2. Bỏ đoạn này ${word} cũ.`, "2. Một đoạn hoàn toàn mới.");
  const version2 = await fx.db.documentVersion.create({
    data: { consultationId: draft.id, number: 2, title: "Dự thảo lần 2", content: importStructuredText(revised).doc as object },
  });
  await publishVersion(fx.db, version2.id);

  const page = await browser.newPage();
  const url = `${baseUrl}/tim-kiem?q=${word}&consultation=${draft.id}&kind=block`;
  await searchUntil(page, url, async () => (await hits(page).count()) === 3);
  // The kept paragraph in both versions, the current one first; the removed one only in version 1.
  expect(await hits(page).filter({ hasText: "hạ tầng số" }).locator(".hit-version").allTextContents()).toEqual(["Bản số 2 (bản hiện hành)", "Bản số 1"]);
  expect(await hits(page).filter({ hasText: "Bỏ đoạn này" }).locator(".hit-version").allTextContents()).toEqual(["Bản số 1"]);
  const removed = hits(page).filter({ hasText: "Bỏ đoạn này" });
  const link = removed.getByRole("link", { name: "Xem đoạn này trong bản số 1" });
  expect(await link.getAttribute("href")).toMatch(new RegExp(`^/du-thao/${draft.slug}/ban/1#p-[a-z0-9]+$`));
  await link.click();
  await page.waitForURL(/\/ban\/1#p-/);
  const anchor = new URL(page.url()).hash.slice(1);
  expect(await page.locator(`[id="${anchor}"]`).textContent()).toContain("Bỏ đoạn này");

  await page.goto(`${url}&version=current`);
  expect(await hits(page).locator(".hit-version").allTextContents()).toEqual(["Bản số 2 (bản hiện hành)"]);
  expect(await page.getByLabel("Phiên bản dự thảo").inputValue()).toBe("current");
  await page.close();
});
