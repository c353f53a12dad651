import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { blockWithText, commentOn, countOf, firstCommentedBlock, panelOf } from "./reader-blocks.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function isInViewport(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
}

it("opens the home page, the Constitution, and follows a paragraph's permanent link", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));

  await page.goto(baseUrl);
  await expect(page.locator("h1").textContent()).resolves.toBe("Các dự thảo đang lấy ý kiến");
  const cards = page.locator(".consultation-card");
  expect(await cards.count()).toBe(2);
  await expect(cards.first().textContent()).resolves.toContain("Đang lấy ý kiến");

  await page.getByRole("link", { name: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013" }).click();
  await page.waitForURL(/\/du-thao\/hien-phap-2013$/);
  // Client-side navigation: wait for the new page to be on screen.
  await page.locator("h1", { hasText: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013" }).waitFor();

  // Table of contents → Điều 64, one of the headings stored decomposed in the corpus file.
  await page.locator(".toc summary").click();
  await page.locator(".toc").getByRole("link", { name: "Điều 64", exact: true }).click();
  const hash = new URL(page.url()).hash;
  expect(hash).toMatch(/^#p-[a-z0-9]{10}$/);
  await expect(page.locator(hash).textContent()).resolves.toBe("Điều 64.");
  await expect(page.locator(hash).evaluate((el) => el.tagName)).resolves.toBe("H4"); // written h5, shown one level below the heading above it: no level skipped
  expect(await isInViewport(page, hash)).toBe(true);

  // A paragraph's own element carries its anchor; its "Góp ý" link follows it; no count link while it has
  // no published comment.
  const clause = blockWithText(page, "Bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa là sự nghiệp của toàn dân.");
  const clauseId = (await clause.getAttribute("id"))!;
  expect(clauseId).toMatch(/^p-[a-z0-9]{10}$/);
  await expect(commentOn(page, clauseId).getAttribute("href")).resolves.toBe(`?gop-y=${clauseId.slice(2)}`);
  await expect(commentOn(page, clauseId).textContent()).resolves.toBe("Góp ý");
  expect(await countOf(page, clauseId).count()).toBe(0);
  const permalink = `#${clauseId}`;

  const fresh = await browser.newPage();
  await fresh.goto(`${baseUrl}/du-thao/hien-phap-2013${permalink}`);
  await expect(fresh.locator(`#${clauseId}`).textContent()).resolves.toContain("Bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa là sự nghiệp của toàn dân");
  expect(await isInViewport(fresh, `#${clauseId}`)).toBe(true);
  expect(await fresh.locator(`#${clauseId}`).evaluate((el) => el.matches(":target"))).toBe(true);
  await fresh.close();

  expect(errors).toEqual([]);
  await page.close();
});

it("reads on a 360 px phone without JavaScript: no sideways scrolling, links still work", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`);
  await expect(page.locator("h1").textContent()).resolves.toContain("Dự thảo Báo cáo chính trị");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Demo comments are counted on their paragraphs.
  const counted = page.locator("#document-body a.c");
  expect(await counted.count()).toBeGreaterThan(0);
  await expect(counted.first().textContent()).resolves.toMatch(/^\d+ ý kiến/);

  // The table of contents opens and its links jump without any script.
  await page.locator(".toc summary").click();
  const firstPart = page.locator(".toc a").filter({ hasText: "Phần thứ nhất" });
  await firstPart.click();
  const hash = new URL(page.url()).hash;
  expect(await isInViewport(page, hash)).toBe(true);
  await context.close();
});

it("paints from its inline first-paint CSS: held back, the full stylesheet changes nothing a reader sees (ADR 053)", async () => {
  const stylesheet = /\/build\/_assets\/app-[^/]*\.css$/;
  for (const path of ["/du-thao/du-thao-bao-cao-chinh-tri-hoa-son", "/du-thao/hien-phap-2013", "/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/ban/1"]) {
    const shots: Buffer[][] = [];
    for (const holdBack of [false, true]) {
      // Without JavaScript: what the reader's script adds (the reading bar, folding) comes after the full stylesheet anyway.
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
      const page = await context.newPage();
      if (holdBack) await page.route(stylesheet, (route) => route.abort());
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      const html = await response!.text();
      // The CSS in the head, the full stylesheet after the footer, where it holds back no paint above it.
      expect(html.indexOf("<style nonce="), path).toBeGreaterThan(-1);
      expect(html.indexOf("<style nonce="), path).toBeLessThan(html.indexOf("</head>"));
      expect(html.search(/<link rel="stylesheet" href="\/build\/_assets\/app-/), path).toBeGreaterThan(html.indexOf("</footer>"));
      const pictures: Buffer[] = [];
      for (const top of [0, 1500]) {
        await page.evaluate((y) => window.scrollTo(0, y), top);
        pictures.push(await page.screenshot());
      }
      shots.push(pictures);
      await context.close();
    }
    shots[0].forEach((picture, i) => expect(picture.equals(shots[1][i]), `${path}, screen ${i + 1}`).toBe(true));
  }
  // Other pages link the stylesheet in the head as before, with no inline style.
  const home = await (await fetch(baseUrl)).text();
  expect(home).not.toContain("<style");
  expect(home.search(/<link rel="stylesheet" href="\/build\/_assets\/app-/)).toBeLessThan(home.indexOf("</head>"));
});

it("answers an unknown consultation with a Vietnamese 404 page", async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${baseUrl}/du-thao/khong-ton-tai`);
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1").textContent()).resolves.toBe("Không tìm thấy trang");
  await page.close();
});

it("with JavaScript, a paragraph's comment count opens its published comments under it", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`);
  const blockId = await firstCommentedBlock(page);
  const count = countOf(page, blockId);
  const shown = Number((await count.textContent())!.split(" ")[0]);
  await count.click();
  await expect(count.getAttribute("aria-expanded")).resolves.toBe("true");
  const panel = panelOf(page, blockId);
  await panel.locator("h3").waitFor();
  // Each comment once; an opinion several people sent is one of them, with a count of the others.
  const similar = (await panel.locator(".similar-count").allTextContents()).map((t) => Number(t.match(/\d+/)![0]));
  expect(await panel.locator(".comment").count()).toBe(shown - similar.reduce((a, b) => a + b, 0));
  expect(similar).toEqual([3]); // the demo's campaign, the oldest of this paragraph's opinions
  await expect(panel.locator(".comment").last().locator(".similar-count").textContent()).resolves.toBe("và 3 ý kiến tương tự");
  await expect(panel.locator(".byline").first().textContent()).resolves.toMatch(/^[^,]+ [A-ZÀ-Ỹ]\. [A-ZÀ-Ỹ]\./u);
  // Ordered by support instead: the opinion four people sent comes first, in place.
  await panel.getByRole("link", { name: "Nhiều người cùng ý kiến" }).click();
  await panel.locator('.order-switch [aria-current="true"]', { hasText: "Nhiều người cùng ý kiến" }).waitFor();
  await expect(panel.locator(".comment").first().locator(".similar-count").textContent()).resolves.toBe("và 3 ý kiến tương tự");
  expect(new URL(page.url()).pathname).toBe("/du-thao/du-thao-bao-cao-chinh-tri-hoa-son");
  // A second click closes it again.
  await count.click();
  expect(await panel.count()).toBe(0);
  await expect(count.getAttribute("aria-expanded")).resolves.toBe("false");
  expect(errors).toEqual([]);
  await page.close();
});

it("without JavaScript, a paragraph's comments page orders by support; an unknown order is the default", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`);
  await countOf(page, await firstCommentedBlock(page)).click();
  await page.locator("h1", { hasText: "Ý kiến về" }).waitFor();
  await expect(page.locator('.order-switch [aria-current="true"]').textContent()).resolves.toBe("Mới nhất");
  await page.getByRole("link", { name: "Nhiều người cùng ý kiến" }).click();
  await page.locator('.order-switch [aria-current="true"]', { hasText: "Nhiều người cùng ý kiến" }).waitFor();
  expect(new URL(page.url()).searchParams.get("sap-xep")).toBe("cung-y-kien");
  await expect(page.locator(".comment").first().locator(".similar-count").textContent()).resolves.toBe("và 3 ý kiến tương tự");
  // An unknown order is the default one.
  await page.goto(page.url().replace("cung-y-kien", "khong-co"));
  await expect(page.locator('.order-switch [aria-current="true"]').textContent()).resolves.toBe("Mới nhất");
  await context.close();
});
