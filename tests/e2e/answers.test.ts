import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedOpinions } from "../../bench/answers-data.ts";
import { launchChromium } from "./browser.ts";
import { baseUrl, signInInBrowser, signInOverHttp, staffFixtures, type TestStaff } from "./staff-support.ts";

// The drafting team answers a whole near-duplicate group in a real browser (no scripts needed): the
// progress moves, and the author's private status link shows the answer. A representative reads
// without forms; a moderator may look but not answer.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const TEXT = `Đề nghị bổ sung chỉ tiêu về nước sạch nông thôn, mã ${run}, cho các xã miền núi.`;
const EXPLANATION = `Ban soạn thảo tiếp thu, đã bổ sung chỉ tiêu nước sạch (mã ${run}).`;

const fx = staffFixtures();
let browser: Browser;
let editor: TestStaff;
let representative: TestStaff;
let moderator: TestStaff;
let consultationId: string;
let groupId: string;
let ids: string[];

beforeAll(async () => {
  browser = await launchChromium();
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG } });
  consultationId = consultation.id;
  // The earliest opinions of the draft: first on the list's first page.
  const seeded = await seedOpinions(fx.db, {
    consultationId,
    versionId: consultation.publishedVersionId!,
    count: 5,
    group: true,
    text: TEXT,
    from: new Date("2020-01-01T00:00:00Z"),
  });
  [groupId, ids] = [seeded.groupId!, seeded.ids];
  editor = await fx.createStaff("EDITOR", "Hoàng Văn Em");
  representative = await fx.createStaff("ORG_REP", "Đỗ Thị Giang");
  moderator = await fx.createStaff("MODERATOR", "Phạm Thị Dung");
});

afterAll(async () => {
  await browser?.close();
  const answers = await fx.db.answer.findMany({ where: { comments: { some: { id: { in: ids } } } }, select: { id: true } });
  await fx.db.notification.deleteMany({ where: { commentId: { in: ids } } });
  await fx.db.comment.deleteMany({ where: { id: { in: ids } } });
  await fx.db.duplicateGroup.deleteMany({ where: { id: groupId } });
  await fx.db.answer.deleteMany({ where: { id: { in: answers.map((a) => a.id) } } });
  await fx.cleanUp();
});

it("an editor answers a whole group; the progress moves; the author's status link shows the answer", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const path = `/quan-tri/tiep-thu/${consultationId}?section=toan-van`;
  await signInInBrowser(page, editor, path, /^Tiếp thu, giải trình:/);
  const caption = page.locator(".answer-progress caption");
  const before = await caption.textContent();
  const [answered, total] = /đã xử lý ([\d.]+)\/([\d.]+)/
    .exec(before ?? "")!
    .slice(1)
    .map((n) => Number(n.replace(/\./g, "")));

  const item = page.locator(".opinion", { hasText: TEXT });
  await expect(item.count()).resolves.toBe(1); // the group, once
  await expect(item.locator(".group-line").textContent()).resolves.toContain("và 4 ý kiến tương tự (đã trả lời 0/5)");
  await item.getByRole("link", { name: "Trả lời cả nhóm" }).click();
  const form = page.locator("form.answer-form", { has: page.getByRole("heading", { name: "Trả lời cả nhóm ý kiến tương tự" }) });
  await form.getByLabel("Tiếp thu", { exact: true }).check();
  await form.getByLabel("Nội dung tiếp thu, giải trình").fill(EXPLANATION);
  await form.getByRole("button", { name: "Ghi câu trả lời" }).click();
  await page.getByText("Đã ghi câu trả lời «Tiếp thu» cho 5 ý kiến.").waitFor();
  await expect(caption.textContent()).resolves.toContain(`đã xử lý ${(answered! + 5).toLocaleString("vi-VN")}/${total!.toLocaleString("vi-VN")} ý kiến`);
  await expect(page.locator(".opinion", { hasText: TEXT }).locator(".answer-box").textContent()).resolves.toContain(EXPLANATION);

  const { receiptToken } = await fx.db.comment.findUniqueOrThrow({ where: { id: ids[2] }, select: { receiptToken: true } });
  await page.goto(`${baseUrl}/y-kien/${receiptToken}`);
  await expect(page.locator(".receipt-answer").textContent()).resolves.toContain(`Ban soạn thảo đã trả lời: Tiếp thu — ${EXPLANATION}`);
  await expect(page.getByRole("link", { name: "Xem Báo cáo tiếp thu, giải trình ý kiến của dự thảo" }).getAttribute("href")).resolves.toBe(
    `/du-thao/${SLUG}/tiep-thu-giai-trinh`,
  );
  await context.close();
});

it("a representative reads without forms; a moderator cannot answer", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInInBrowser(page, representative, `/quan-tri/tiep-thu/${consultationId}`, /^Tiếp thu, giải trình:/);
  await page.getByText("Bạn chỉ xem các câu trả lời trong phạm vi tổ chức của mình").waitFor();
  await expect(page.getByRole("button", { name: "Ghi câu trả lời" }).count()).resolves.toBe(0);
  await expect(page.getByRole("link", { name: "Trả lời", exact: true }).count()).resolves.toBe(0);
  await context.close();

  const { cookie, csrf } = await signInOverHttp(fx.db, moderator.email);
  const response = await fetch(`${baseUrl}/quan-tri/tiep-thu/${consultationId}`, {
    method: "POST",
    body: new URLSearchParams({ csrf, intent: "answer", scope: "COMMENT", commentId: ids[0]!, disposition: "ADOPTED", explanation: "Không được." }),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    redirect: "manual",
  });
  expect(response.status).toBe(403);
  expect(await fx.db.comment.count({ where: { id: ids[0], answer: { explanation: "Không được." } } })).toBe(0);
});
