import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { draftName } from "~/reports/export/docx-report.ts";
import { createAccount } from "~/staff/accounts.server.ts";
import { unzip } from "../support/reports/unzip.ts";
import { seedReportFixture, type Fixture } from "../support/reports/fixture.ts";
import { launchChromium } from "./browser.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD } from "./staff-support.ts";

// A district representative in a real browser: opens the statistics of a consultation (only their
// district's opinions), starts a Word export, watches its progress, downloads the .docx and the file
// is checked. The data is this test's own (tests/support/reports/fixture.ts): district A's
// commune gathered 4 opinions at a conference; district B gathered 3, which A must never see.
// (The conference upload that would bring such opinions in has its own browser test.)

const fx = staffFixtures();
let browser: Browser;
let f: Fixture;
let rep: { email: string; id: string };

beforeAll(async () => {
  browser = await launchChromium();
  f = await seedReportFixture(fx.db);
  const email = `dai-dien-${f.run}@e2e.example.vn`;
  const created = await createAccount(fx.db, null, {
    email,
    name: "Đại Diện Khu Vực Ba Đình",
    role: "ORG_REP",
    organizationId: f.organizations.districtA,
    password: STAFF_PASSWORD,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  fx.track(created.id);
  rep = { email, id: created.id };
});

afterAll(async () => {
  await browser?.close();
  if (f) {
    const jobs = await fx.db.exportJob.findMany({ where: { consultationId: f.consultationId } });
    for (const job of jobs) if (job.fileId) await fx.db.storedFile.deleteMany({ where: { id: job.fileId } });
    await fx.db.exportJob.deleteMany({ where: { consultationId: f.consultationId } });
    await fx.db.auditEvent.deleteMany({ where: { subject: `consultation:${f.consultationId}` } });
    // Comments before their consultation: a comment's version may not go first (its foreign key restricts).
    await fx.db.comment.deleteMany({ where: { consultationId: f.consultationId } });
    await fx.db.consultation.delete({ where: { id: f.consultationId } });
  }
  const organizations = f ? Object.values(f.organizations) : [];
  await fx.db.user.updateMany({ where: { organizationId: { in: organizations } }, data: { organizationId: null } });
  // Children before parents.
  for (const id of organizations.reverse()) await fx.db.organization.deleteMany({ where: { id } });
  await fx.cleanUp();
});

it("a representative sees their district's statistics, exports the Word report and downloads it", async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri/bao-cao`);
  await page.getByLabel("Thư điện tử").fill(rep.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: "Báo cáo, thống kê ý kiến" }).waitFor();

  await page.getByRole("link", { name: f.title, exact: true }).click();
  await page.getByRole("heading", { name: "Thống kê ý kiến" }).waitFor();
  // District A only: its commune's conference, no online opinions (a district has no locality), nothing of district B.
  await expect.poll(() => page.getByTestId("tong-so").textContent()).toBe("4");
  const scope = await page.getByRole("list", { name: "Phạm vi thống kê" }).textContent();
  expect(scope).toContain("Ủy ban Mặt trận Tổ quốc khu vực Ba Đình");
  const body = await page.locator("main").textContent();
  expect(body).not.toContain("Bạch Mai");
  expect(body).toContain("Phường Ba Đình");
  // The organization filter offers the district's subtree only.
  const choices = await page.locator("#f-org option").allTextContents();
  expect(choices.map((c) => c.trim())).toEqual(["Tất cả trong phạm vi", "Ủy ban Mặt trận Tổ quốc khu vực Ba Đình", "Ủy ban Mặt trận Tổ quốc Phường Ba Đình"]);
  // The pictures are SVG with their numbers in words, and the page fits a 360 px screen.
  expect(await page.locator("svg.stance-bar").first().getAttribute("aria-label")).toMatch(/^Tán thành \d+ \(/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByLabel("Báo cáo Word (.docx)").check();
  await page.getByRole("button", { name: "Xuất tệp" }).click();
  await page.waitForURL(/\/quan-tri\/bao-cao\/xuat\//);
  await page.getByRole("heading", { name: "Xuất báo cáo" }).waitFor();
  // The page polls the job while JavaScript runs; it ends "Đã xong" with a download link.
  await expect.poll(() => page.getByTestId("export-status").textContent(), { timeout: 30_000 }).toBe("Đã xong");
  expect(await page.locator("progress").getAttribute("value")).toBe(await page.locator("progress").getAttribute("max"));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Tải về / }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Báo cáo tổng hợp ý kiến - .* - \d{4}-\d\d-\d\d\.docx$/);
  const file = await download.path();
  const xml = unzip(readFileSync(file)).get("word/document.xml")!.toString("utf8");
  const text = xml.replace(/<[^>]+>/g, "");
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
  expect(text).toContain(`Tổng hợp ý kiến góp ý vào dự thảo ${draftName(f.title)}`);
  expect(text).toContain("ỦY BAN MẶT TRẬN TỔ QUỐC KHU VỰC BA ĐÌNH");
  expect(text).toContain("1. Tổng số ý kiến: 4 ý kiến.");
  expect(text).not.toContain("thu hút đầu tư");

  // Someone else's job is not theirs to see.
  const job = await fx.db.exportJob.findFirstOrThrow({ where: { consultationId: f.consultationId, requestedById: rep.id } });
  const anonymous = await fetch(`${baseUrl}/quan-tri/bao-cao/xuat/${job.id}/tai-ve`, { redirect: "manual" });
  expect([302, 303]).toContain(anonymous.status);
  expect(await fx.db.auditEvent.count({ where: { action: "export", actorId: rep.id } })).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});

it("the progress page refreshes itself without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri/bao-cao`);
  await page.getByLabel("Thư điện tử").fill(rep.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.goto(`${baseUrl}/quan-tri/bao-cao/${f.consultationId}`);
  await page.getByLabel("Tệp CSV (.csv)").check();
  await page.getByRole("button", { name: "Xuất tệp" }).click();
  await page.waitForURL(/\/quan-tri\/bao-cao\/xuat\//);
  // Finished or not yet, the page reaches "Đã xong" by reloading itself (a meta refresh in <noscript>).
  await expect.poll(() => page.getByTestId("export-status").textContent(), { timeout: 30_000 }).toBe("Đã xong");
  const response = await page.request.get(`${page.url()}/tai-ve`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="y-kien-gop-y-.*\.csv"; filename\*=UTF-8''%C3%9D%20ki%E1%BA%BFn/);
  const csv = await response.text();
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 4);

  // A job still running: the page shows its progress and reloads itself until it is done.
  const running = await fx.db.exportJob.create({
    data: {
      format: "csv",
      consultationId: f.consultationId,
      filters: JSON.stringify({ status: "approved" }),
      requestedById: rep.id,
      status: "RUNNING",
      done: 2,
      total: 4,
    },
  });
  await page.goto(`${baseUrl}/quan-tri/bao-cao/xuat/${running.id}`);
  expect(await page.getByTestId("export-status").textContent()).toBe("Đang xuất");
  expect(await page.locator("progress").getAttribute("value")).toBe("2");
  expect(await page.locator("progress").getAttribute("max")).toBe("4");
  const finished = await fx.db.exportJob.findFirstOrThrow({ where: { consultationId: f.consultationId, format: "csv", status: "DONE" } });
  await fx.db.exportJob.update({
    where: { id: running.id },
    data: { status: "DONE", done: 4, fileId: finished.fileId, fileName: finished.fileName, finishedAt: new Date() },
  });
  await expect.poll(() => page.getByTestId("export-status").textContent(), { timeout: 10_000 }).toBe("Đã xong");

  // Past the retention period the file is gone (deleteExpiredExports): the page and the download say so.
  await fx.db.exportJob.update({ where: { id: running.id }, data: { fileId: null } });
  await page.reload();
  expect(await page.getByTestId("export-expired").textContent()).toContain("Tệp đã được xóa khỏi máy chủ sau 7 ngày lưu giữ");
  expect(await page.getByRole("link", { name: /Tải về/ }).count()).toBe(0);
  const gone = await page.request.get(`${baseUrl}/quan-tri/bao-cao/xuat/${running.id}/tai-ve`);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).toContain("Vui lòng xuất lại.");
  await context.close();
});
