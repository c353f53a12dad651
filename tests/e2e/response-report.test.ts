import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAnswer, createGroup } from "../support/answers.ts";
import { seedReportFixture, type Fixture } from "../support/reports/fixture.ts";
import { launchChromium } from "./browser.ts";
import { baseUrl, staffFixtures } from "./staff-support.ts";

// A citizen on a 360 px phone, without JavaScript, reads the public "Báo cáo tiếp thu, giải trình ý
// kiến" of a consultation whose opinions were answered (answers written into the test database as the
// answers pages leave them), filters it, opens one answer's full list, and downloads the .docx, which
// Word's format reader (mammoth) opens.

const fx = staffFixtures();
let browser: Browser;
let f: Fixture;

beforeAll(async () => {
  browser = await launchChromium();
  f = await seedReportFixture(fx.db);
  const { ids } = f;
  const group = await createGroup(fx.db, f.consultationId, f.blocks.k1, [ids.b1!, ids.b2!]);
  await createAnswer(fx.db, {
    consultationId: f.consultationId,
    commentIds: [ids.o1!, ids.b1!, ids.b2!],
    disposition: "ADOPTED",
    explanation: "Tiếp thu, bổ sung kết quả thu hút đầu tư vào đoạn 1.",
    sectionKey: f.sections.one,
    groupId: group,
  });
  await createAnswer(fx.db, {
    consultationId: f.consultationId,
    commentIds: [ids.a1!, ids.a2!, ids.a3!, ids.l1!, ids.o3!],
    disposition: "EXPLAINED",
    explanation: "Chỉ tiêu cấp xã thuộc kế hoạch của địa phương.",
    sectionKey: f.sections.two,
  });
});

afterAll(async () => {
  await browser?.close();
  if (f) {
    // The cached files are in the database (ADR 052); the chunks go with them (foreign key, on delete cascade).
    await fx.db.storedFile.deleteMany({ where: { kind: "response-report", key: { startsWith: `tiep-thu-giai-trinh:${f.consultationId}:` } } });
    await fx.db.comment.deleteMany({ where: { consultationId: f.consultationId } });
    await fx.db.duplicateGroup.deleteMany({ where: { consultationId: f.consultationId } });
    await fx.db.consultation.delete({ where: { id: f.consultationId } });
    const organizations = Object.values(f.organizations).reverse();
    for (const id of organizations) await fx.db.organization.deleteMany({ where: { id } });
  }
  await fx.cleanUp();
});

it("the public report reads on a phone without JavaScript, filters, lists an answer's opinions, and downloads as .docx", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/du-thao/${f.slug}/tiep-thu-giai-trinh`);
  await page.getByRole("heading", { name: "Báo cáo tiếp thu, giải trình ý kiến" }).waitFor();
  const main = (await page.locator("main").textContent()) ?? "";
  expect(main).toContain("Đã xử lý 8 ý kiến bằng 2 nội dung tiếp thu, giải trình; còn 3 ý kiến chưa xử lý.");
  expect(main).toContain("và 1 ý kiến tương tự");
  expect(main).toContain("Nguyễn V. A.");
  expect(main).not.toContain("Nguyễn Văn An");
  const totals = await page.locator("table.response-counts tfoot").textContent();
  expect(totals?.replace(/\s+/g, "")).toBe("Tổngcộng30508");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Five opinions under one answer: three shown, the rest behind a link to the full list.
  await page.getByRole("link", { name: "và 2 ý kiến khác" }).click();
  await page.getByRole("heading", { name: /Các ý kiến được xử lý chung \(5 ý kiến\)/ }).waitFor();
  expect(await page.locator(".response-opinion").count()).toBe(5);

  // The filter form is a plain GET form.
  await page.goto(`${baseUrl}/du-thao/${f.slug}/tiep-thu-giai-trinh`);
  await page.getByLabel("Kết quả xử lý", { exact: true }).selectOption({ label: "Tiếp thu" });
  await page.getByRole("button", { name: "Lọc" }).click();
  await page.waitForURL(/xu-ly=tiep-thu/);
  const filtered = (await page.locator("main").textContent()) ?? "";
  expect(filtered).toContain("Tiếp thu, bổ sung kết quả thu hút đầu tư vào đoạn 1.");
  expect(filtered).not.toContain("Chỉ tiêu cấp xã thuộc kế hoạch của địa phương.");
  const bad = await fetch(`${baseUrl}/du-thao/${f.slug}/tiep-thu-giai-trinh?xu-ly=khong-co`);
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Bộ lọc không hợp lệ");

  // The Word file, through the page's link.
  const href = await page.getByRole("link", { name: "Word (.docx)" }).getAttribute("href");
  expect(href).toBe(`/du-thao/${f.slug}/tiep-thu-giai-trinh.docx?xu-ly=tiep-thu`);
  const response = await fetch(`${baseUrl}/du-thao/${f.slug}/tiep-thu-giai-trinh.docx`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect(response.headers.get("content-disposition")).toContain(".docx");
  const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) });
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("Chỉ tiêu cấp xã thuộc kế hoạch của địa phương.");
  expect(text).toContain("và 1 ý kiến tương tự");
  const xlsx = await fetch(`${baseUrl}/du-thao/${f.slug}/tiep-thu-giai-trinh.xlsx`);
  expect(xlsx.status).toBe(200);
  expect(
    Buffer.from(await xlsx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");
  await context.close();
});
