import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks.ts";
import { importDraftFile } from "~/consultations/import/import.server.ts";
import { getWorkingCopy, publishWorkingCopy, replaceWorkingCopy } from "~/consultations/working-copy.server.ts";
import { addBlockComment } from "../support/comments.ts";
import { launchChromium } from "./browser.ts";
import { removeConsultations } from "./drafts-support.ts";
import { signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// A revision imported in a real browser, without JavaScript (plain forms): the Constitution is version
// 1 with opinions on Điều 9 khoản 3; the drafting team uploads the revised .docx (one paragraph edited,
// khoản 3 removed, one paragraph new), lands on the review page with kept / changed / new / removed and
// the opinions that stay on version 1, detaches the edited paragraph, and publishes version 2.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/docx");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const fx = staffFixtures();
let browser: Browser;
let editor: TestStaff;
let consultationId: string;
let keptBlocks: number;

beforeAll(async () => {
  editor = await fx.createStaff("EDITOR", "Trần Văn Rà Soát");
  const consultation = await fx.db.consultation.create({
    data: { slug: `sua-doi-${randomBytes(4).toString("hex")}`, title: "Dự thảo sửa đổi Hiến pháp (đối chiếu thử)" },
  });
  consultationId = consultation.id;
  const imported = await importDraftFile({ name: "hien-phap-2013.docx", bytes: fixture("hien-phap-2013.docx") });
  if (!imported.ok) throw new Error(imported.message);
  const saved = await replaceWorkingCopy(fx.db, {
    consultationId,
    title: consultation.title,
    content: imported.draft.doc,
    source: "docx",
    actorId: null,
    baseRevision: null,
  });
  if (saved.status !== "saved") throw new Error(saved.status);
  await publishWorkingCopy(fx.db, { versionId: saved.versionId, baseRevision: saved.revision, actorId: null });
  const blocks = documentToBlocks(imported.draft.doc, { html: false });
  keptBlocks = blocks.length - 2;
  const removed = blocks.find((b) => b.text.startsWith("3. Mặt trận Tổ quốc Việt Nam, các tổ chức thành viên"))!;
  for (const status of ["APPROVED", "PENDING"] as const)
    await addBlockComment(fx.db, { consultationId, versionId: saved.versionId, blockKey: removed.key, status });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await removeConsultations(fx.db, [consultationId]);
  await fx.cleanUp();
});

it("imports the revised .docx, reviews kept / changed / new / removed, detaches a match, publishes version 2", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInInBrowser(page, editor, `/quan-tri/du-thao/${consultationId}/nhap`, "Nhập dự thảo từ tệp");
  await page
    .getByLabel("Tệp dự thảo", { exact: true })
    .setInputFiles({ name: "hien-phap-2013-sua-doi.docx", mimeType: DOCX, buffer: fixture("hien-phap-2013-sua-doi.docx") });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await page.getByRole("heading", { name: "Xem trước: «hien-phap-2013-sua-doi.docx»" }).waitFor();
  await page.getByRole("button", { name: "Lưu làm bản làm việc" }).click();

  await page.getByRole("heading", { name: "Đối chiếu bản làm việc với bản đang công bố" }).waitFor();
  const n = keptBlocks.toLocaleString("vi-VN");
  const summary = page.locator(".review-summary");
  await expect(summary.textContent()).resolves.toBe(`${n} giữ nguyên, 1 sửa, 1 mới, 1 bỏ — 2 ý kiến trên các đoạn bị bỏ sẽ ở lại bản số 1`);
  const changed = page.locator(".review-changed");
  await expect(changed.locator("ins").first().textContent()).resolves.toContain("bộ phận");
  await expect(changed.locator(".review-meta").textContent()).resolves.toContain("ghép: nội dung gần giống (độ giống 0.81)");
  await expect(page.locator(".review-new").textContent()).resolves.toContain("chuyển đổi số");
  await expect(page.locator(".review-removed .review-meta").textContent()).resolves.toContain("2 ý kiến");
  expect((await getWorkingCopy(fx.db, consultationId))!.basedOnId).not.toBeNull();

  // The edited paragraph is not the same one after all: detached, it is new and its old key removed.
  await changed.getByRole("button", { name: "Không phải cùng đoạn: tách ra" }).click();
  await page.getByText("Đã tách đoạn").waitFor();
  await expect(summary.textContent()).resolves.toBe(`${n} giữ nguyên, 0 sửa, 2 mới, 2 bỏ — 2 ý kiến trên các đoạn bị bỏ sẽ ở lại bản số 1`);

  await page.getByRole("button", { name: "Đã xem lại đối chiếu: công bố bản số 2" }).click();
  await page.getByText("Đã công bố bản làm việc: phiên bản 2 là bản người đọc đang thấy.").waitFor();
  const consultation = await fx.db.consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: { publishedVersion: { select: { number: true } } },
  });
  expect(consultation.publishedVersion?.number).toBe(2);
  expect(await fx.db.comment.count({ where: { consultationId } })).toBe(2);
  await context.close();
});
