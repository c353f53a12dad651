import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { expectRowsFor, routeFiles } from "./route-files.ts";
import { expectSecurityHeaders, readChecked } from "./security-headers-support.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";

// The header walk of the public routes (the access matrix walks the staff ones, signed in and not):
// every route file outside the staff area needs a row, and every answer carries the security headers.
// Then Chromium opens the main pages with JavaScript at work and reports any Content-Security-Policy
// violation: the app's own pages must pass the policy they are served with.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const PUBLIC_ROWS = [
  { file: "_index", path: "/" },
  { file: "dang-nhap", path: "/dang-nhap" },
  { file: "dia-phuong.$province", path: "/dia-phuong/01" },
  { file: "du-thao.$slug", path: "/du-thao/hien-phap-2013" },
  { file: "du-thao.$slug_.gop-y", path: `/du-thao/${SLUG}/gop-y` },
  { file: "du-thao.$slug_.y-kien", path: `/du-thao/${SLUG}/y-kien` },
  { file: "du-thao.$slug_.ban.$number", path: `/du-thao/${SLUG}/ban/1` },
  { file: "du-thao.$slug_.ban.$number_.tai-ve[.docx]", path: `/du-thao/${SLUG}/ban/1/tai-ve.docx` },
  { file: "du-thao.$slug_.ban.$number_.tai-ve[.pdf]", path: `/du-thao/${SLUG}/ban/1/tai-ve.pdf` },
  { file: "du-thao.$slug_.tai-ve[.docx]", path: `/du-thao/${SLUG}/tai-ve.docx` },
  { file: "du-thao.$slug_.tai-ve[.pdf]", path: `/du-thao/${SLUG}/tai-ve.pdf` },
  { file: "du-thao.$slug_.dong-tinh", path: `/du-thao/${SLUG}/dong-tinh` },
  { file: "du-thao.$slug_.dong-tinh[.json]", path: `/du-thao/${SLUG}/dong-tinh.json` },
  { file: "du-thao.$slug_.thay-doi", path: `/du-thao/${SLUG}/thay-doi` },
  { file: "du-thao.$slug_.tiep-thu-giai-trinh", path: `/du-thao/${SLUG}/tiep-thu-giai-trinh` },
  { file: "du-thao.$slug_.tiep-thu-giai-trinh[.docx]", path: `/du-thao/${SLUG}/tiep-thu-giai-trinh.docx` },
  { file: "du-thao.$slug_.tiep-thu-giai-trinh[.xlsx]", path: `/du-thao/${SLUG}/tiep-thu-giai-trinh.xlsx` },
  { file: "favicon[.]ico", path: "/favicon.ico" },
  { file: "healthz", path: "/healthz" },
  { file: "quyen-rieng-tu", path: "/quyen-rieng-tu" },
  { file: "tim-kiem", path: "/tim-kiem?q=quy%E1%BB%81n%20con%20ng%C6%B0%E1%BB%9Di" },
  { file: "y-kien.$token", path: "/y-kien/{receipt}" },
  { file: "y-kien.khoi-phuc", path: "/y-kien/khoi-phuc" },
];

const fx = staffFixtures();
let browser: Browser;
let admin: TestStaff;
let receipt: string;

beforeAll(async () => {
  browser = await launchChromium();
  receipt = await submitThroughForm(SLUG, { text: `Đề nghị công khai tiến độ thực hiện, mã ${run}, theo từng năm.`, email: `headers-${run}@example.vn` });
  admin = await fx.createStaff("ADMIN", "Quản Trị Kiểm Thử");
});

afterAll(async () => {
  await browser?.close();
  await fx.cleanUp();
});

const fetchChecked = async (path: string, init: RequestInit = {}) =>
  readChecked(await fetch(`${baseUrl}${path}`, { redirect: "manual", ...init }), `GET ${path}`);

it("every public route answers with the security headers", async () => {
  const publicRoutes = routeFiles().filter((route) => !route.staff && (route.loader || route.page));
  expectRowsFor(publicRoutes, PUBLIC_ROWS, "public routes");
  for (const row of PUBLIC_ROWS) await fetchChecked(row.path.replace("{receipt}", receipt));
  // Static files and the refusals made before the app (unknown length, a foreign origin) too.
  await fetchChecked("/favicon.svg");
  await fetchChecked("/khong-ton-tai");
  const refused = await fetch(`${baseUrl}/dang-nhap`, {
    method: "POST",
    body: "a=1",
    headers: { origin: "https://ke-gian.example", "content-type": "application/x-www-form-urlencoded" },
  });
  await refused.arrayBuffer();
  expectSecurityHeaders(refused, "403 foreign origin");
});

it("a cached copy of a page allows exactly its own scripts by hash; the comment form is never stored", async () => {
  const path = "/du-thao/hien-phap-2013";
  let cached: Response | undefined;
  // The first answer is rendered (and stored once compressed); a later one comes from the page cache.
  for (let i = 0; i < 20 && !cached; i++) {
    const response = await fetchChecked(path);
    if (response.headers.get("x-cache") === "HIT") cached = response;
    else await new Promise((r) => setTimeout(r, 100));
  }
  expect(cached, "a cache hit").toBeDefined();

  const form = await fetchChecked(`/du-thao/${SLUG}/gop-y`);
  expect(form.headers.get("cache-control")).toBe("no-store");
  // A spoofed X-Forwarded-Proto does not turn on HSTS without TRUST_PROXY (checked in expectSecurityHeaders).
  await fetchChecked("/", { headers: { "x-forwarded-proto": "https" } });
});

/** Records every CSP violation and console error of a page from its first script on. */
async function watched(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`${page.url()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return problems;
}

/** Remix hydrated the page: its inline scripts ran. */
const hydrated = (page: Page) =>
  page.waitForFunction(() => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
/** The reading page's own script (ADR 045: not hydrated) ran: it added the sections' fold buttons. */
const readerRan = (page: Page) => page.locator("#document-body button.fold").first().waitFor({ state: "attached" });

it("the app's own pages run their scripts in Chromium without a single policy violation", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watched(page);

  for (const path of ["/", "/du-thao/hien-phap-2013", "/du-thao/hien-phap-2013", `/du-thao/${SLUG}/y-kien`, "/tim-kiem?q=quyen", "/quyen-rieng-tu"]) {
    const response = await page.goto(`${baseUrl}${path}`);
    // The reading page (ADR 045) runs only its same-origin module; the others allow their inline scripts.
    const reading = path.startsWith("/du-thao/hien-phap-2013");
    expect(response?.headers()["content-security-policy"], path).toMatch(reading ? /script-src 'self'/ : /script-src 'self' '(nonce|sha256)-/);
    await (reading ? readerRan(page) : hydrated(page));
  }
  // The comment form: the captcha is solved in the page, and sending navigates to the receipt.
  await page.goto(`${baseUrl}/du-thao/${SLUG}/gop-y`);
  await hydrated(page);
  await page.getByLabel("Tán thành", { exact: true }).check();
  await page.getByLabel("Nội dung góp ý").fill(`Tôi tán thành, mã ${run}, đề nghị bổ sung chỉ tiêu về môi trường.`);
  await page.getByLabel("Họ và tên").fill("Trần Thị Bích Ngọc");
  await page.getByLabel("Thư điện tử").fill(`csp-${run}@example.vn`);
  await page.getByLabel("Tỉnh, thành phố").selectOption("01");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();

  // Staff pages: sign in, the moderation queue's keyboard, the statistics' charts, the organization tree.
  await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri/kiem-duyet`);
  await hydrated(page);
  await page.getByLabel("Thư điện tử").fill(admin.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: "Kiểm duyệt ý kiến" }).waitFor();
  await hydrated(page);
  await page.locator("body").press("j");
  await page.locator("[data-queue-item]:focus").waitFor();
  await page.keyboard.press("r");
  const reasons = page.locator("[data-queue-item] details[data-panel][open]");
  await reasons.waitFor();
  await page.keyboard.press("Escape");
  await reasons.waitFor({ state: "detached" });

  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
  for (const path of [`/quan-tri/bao-cao/${consultation.id}`, "/quan-tri/to-chuc", "/quan-tri/nhat-ky", "/quan-tri"]) {
    await page.goto(`${baseUrl}${path}`);
    await hydrated(page);
  }
  expect(problems).toEqual([]);

  // And the policy is in force: a script that did not come with the page does not run.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.chen = 1";
    document.body.append(script);
  });
  await expect(page.evaluate(() => (window as { chen?: number }).chen)).resolves.toBeUndefined();
  expect(problems.join("\n")).toContain("CSP: script-src");
  await context.close();
});
