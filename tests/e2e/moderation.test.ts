import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";

// A moderator's day in a real browser: sign in, approve with the keyboard, reject with a reason,
// edit then approve, a refused decision rolled back, an editor approving a whole near-duplicate
// group; and what the public page and the authors' status links show afterwards.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const TEXTS = {
  keyboard: `Đề nghị làm rõ lộ trình chuyển đổi số cấp xã, mã ${run}, trong nhiệm kỳ tới.`,
  reject: `Nội dung này không liên quan, mã ${run}, xin bỏ qua ý kiến của tôi.`,
  edit: `Cần bổ sung chỉ tiêu về nước sạch nông thôn, mã ${run}, cho các xã miền núi.`,
  raced: `Đề nghị tăng đầu tư cho giáo dục vùng cao, mã ${run}, ưu tiên trường nội trú.`,
  flood: `Chúng tôi đề nghị giữ nguyên tên gọi và địa giới của xã mình, mã ${run}, vì phù hợp với truyền thống lịch sử của quê hương.`,
};

/** The flood as sent: the text, a copy with two words added, a copy with two words left out. */
const FLOOD_COPIES = [TEXTS.flood, TEXTS.flood.replace("quê hương", "quê hương chúng tôi"), TEXTS.flood.replace("truyền thống lịch sử", "lịch sử")];

const fx = staffFixtures();
let browser: Browser;
let moderator: TestStaff;
let editor: TestStaff;
let blockKey: string;
let blockText: string;
const receipts = new Map<string, string>();

/** A citizen's comment through the real form; returns the receipt token. */
function submit(text: string, email: string) {
  return submitThroughForm(SLUG, { text, email, blockKey });
}

async function signIn(page: Page, who: TestStaff) {
  await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri/kiem-duyet`);
  await page.getByLabel("Thư điện tử").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: "Kiểm duyệt ý kiến" }).waitFor();
}

const item = (page: Page, text: string) => page.locator("[data-queue-item]", { hasText: text });
const status = (token: string) =>
  fx.db.comment.findUniqueOrThrow({ where: { receiptToken: token }, select: { status: true, publishedText: true, rejectReason: true } });

beforeAll(async () => {
  browser = await launchChromium();
  const clause = await fx.db.block.findFirstOrThrow({
    where: { kind: "clause", version: { publishedFor: { slug: SLUG } } },
    orderBy: { position: "asc" },
    select: { key: true, text: true },
  });
  [blockKey, blockText] = [clause.key, clause.text];
  for (const [name, text] of Object.entries(TEXTS)) if (name !== "flood") receipts.set(name, await submit(text, `${name}-${run}@example.vn`));
  for (const [i, text] of FLOOD_COPIES.entries()) receipts.set(`flood${i}`, await submit(text, `flood${i}-${run}@example.vn`));
  moderator = await fx.createStaff("MODERATOR", "Phạm Thị Dung");
  editor = await fx.createStaff("EDITOR", "Hoàng Văn Em");
});

afterAll(async () => {
  await browser?.close();
  await fx.cleanUp();
});

it("a moderator approves with the keyboard, rejects with a reason, edits then approves", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, moderator);

  // The block's text is shown beside the comment.
  await expect(item(page, TEXTS.keyboard).locator(".queue-block p").textContent()).resolves.toBe(blockText);

  // Keyboard: focus the item, "a" approves it.
  await item(page, TEXTS.keyboard).focus();
  await page.keyboard.press("a");
  await item(page, TEXTS.keyboard).waitFor({ state: "detached" });
  await expect(status(receipts.get("keyboard")!)).resolves.toMatchObject({ status: "APPROVED" });

  // "r" opens the reasons; the list is required.
  await item(page, TEXTS.reject).focus();
  await page.keyboard.press("r");
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("SELECT");
  await page.keyboard.press("Escape");
  await page.keyboard.press("r");
  await item(page, TEXTS.reject).getByLabel("Lý do từ chối").selectOption({ label: "Không liên quan đến nội dung dự thảo" });
  await item(page, TEXTS.reject).getByLabel("Ghi chú (không bắt buộc)").fill("trùng chủ đề khác");
  await item(page, TEXTS.reject).getByRole("button", { name: "Từ chối ý kiến" }).click();
  await item(page, TEXTS.reject).waitFor({ state: "detached" });
  await expect(status(receipts.get("reject")!)).resolves.toMatchObject({
    status: "REJECTED",
    rejectReason: "Không liên quan đến nội dung dự thảo: trùng chủ đề khác",
  });

  // "e" opens the editor on the text; the original stays.
  const edited = `Cần bổ sung chỉ tiêu về nước sạch nông thôn cho các xã miền núi (đã biên tập ${run}).`;
  await item(page, TEXTS.edit).focus();
  await page.keyboard.press("e");
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("TEXTAREA");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(edited);
  await item(page, TEXTS.edit).getByRole("button", { name: "Lưu và duyệt" }).click();
  await item(page, TEXTS.edit).waitFor({ state: "detached" });
  await expect(status(receipts.get("edit")!)).resolves.toMatchObject({ status: "APPROVED", publishedText: edited });

  // What the authors see through their private links.
  await page.goto(`${baseUrl}/y-kien/${receipts.get("reject")}`);
  await page.getByText("trùng chủ đề khác").waitFor();
  await page.goto(`${baseUrl}/y-kien/${receipts.get("edit")}`);
  await page.getByText(edited).waitFor();
  await page.getByText(TEXTS.edit).waitFor();
  // And the public: the approved and the edited text, not the rejected one nor the original.
  await page.goto(`${baseUrl}/du-thao/${SLUG}/y-kien?doan=${blockKey}`);
  await page.getByText(TEXTS.keyboard).waitFor();
  await page.getByText(edited).waitFor();
  await expect(page.getByText(TEXTS.reject).count()).resolves.toBe(0);
  await expect(page.getByText(TEXTS.edit).count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it("rolls back an optimistic approval that someone else beat, saying who decided", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, moderator);
  const card = item(page, TEXTS.raced);
  await card.waitFor();
  // Meanwhile another moderator rejects it.
  await fx.db.comment.update({
    where: { receiptToken: receipts.get("raced")! },
    data: { status: "REJECTED", rejectReason: "Không liên quan đến nội dung dự thảo", decidedAt: new Date(), decidedById: editor.id },
  });
  await card.getByRole("button", { name: "Duyệt", exact: true }).click();
  await card.getByRole("alert").filter({ hasText: "đã được Hoàng Văn Em từ chối" }).waitFor();
  await expect(card.getAttribute("class")).resolves.not.toContain("decided");
  await expect(status(receipts.get("raced")!)).resolves.toMatchObject({ status: "REJECTED" });
  await context.close();
});

it("an editor approves a whole near-duplicate group; the public sees it once", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, editor);
  await page.getByRole("link", { name: "Xem theo nhóm trùng lặp" }).click();
  const group = item(page, TEXTS.flood);
  await group.getByRole("heading", { name: /Nhóm 3 ý kiến trùng lặp/ }).waitFor();
  // Before deciding, the members it decides, each with what differs from the text shown marked; opened with the keyboard.
  const members = group.locator("details.group-members");
  await members.locator("summary", { hasText: "Xem 2 ý kiến khác trong nhóm" }).focus();
  await page.keyboard.press("Enter");
  await expect(members.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(true);
  await members.locator("li ins", { hasText: "chúng tôi" }).waitFor();
  await members.locator("li del", { hasText: "truyền thống" }).waitFor();
  await expect(members.locator("li").count()).resolves.toBe(2);
  await group.getByRole("button", { name: "Duyệt cả nhóm (3)" }).click();
  // Once decided, the group leaves the list of groups with pending members.
  await group.waitFor({ state: "detached" });
  for (let i = 0; i < 3; i++) await expect(status(receipts.get(`flood${i}`)!)).resolves.toMatchObject({ status: "APPROVED" });
  expect(await fx.db.auditEvent.count({ where: { actorId: editor.id, action: "bulk-approve" } })).toBe(3);

  await page.goto(`${baseUrl}/du-thao/${SLUG}/y-kien?doan=${blockKey}`);
  await expect(page.getByText(TEXTS.flood).count()).resolves.toBe(1);
  await page.getByText("và 2 ý kiến tương tự").waitFor();
  await page.goto(`${baseUrl}/y-kien/${receipts.get("flood2")}`);
  await page.getByText("Đã được đăng", { exact: false }).first().waitFor();
  await context.close();
});

it("works without JavaScript: filter, claim, approve by plain form posts", async () => {
  const token = await submit(`Ý kiến gửi để duyệt không cần JavaScript, mã ${run}, về quy hoạch đất.`, `nojs-${run}@example.vn`);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, moderator);
  await page.getByLabel("Thứ tự").selectOption("newest");
  await page.getByRole("button", { name: "Lọc" }).click();
  const card = item(page, `mã ${run}, về quy hoạch đất`);
  await card.getByRole("button", { name: "Nhận xử lý" }).click();
  await item(page, `mã ${run}, về quy hoạch đất`).getByText("Bạn đang xử lý").waitFor();
  // The redirect lands at the next item's anchor (the one after it in the list), not at the page's top.
  const next = await item(page, `mã ${run}, về quy hoạch đất`).evaluate(
    (el) => el.closest("li")?.nextElementSibling?.querySelector("[data-queue-item]")?.id ?? "kiem-duyet-tieu-de",
  );
  await item(page, `mã ${run}, về quy hoạch đất`).getByRole("button", { name: "Duyệt", exact: true }).click();
  await page.getByText("Đã duyệt và đăng ý kiến.").waitFor();
  expect(new URL(page.url()).hash).toBe(`#${next}`);
  expect(new URL(page.url()).searchParams.get("order")).toBe("newest");
  await expect(status(token)).resolves.toMatchObject({ status: "APPROVED" });
  await context.close();
});

it("after a decision, keyboard focus goes to the next item; after the last one, to the heading with an announcement", async () => {
  const texts = [0, 1].map((i) => `Ý kiến ${i} để thử chuyển tiêu điểm, mã ${run}, về giao thông nông thôn.`);
  const tokens: string[] = [];
  for (const [i, text] of texts.entries()) tokens.push(await submit(text, `focus${i}-${run}@example.vn`));
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, moderator);
  await page.getByLabel("Thứ tự").selectOption("newest");
  await page.getByRole("button", { name: "Lọc" }).click();
  await page.waitForURL(/order=newest/);
  // Newest first: text 1, then text 0. Rejecting text 1 by the keyboard moves focus on to text 0.
  const first = item(page, texts[1]!);
  await first.getByText("Từ chối", { exact: true }).click();
  await first.getByLabel("Lý do từ chối").selectOption({ label: "Không liên quan đến nội dung dự thảo" });
  await first.getByRole("button", { name: "Từ chối ý kiến" }).focus();
  await page.keyboard.press("Enter");
  const second = item(page, texts[0]!);
  await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
  await first.waitFor({ state: "detached" });
  await expect(second.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await expect(status(tokens[1]!)).resolves.toMatchObject({ status: "REJECTED" });

  // Alone on the page (one comment's address): deciding it leaves focus on the heading, and says so.
  const { id } = await fx.db.comment.findUniqueOrThrow({ where: { receiptToken: tokens[0]! }, select: { id: true } });
  await page.goto(`${baseUrl}/quan-tri/kiem-duyet?comment=${id}`);
  await item(page, texts[0]!).getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("kiem-duyet-tieu-de");
  await page.getByRole("status").filter({ hasText: "Đã xử lý hết các ý kiến trên trang này." }).waitFor();
  await expect.poll(() => status(tokens[0]!).then((s) => s.status)).toBe("APPROVED");
  await context.close();
});

it("on a 360 px phone every control of the queue is at least 44 px tall, in the page's font", async () => {
  await submit(`Ý kiến để đo nút trên điện thoại, mã ${run}.`, `phone-${run}@example.vn`);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, editor); // with the bulk bar
  const card = item(page, `Ý kiến để đo nút trên điện thoại, mã ${run}.`);
  await card.getByText("Biên tập rồi duyệt", { exact: true }).click();
  await card.getByText("Từ chối", { exact: true }).click();
  const sizes = await page.locator(".moderation").evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>("button, summary.button, select, textarea, input:not([type=hidden]):not([type=checkbox]), .select-item")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        what: `${el.tagName} ${el.textContent?.trim().slice(0, 30) ?? ""}`,
        height: el.getBoundingClientRect().height,
        font: getComputedStyle(el).fontFamily,
      })),
  );
  expect(sizes.length).toBeGreaterThan(10);
  expect(sizes.filter((s) => s.height < 44)).toEqual([]);
  const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(sizes.filter((s) => s.font !== bodyFont)).toEqual([]);
  // The buttons look like the "Nhận xử lý" button: a border, a padded box, not the browser's default.
  const approve = await card.getByRole("button", { name: "Duyệt", exact: true }).evaluate((el) => getComputedStyle(el).borderRadius);
  expect(approve).not.toBe("0px");
  await context.close();
});
