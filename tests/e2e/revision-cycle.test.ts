import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { changedMarkOf, commentOn } from "./reader-blocks.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { draftFixtures } from "./drafts-support.ts";
import { baseUrl, signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// The whole cycle of issue 15 in Chromium, each step as its people drive it: a citizen comments on a
// paragraph (email given, "write to me when it is answered" ticked) and keeps the private status link;
// two near-copies of the opinion make a near-duplicate group; a moderator approves the three; an editor
// revises the draft in the browser editor (edits the commented paragraph, deletes another) and
// publishes; the public page shows version 2, its switcher and the "Đã sửa" mark, the changes page the
// edit as <ins>/<del>; the editor answers the group; the author's status link shows the answer; the
// public response report lists it with "và 2 ý kiến tương tự", and its .docx carries the explanation.
// The e2e server has no SMTP: no answer email is queued although the author asked for one (queueing with
// SMTP is tested in tests/integration/answers/answers.test.ts, sending in tests/integration/notifications/).

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
const run = Math.random().toString(36).slice(2, 8);
const OPINION = `Chúng tôi đề nghị ghi rõ việc lấy ý kiến rộng rãi của nhân dân, mã ${run}, vì phù hợp với tinh thần dân chủ ở cơ sở.`;
const COPIES = [OPINION.replace("ở cơ sở", "ở cơ sở hiện nay"), OPINION.replace("tinh thần dân chủ", "dân chủ")];
const EXPLANATION = `Ban soạn thảo tiếp thu, đã bổ sung cụm từ «rộng rãi» vào Điều 1 (mã ${run}).`;
const ADDED = " Việc lấy ý kiến phải được tổ chức rộng rãi.";
const filesDir = path.resolve(import.meta.dirname, "../../data/exports/tiep-thu-giai-trinh");

let browser: Browser;
let editor: TestStaff;
let moderator: TestStaff;
let draft: { id: string; slug: string; editorPath: string };
const keys = { edited: "", removed: "" };

beforeAll(async () => {
  browser = await launchChromium();
  draft = await drafts.createDraft();
  const blocks = await fx.db.block.findMany({ where: { version: { publishedFor: { id: draft.id } } }, select: { key: true, text: true } });
  keys.edited = blocks.find((b) => b.text.startsWith("Luật này quy định"))!.key;
  keys.removed = blocks.find((b) => b.text.startsWith("2. Công dân"))!.key;
  editor = await fx.createStaff("EDITOR", "Hoàng Văn Em");
  moderator = await fx.createStaff("MODERATOR", "Phạm Thị Dung");
});

afterAll(async () => {
  await browser?.close();
  if (draft && existsSync(filesDir))
    for (const entry of readdirSync(filesDir).filter((name) => name.startsWith(draft.id))) rmSync(path.join(filesDir, entry), { force: true });
  await drafts.cleanUp();
  await fx.cleanUp();
});

async function open(javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  return { context, page, problems };
}

/** The citizen's comment on the paragraph `blockKey`, through the draft page and the form; returns the status link. */
async function commentOnParagraph(page: Page, blockKey: string) {
  await page.goto(`${baseUrl}/du-thao/${draft.slug}`);
  await commentOn(page, `p-${blockKey}`).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  await page.getByLabel("Tán thành", { exact: true }).check();
  await page.getByLabel("Nội dung góp ý").fill(OPINION);
  await page.getByLabel("Họ và tên").fill("Trần Thị Bích Ngọc");
  await page.getByLabel("Thư điện tử").fill(`ngoc-${run}@example.vn`);
  await page.getByLabel("Tỉnh, thành phố").selectOption("01");
  await page.getByRole("checkbox", { name: "Gửi thư cho tôi khi góp ý này được trả lời" }).check();
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
  return page.url().split("?")[0]!;
}

it("comment → approve → revise and publish → the diff → answer the group → the author's link, the report and its .docx", async () => {
  const { context, page, problems } = await open();

  // 1. The citizen, and two near-copies of the same opinion through the same form.
  const statusUrl = await commentOnParagraph(page, keys.edited);
  for (const [i, text] of COPIES.entries()) await submitThroughForm(draft.slug, { text, email: `ban${i}-${run}@example.vn`, blockKey: keys.edited });
  const opinions = await fx.db.comment.findMany({ where: { consultationId: draft.id }, orderBy: { createdAt: "asc" } });
  expect(opinions.map((c) => [c.originalText, c.mayContact, c.status])).toEqual([
    [OPINION, true, "PENDING"],
    [COPIES[0], false, "PENDING"],
    [COPIES[1], false, "PENDING"],
  ]);
  const groupId = opinions[0]!.groupId;
  expect(groupId).not.toBeNull();
  expect(opinions.every((c) => c.groupId === groupId)).toBe(true);

  // 2. A moderator approves the three, one by one (approving a whole group is the drafting team's).
  const moderation = await browser.newContext();
  const queue = await moderation.newPage();
  await signInInBrowser(queue, moderator, `/quan-tri/kiem-duyet?consultation=${draft.id}`, "Kiểm duyệt ý kiến");
  for (const text of [OPINION, ...COPIES]) {
    const item = queue.locator("[data-queue-item]", { hasText: text });
    await item.getByRole("button", { name: "Duyệt", exact: true }).click();
    await item.waitFor({ state: "detached" });
  }
  await moderation.close();
  expect(await fx.db.comment.count({ where: { consultationId: draft.id, status: "APPROVED" } })).toBe(3);

  // 3. The editor edits the commented paragraph, deletes another, and publishes.
  await signInInBrowser(page, editor, draft.editorPath, "Soạn thảo bản làm việc");
  const box = page.getByRole("textbox", { name: "Nội dung bản làm việc" });
  await box.locator("p", { hasText: "Luật này quy định" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(ADDED);
  const removed = box.locator("p", { hasText: "2. Công dân Việt Nam" });
  await removed.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expect(removed.count()).resolves.toBe(0);
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  await page.getByText("Công bố bản làm việc", { exact: true }).click();
  await page.getByRole("button", { name: "Xác nhận công bố" }).click();
  await page.getByText("Đã công bố bản làm việc: phiên bản 2 là bản người đọc đang thấy.").waitFor();

  // 4. The public page: version 2, the switcher, the mark on the edited paragraph; the changes page.
  await page.goto(`${baseUrl}/du-thao/${draft.slug}`);
  const switcher = page.getByRole("navigation", { name: "Các bản dự thảo đã công bố" });
  await expect(switcher.locator("[aria-current=page]").textContent()).resolves.toMatch(/^Bản số 2 — công bố ngày/);
  await expect(switcher.getByRole("link", { name: /^Bản số 1 — công bố ngày/ }).count()).resolves.toBe(1);
  const mark = changedMarkOf(page, `p-${keys.edited}`);
  await expect(mark.textContent()).resolves.toMatch(/^Đã sửa so với bản số 1/);
  await expect(page.locator(`#p-${keys.removed}`).count()).resolves.toBe(0);
  await page.goto(`${baseUrl}/du-thao/${draft.slug}/thay-doi`);
  await page.locator("h1", { hasText: "Những thay đổi của dự thảo" }).waitFor();
  await expect(page.locator(`#p-${keys.edited} ins`).textContent()).resolves.toContain(ADDED.trim());
  await expect(page.locator(`#p-${keys.removed} del`).textContent()).resolves.toContain("Công dân Việt Nam ở trong và ngoài nước.");
  // The opinions stayed on their paragraph.
  expect(await fx.db.comment.count({ where: { consultationId: draft.id, blockKey: keys.edited, status: "APPROVED" } })).toBe(3);

  // 5. The editor answers the whole group, naming the edited paragraph of version 2.
  await page.goto(`${baseUrl}/quan-tri/tiep-thu/${draft.id}`);
  const opinion = page.locator(".opinion", { hasText: OPINION });
  await expect(opinion.count()).resolves.toBe(1);
  await expect(opinion.textContent()).resolves.toContain("viết trên bản số 1");
  await expect(opinion.locator(".group-line").textContent()).resolves.toContain("và 2 ý kiến tương tự (đã trả lời 0/3)");
  await opinion.getByRole("link", { name: "Trả lời cả nhóm" }).click();
  const form = page.locator("form.answer-form", { has: page.getByRole("heading", { name: "Trả lời cả nhóm ý kiến tương tự" }) });
  await form.getByLabel("Tiếp thu", { exact: true }).check();
  await form.getByLabel("Nội dung tiếp thu, giải trình").fill(EXPLANATION);
  const label = (await fx.db.block.findFirstOrThrow({ where: { key: keys.edited, version: { publishedFor: { id: draft.id } } } })).label;
  await form.getByLabel(/^Đoạn của bản số 2 đã tiếp thu/).selectOption({ label });
  await form.getByRole("button", { name: "Ghi câu trả lời" }).click();
  await page.getByText("Đã ghi câu trả lời «Tiếp thu» cho 3 ý kiến.").waitFor();
  const answer = await fx.db.answer.findFirstOrThrow({ where: { consultationId: draft.id } });
  expect(answer).toMatchObject({ scope: "GROUP", groupId, disposition: "ADOPTED", commentCount: 3, blockKeys: JSON.stringify([keys.edited]) });
  // No SMTP on this server: nothing queued, although the author asked to be written to.
  expect(await fx.db.notification.count({ where: { commentId: { in: opinions.map((c) => c.id) } } })).toBe(0);

  // 6. The author's private status link.
  await page.goto(statusUrl);
  await expect(page.locator(".receipt-answer").textContent()).resolves.toContain(`Ban soạn thảo đã trả lời: Tiếp thu — ${EXPLANATION}`);
  await expect(page.locator(".receipt-details").textContent()).resolves.toContain("Góp ý trên bản số 1");

  // 7. The public response report, and its Word file.
  await page.goto(`${baseUrl}/du-thao/${draft.slug}/tiep-thu-giai-trinh`);
  await page.getByRole("heading", { name: "Báo cáo tiếp thu, giải trình ý kiến" }).waitFor();
  const report = (await page.locator("main").textContent()) ?? "";
  expect(report).toContain(EXPLANATION);
  expect(report).toContain("và 2 ý kiến tương tự");
  expect(report).toContain("viết trên bản số 1");
  expect(report).toContain("Đã xử lý 3 ý kiến bằng 1 nội dung tiếp thu, giải trình");
  const href = await page.getByRole("link", { name: "Word (.docx)" }).getAttribute("href");
  const response = await fetch(`${baseUrl}${href}`);
  expect(response.status).toBe(200);
  const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) });
  expect(text).toContain(EXPLANATION);
  expect(text).toContain("và 2 ý kiến tương tự");

  expect(problems).toEqual([]);
  await context.close();
});
