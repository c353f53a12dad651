import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SUPPORT_MESSAGES } from "~/comments/support-form.ts";
import { launchChromium } from "./browser.ts";
import { captcha } from "./citizen-support.ts";
import { baseUrl, staffFixtures } from "./staff-support.ts";

// Supporting (đồng tình) a published opinion (ADR 046) in Chromium on a 360 px phone, on the comments pages
// of the demo report (app/demo: the first paragraph has three approved opinions and a near-duplicate group
// of four people; two other paragraphs have two opinions each): one tap with JavaScript, the form page
// without it (with an optional contact), "Nhiều người cùng ý kiến" following the supports, and a group's
// supports counted once for the group. Every request of the browser tests comes from 127.0.0.1, one
// person here (one support per opinion per address; the server trusts no X-Forwarded-For): the tests
// support different opinions, and several supporters of one opinion are tested in
// tests/integration/comments/supports.test.ts.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const fx = staffFixtures();
let browser: Browser;
let blockKey: string;
/** The group's members, its shown one first. */
let members: string[];
/** The paragraph's approved opinions in no group, oldest first. */
let singles: string[];
/** Another paragraph with two approved opinions and no group: its key and its opinions, oldest first. */
let pair: { blockKey: string; ids: string[] };

beforeAll(async () => {
  browser = await launchChromium();
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
  const group = await fx.db.duplicateGroup.findFirstOrThrow({
    where: { consultationId: consultation.id, approvedCount: { gt: 1 } },
    select: { id: true, blockKey: true, publicCommentId: true },
  });
  blockKey = group.blockKey!;
  const grouped = await fx.db.comment.findMany({ where: { groupId: group.id, status: "APPROVED" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  members = [group.publicCommentId!, ...grouped.map((c) => c.id).filter((id) => id !== group.publicCommentId)];
  singles = (
    await fx.db.comment.findMany({
      where: { consultationId: consultation.id, blockKey, groupId: null, status: "APPROVED" },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    })
  ).map((c) => c.id);
  expect(members.length).toBeGreaterThanOrEqual(3);
  expect(singles.length).toBeGreaterThanOrEqual(3);
  const approved = await fx.db.comment.findMany({
    where: { consultationId: consultation.id, groupId: null, status: "APPROVED", quote: null, blockKey: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, blockKey: true },
  });
  const byBlock = new Map<string, string[]>();
  for (const c of approved) byBlock.set(c.blockKey!, [...(byBlock.get(c.blockKey!) ?? []), c.id]);
  const [key, ids] = [...byBlock].find(([k, list]) => k !== blockKey && list.length === 2)!;
  pair = { blockKey: key, ids };
});

afterAll(async () => {
  await browser?.close();
  await fx.db.$disconnect();
});

const commentsPage = (order = "", key = blockKey) => `${baseUrl}/du-thao/${SLUG}/y-kien?doan=${key}${order ? `&sap-xep=${order}` : ""}`;
const supportOf = (page: Page, commentId: string) => page.locator("form.support", { has: page.locator(`input[name="comment"][value="${commentId}"]`) });

async function person(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...phone, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  return { context, page, problems };
}

/** A support sent as the button does with JavaScript, with a valid captcha solution. */
async function supportOverHttp(commentId: string): Promise<{ ok: boolean; message: string; count: number | null }> {
  const body = new URLSearchParams({ comment: commentId, captcha: await captcha(SLUG) });
  const response = await fetch(`${baseUrl}/du-thao/${SLUG}/dong-tinh.json`, { method: "POST", body });
  return (await response.json()) as { ok: boolean; message: string; count: number | null };
}

it("on a phone with JavaScript: one tap counts, the count rises in place, a second tap is told it was already counted", async () => {
  const { context, page, problems } = await person();
  await page.goto(commentsPage());
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  const form = supportOf(page, singles[0]!);
  const button = form.getByRole("button", { name: "Đồng tình" });
  await expect(form.locator(".support-count").textContent()).resolves.toBe("");
  const box = (await button.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.x + box.width).toBeLessThanOrEqual(360);

  const url = page.url();
  await button.click();
  await form.getByRole("status").filter({ hasText: SUPPORT_MESSAGES.supported }).waitFor({ timeout: 45_000 });
  expect(page.url()).toBe(url); // in place: no page was loaded
  await expect(form.locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");
  const pressed = form.getByRole("button", { name: "✓ Đã đồng tình" });
  await expect(pressed.getAttribute("aria-pressed")).resolves.toBe("true");

  await pressed.click();
  await form.getByRole("status").filter({ hasText: SUPPORT_MESSAGES.already }).waitFor({ timeout: 45_000 });
  await expect(form.locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");

  // Another visit shows the count from the server (the cached copy of the list was forgotten).
  await page.reload();
  await expect(supportOf(page, singles[0]!).locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");
  expect(problems).toEqual([]);
  await context.close();
});

it("without JavaScript: the button posts a form and a small page answers; opened for one opinion it takes an optional contact", async () => {
  const { context, page } = await person(false);
  await page.goto(commentsPage());
  await supportOf(page, singles[1]!).getByRole("button", { name: "Đồng tình" }).click();
  await page.locator("h1", { hasText: "Đồng tình với ý kiến" }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/du-thao/${SLUG}/dong-tinh`);
  await expect(page.getByRole("status").textContent()).resolves.toBe(SUPPORT_MESSAGES.supported);
  await expect(page.locator(".support-page").textContent()).resolves.toContain("1 người đồng tình");
  // Back on the list, a second tap is told plainly.
  await page.goto(commentsPage());
  await supportOf(page, singles[1]!).getByRole("button", { name: "Đồng tình" }).click();
  await expect(page.getByRole("status").textContent()).resolves.toBe(SUPPORT_MESSAGES.already);
  await context.close();

  // The page opened for one opinion: a contact is optional; a wrong one is said and kept.
  const other = await person(false);
  await other.page.goto(`${baseUrl}/du-thao/${SLUG}/dong-tinh?y-kien=${singles[2]}`);
  const contact = other.page.getByLabel("Thư điện tử hoặc số điện thoại (không bắt buộc)");
  await contact.fill("không phải số điện thoại");
  await other.page.locator("form.support-form").getByRole("button", { name: "Đồng tình" }).click();
  await expect(other.page.getByRole("alert").textContent()).resolves.toBe(SUPPORT_MESSAGES.contact);
  await expect(other.page.getByLabel("Thư điện tử hoặc số điện thoại (không bắt buộc)").inputValue()).resolves.toBe("không phải số điện thoại");
  await other.page.getByLabel("Thư điện tử hoặc số điện thoại (không bắt buộc)").fill("0912 345 678");
  await other.page.locator("form.support-form").getByRole("button", { name: "Đồng tình" }).click();
  await expect(other.page.getByRole("status").textContent()).resolves.toBe(SUPPORT_MESSAGES.supported);
  await expect(other.page.locator(".support-page").textContent()).resolves.toContain("1 người đồng tình");
  await other.context.close();
});

it("«Nhiều người cùng ý kiến» puts first the opinion with the most people, supporters included", async () => {
  const { context, page } = await person(false);
  const order = async () => page.locator("form.support input[name=comment]").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const [older, newer] = pair.ids as [string, string];
  await page.goto(commentsPage("", pair.blockKey));
  expect(await order()).toEqual([newer, older]);
  await page.goto(commentsPage("cung-y-kien", pair.blockKey));
  // One person each: the newer first.
  expect(await order()).toEqual([newer, older]);
  expect(await supportOverHttp(older)).toMatchObject({ ok: true, message: SUPPORT_MESSAGES.supported, count: 1 });
  await page.goto(commentsPage("cung-y-kien", pair.blockKey));
  expect(await order()).toEqual([older, newer]);
  await expect(supportOf(page, older).locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");
  // The newest-first order does not move for supports.
  await page.goto(commentsPage("", pair.blockKey));
  expect(await order()).toEqual([newer, older]);
  await context.close();
});

it("a near-duplicate group's supports are the group's: any member counts once for the group, shown on its line", async () => {
  // A member the lists do not show (supported through its id) counts for the group.
  expect(await supportOverHttp(members[1]!)).toMatchObject({ ok: true, message: SUPPORT_MESSAGES.supported, count: 1 });
  // The same person on the shown member, or a third one: already counted for the group.
  expect(await supportOverHttp(members[0]!)).toMatchObject({ ok: true, message: SUPPORT_MESSAGES.already, count: 1 });
  expect(await supportOverHttp(members[2]!)).toMatchObject({ ok: true, message: SUPPORT_MESSAGES.already, count: 1 });

  const { context, page, problems } = await person();
  await page.goto(commentsPage());
  const article = page.locator("article.comment", { has: page.locator(`input[name="comment"][value="${members[0]}"]`) });
  await expect(article.locator(".similar-count").textContent()).resolves.toBe(`và ${members.length - 1} ý kiến tương tự`);
  await expect(article.locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");
  // "Nhiều người cùng ý kiến": the group (four people and its supporter) leads the paragraph.
  await page.goto(commentsPage("cung-y-kien"));
  await expect(page.locator("form.support input[name=comment]").first().inputValue()).resolves.toBe(members[0]);
  expect(problems).toEqual([]);
  await context.close();
});
