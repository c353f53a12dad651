import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newParagraph, publishRevision } from "../support/versions.ts";
import { launchChromium } from "./browser.ts";
import { draftFixtures } from "./drafts-support.ts";
import { baseUrl, staffFixtures } from "./staff-support.ts";

// The draft as .docx and PDF (ADR 049) from the reading page of the current version and from an earlier
// version's own page, on a 360 px phone: the links are big enough to tap, and each answers 200 with the
// file's type and a Vietnamese file name (fetched with the page's own request context, its cookies and
// headers).

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const TYPES = { docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf: "application/pdf" } as const;
const MAGIC = { docx: "PK", pdf: "%PDF" } as const;
let browser: Browser;
let slug: string;
/** Each version's title, by number (the draft's first line, with its diacritics). */
const titles = new Map<number, string>();

beforeAll(async () => {
  browser = await launchChromium();
  const draft = await drafts.createDraft();
  slug = draft.slug;
  await publishRevision(fx.db, draft.id, (nodes) => [...nodes, newParagraph("3. Người Việt Nam định cư ở nước ngoài được góp ý qua mạng.")]);
  for (const v of await fx.db.documentVersion.findMany({ where: { consultationId: draft.id, status: "PUBLISHED" }, select: { number: true, title: true } }))
    titles.set(v.number, v.title);
  expect(titles.get(1)).toMatch(/[ẢỬẠ]/i);
});

afterAll(async () => {
  await browser?.close();
  await drafts.cleanUp();
  await fx.db.$disconnect();
});

/** The file name a Content-Disposition gives (its UTF-8 form). */
function fileNameOf(disposition: string | null): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "")?.[1];
  return encoded ? decodeURIComponent(encoded) : "";
}

async function checkDownloads(page: Page, path: string, number: number) {
  await page.goto(`${baseUrl}${path}`);
  const links = page.locator(".draft-downloads a");
  await expect(page.locator(".draft-downloads").textContent()).resolves.toContain(`Tải về bản số ${number}`);
  expect(await links.count()).toBe(2);
  for (const format of ["docx", "pdf"] as const) {
    const link = links.filter({ hasText: format === "docx" ? "Word (.docx)" : "PDF" });
    const href = (await link.getAttribute("href"))!;
    expect(href).toBe(`${path}/tai-ve.${format}`);
    await link.scrollIntoViewIfNeeded();
    const box = (await link.boundingBox())!;
    expect(box.height, `${format} link height`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${format} link width`).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(360);

    const response = await page.request.get(new URL(href, baseUrl).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(TYPES[format]);
    const name = fileNameOf(response.headers()["content-disposition"] ?? null);
    expect(name).toMatch(new RegExp(`^Bản số ${number} - .+ - \\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    expect(name).toContain(titles.get(number));
    expect(name).toBe(name.normalize("NFC"));
    const body = await response.body();
    expect(body.subarray(0, MAGIC[format].length).toString("latin1")).toBe(MAGIC[format]);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

it("on a phone: the current version's .docx and PDF links, 44 px at least, answer the files named in Vietnamese", async () => {
  const context = await browser.newContext(phone);
  await checkDownloads(await context.newPage(), `/du-thao/${slug}`, 2);
  await context.close();
});

it("on a phone without JavaScript: an earlier version's page links to that version's files", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  await checkDownloads(await context.newPage(), `/du-thao/${slug}/ban/1`, 1);
  await context.close();
});
