import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { draftFixtures } from "./drafts-support.ts";
import { baseUrl, signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// The working-copy editor in Chromium against the production server: the drafting team edits a
// paragraph, it saves by itself and survives a reload; a second person editing a stale copy gets the
// conflict (and keeps what they typed); publishing puts the edit on the public page; without
// JavaScript the page says the editor needs it, shows the text and still publishes.

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
let browser: Browser;
let an: TestStaff;
let binh: TestStaff;
const contexts: BrowserContext[] = [];

const HEADING = "Soạn thảo bản làm việc";

async function openEditor(who: TestStaff, path: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await signInInBrowser(page, who, path, HEADING);
  return { page, problems };
}

const editorBox = (page: Page) => page.getByRole("textbox", { name: "Nội dung bản làm việc" });
const saveStatus = (page: Page) => page.locator(".draft-save-status");

/** Puts the cursor at the end of the paragraph starting with `start` and types `text`. */
async function typeAtEnd(page: Page, start: string, text: string) {
  await editorBox(page).locator("p", { hasText: start }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
}

beforeAll(async () => {
  browser = await launchChromium();
  an = await fx.createStaff("EDITOR", "Phạm Thị An");
  binh = await fx.createStaff("ADMIN", "Lê Văn Bình");
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await drafts.cleanUp();
  await fx.cleanUp();
});

it("edits a paragraph that saves by itself and stays after a reload; a stale second editor gets the conflict; publishing shows the edit", async () => {
  const draft = await drafts.createDraft();
  const first = await openEditor(an, draft.editorPath);
  const second = await openEditor(binh, draft.editorPath);
  for (const { page } of [first, second]) await page.getByRole("toolbar", { name: "Định dạng bản làm việc" }).waitFor();
  await expect(first.page.getByText("Trình soạn thảo cần JavaScript").count()).resolves.toBe(0);

  // The toolbar: one tab stop, arrows move, the block's kind is pressed.
  await editorBox(first.page).locator("h4", { hasText: "Điều 1." }).click();
  // The toolbar follows the editor's selection, which ProseMirror reads from the DOM a moment after the click.
  await first.page.locator('.draft-toolbar button[aria-pressed="true"]', { hasText: /^Điều$/ }).waitFor();
  await expect(first.page.getByRole("button", { name: "Điều", exact: true }).getAttribute("aria-pressed")).resolves.toBe("true");
  await expect(first.page.getByRole("button", { name: "Đoạn văn" }).getAttribute("aria-pressed")).resolves.toBe("false");

  await typeAtEnd(first.page, "Luật này quy định", " Sửa trong trình duyệt.");
  await expect(saveStatus(first.page).textContent()).resolves.toMatch(/Có thay đổi chưa lưu|Đang lưu|Đã lưu/);
  await first.page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  const stored = await fx.db.documentVersion.findFirstOrThrow({ where: { consultationId: draft.id, status: "DRAFT" } });
  expect(JSON.stringify(stored.content)).toContain("Sửa trong trình duyệt.");
  expect(stored.revision).toBe(2);

  await first.page.reload();
  await editorBox(first.page).getByText("đối với dự thảo văn kiện. Sửa trong trình duyệt.").waitFor();

  // The second editor still has revision 1: its save is refused, names who saved, and keeps the text.
  await typeAtEnd(second.page, "2. Công dân Việt Nam", " Bản của Bình.");
  const alert = second.page.getByRole("alert").filter({ hasText: "Bản làm việc vừa được Phạm Thị An lưu lúc" });
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toMatch(/tải lại trang để xem bản mới/);
  await editorBox(second.page).getByText("ngoài nước. Bản của Bình.").waitFor();
  const [download] = await Promise.all([second.page.waitForEvent("download"), alert.getByRole("button", { name: "Tải về bản của bạn (.html)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Bản chưa lưu - .*\.html$/);
  const afterConflict = await fx.db.documentVersion.findFirstOrThrow({ where: { consultationId: draft.id, status: "DRAFT" } });
  expect(afterConflict.revision).toBe(2);
  expect(JSON.stringify(afterConflict.content)).not.toContain("Bản của Bình.");
  // After a reload (the browser asks first: something typed is not saved), the browser still offers it.
  second.page.once("dialog", (dialog) => void dialog.accept());
  await second.page.reload();
  await second.page.getByRole("region", { name: "Phần sửa chưa lưu" }).waitFor();
  await editorBox(second.page).getByText("đối với dự thảo văn kiện. Sửa trong trình duyệt.").waitFor();

  // Publishing (confirmed): the public page shows the edit.
  await first.page.getByText("Công bố bản làm việc", { exact: true }).click();
  await first.page.getByRole("button", { name: "Xác nhận công bố" }).click();
  await first.page.getByText("Đã công bố bản làm việc: phiên bản 2 là bản người đọc đang thấy.").waitFor();
  const published = await first.page.context().newPage();
  await published.goto(`${baseUrl}/du-thao/${draft.slug}`);
  await published.getByText("đối với dự thảo văn kiện. Sửa trong trình duyệt.").waitFor();
  const audit = await fx.db.auditEvent.findFirstOrThrow({ where: { action: "draft-publish", subject: `consultation:${draft.id}` } });
  expect(audit).toMatchObject({ actorId: an.id, after: "v2" });

  expect(first.problems).toEqual([]);
  // The conflict is answered 409, which the browser logs as a failed resource; nothing else went wrong.
  expect(second.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
});

it("the toolbar works from the keyboard: Alt+F10, arrows, Enter; Ctrl+Alt+0 turns the heading back into a paragraph, id kept", async () => {
  const draft = await drafts.createDraft();
  const { page, problems } = await openEditor(an, draft.editorPath);
  const toolbar = page.getByRole("toolbar", { name: "Định dạng bản làm việc" });
  await toolbar.waitFor();
  await expect(toolbar.locator('button[tabindex="0"]').count()).resolves.toBe(1);
  await editorBox(page).locator("p", { hasText: "Luật này quy định" }).click();
  // ProseMirror takes the click's selection from the DOM a moment later: moving focus to the toolbar
  // before that left the selection at the document's start (the title became the Điều). The toolbar shows
  // the paragraph's kind once the editor has the selection.
  await page.locator('.draft-toolbar button[aria-pressed="true"]', { hasText: "Đoạn văn" }).waitFor();
  await page.keyboard.press("Alt+F10");
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Đoạn văn");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Điều");
  await page.keyboard.press("Enter");
  const heading = editorBox(page).locator('h4[data-kind="article"]', { hasText: "Luật này quy định" });
  await heading.waitFor();
  await expect(page.getByRole("button", { name: "Điều", exact: true }).getAttribute("aria-pressed")).resolves.toBe("true");
  const id = await heading.getAttribute("data-id");
  await page.keyboard.press("Control+Alt+0");
  await expect(editorBox(page).locator("p", { hasText: "Luật này quy định" }).getAttribute("data-id")).resolves.toBe(id);
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  expect(problems).toEqual([]);
});

it("without JavaScript the page says the editor needs it, offers the import, shows the text, and publishes with a plain form", async () => {
  const draft = await drafts.createDraft();
  const { page } = await openEditor(an, draft.editorPath, { javaScriptEnabled: false });
  await page.getByText("Trình soạn thảo cần JavaScript.").waitFor();
  await expect(page.getByRole("link", { name: "nhập bản dự thảo từ tệp" }).getAttribute("href")).resolves.toBe(`/quan-tri/du-thao/${draft.id}/nhap`);
  await page.getByRole("region", { name: "Bản làm việc (chỉ đọc)" }).getByText("Luật này quy định việc lấy ý kiến nhân dân").waitFor();
  await expect(page.getByRole("toolbar").count()).resolves.toBe(0);

  await page.getByText("Công bố bản làm việc", { exact: true }).click();
  await page.getByRole("button", { name: "Xác nhận công bố" }).click();
  await page.getByText("Đã công bố bản làm việc: phiên bản 2 là bản người đọc đang thấy.").waitFor();
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { id: draft.id }, include: { publishedVersion: true } });
  expect(consultation.publishedVersion?.number).toBe(2);
  // No working copy now: a new one from the published version, still without JavaScript.
  await page.getByRole("button", { name: "Bắt đầu từ bản đang công bố" }).click();
  await page.getByText("Đã tạo bản làm việc.").waitFor();
  await page.getByRole("region", { name: "Bản làm việc (chỉ đọc)" }).getByText("Luật này quy định việc lấy ý kiến nhân dân").waitFor();
  const copy = await fx.db.documentVersion.findFirstOrThrow({ where: { consultationId: draft.id, status: "DRAFT" } });
  expect(copy.number).toBe(3);
});
