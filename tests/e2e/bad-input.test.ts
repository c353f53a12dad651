import { createChallenge } from "altcha-lib/v1";
import { expect, inject, it } from "vitest";
import { firstBlockKey, queryDatabase } from "../../bench/support.js";
import { signInOverHttp, staffFixtures } from "./staff-support.ts";

// Hostile requests against the real server: each gets a 4xx and stores nothing.
const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const FORM = `${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/gop-y`;

async function captcha(slug = "du-thao-bao-cao-chinh-tri-hoa-son") {
  const number = 7;
  const c = await createChallenge({
    hmacKey: inject("captchaSecret"),
    number,
    maxNumber: 100,
    expires: new Date(Date.now() + 60_000),
    params: { "du-thao": slug },
  });
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString("base64");
}

const fields = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    stance: "AGREE",
    text: "Tôi tán thành và đề nghị bổ sung chỉ tiêu về môi trường.",
    name: "Lê Văn Cường",
    email: `hostile-${Math.random().toString(36).slice(2)}@example.vn`,
    provinceCode: "01",
    consent: "on",
    ...extra,
  });

const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }) =>
  fetch(FORM, { method: "POST", body, headers, redirect: "manual" });

const commentCount = async () => Number(((await queryDatabase(databaseUrl, `SELECT COUNT(*) AS n FROM "Comment"`)) as { n: number }[])[0].n);

it("refuses oversized bodies, unknown lengths, wrong content types and broken UTF-8, storing nothing", async () => {
  const before = await commentCount();

  const huge = await post(fields({ text: "Ý kiến rất dài. ".repeat(10_000) }).toString());
  expect(huge.status).toBe(413);
  expect(await huge.text()).toContain("quá lớn");

  const chunked = await fetch(FORM, {
    method: "POST",
    body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(fields().toString())), c.close()) }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    duplex: "half",
    redirect: "manual",
  } as RequestInit);
  expect(chunked.status).toBe(411);

  const json = await post(JSON.stringify(Object.fromEntries(fields())), { "content-type": "application/json" });
  expect(json.status).toBe(415);

  const brokenUtf8 = await post(`${fields({ captcha: await captcha() }).toString()}&onBehalfOf=H%C3%28i`);
  expect(brokenUtf8.status).toBe(400);
  expect(await brokenUtf8.text()).toContain("không phải văn bản UTF-8 hợp lệ");

  expect(await commentCount()).toBe(before);
});

it("refuses tampered hidden fields and replayed captcha solutions, storing nothing", async () => {
  const before = await commentCount();
  const constitution = await (await fetch(`${baseUrl}/du-thao/hien-phap-2013`)).text();
  const foreignKey = /<p id="p-([a-z0-9]+)">/.exec(constitution)![1];
  const foreign = await post(fields({ blockKey: foreignKey, captcha: await captcha() }).toString());
  expect(foreign.status).toBe(400);
  expect(await foreign.text()).toContain("không thuộc bản dự thảo");

  const blockKey = await firstBlockKey(baseUrl);
  const badQuote = await post(fields({ blockKey, quote: "không có trong văn bản", quoteStart: "0", quoteEnd: "21", captcha: await captcha() }).toString());
  expect(badQuote.status).toBe(400);

  const honeypot = await post(fields({ website: "http://quang-cao.example", captcha: await captcha() }).toString());
  expect(honeypot.status).toBe(400);
  expect(await commentCount()).toBe(before);

  const solution = await captcha();
  const first = await post(fields({ blockKey, captcha: solution }).toString());
  expect(first.status).toBe(303);
  const replay = await post(fields({ blockKey, captcha: solution }).toString());
  expect(replay.status).toBe(400);
  expect(await replay.text()).toContain("đã được dùng");
  expect(await commentCount()).toBe(before + 1);

  const missing = await fetch(`${baseUrl}/du-thao/khong-ton-tai/gop-y`, { method: "POST", body: fields(), redirect: "manual" });
  expect(missing.status).toBe(404);
});

it("lets a signed-in staff member's upload through the body limit (to its own checks) while public forms stay small", async () => {
  // Without a session the same body is refused before it is read (tests/e2e/upload-bombs.test.ts).
  const fx = staffFixtures();
  try {
    const admin = await fx.createStaff("ADMIN", "Quản Trị Tải Lên");
    const { cookie } = await signInOverHttp(fx.db, admin.email);
    const big = "x".repeat(200 * 1024);
    const upload = await fetch(`${baseUrl}/quan-tri/hoi-nghi/khong-co`, {
      method: "POST",
      body: new URLSearchParams({ file: big }),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      redirect: "manual",
    });
    await upload.arrayBuffer();
    expect(upload.status).not.toBe(413); // past the size check: refused by the page's own checks (no CSRF token)
    expect(upload.status).toBeLessThan(500);
    const comment = await post(fields({ text: big }).toString());
    expect(comment.status).toBe(413);
  } finally {
    await fx.cleanUp();
  }
});

it("gives a retry of one form its receipt again, and another form with the same text and contact no link at all", async () => {
  // The key comes with the form as the server renders it: no JavaScript needed.
  const html = await (await fetch(FORM)).text();
  const idempotencyKey = /<input type="hidden" name="idempotencyKey" value="([A-Za-z0-9_-]{16,64})"/.exec(html)![1];
  const before = await commentCount();
  const mine = new URLSearchParams({
    ...Object.fromEntries(fields({ email: "nguoi-gui-dau@example.vn" })),
    idempotencyKey,
    captcha: await captcha(),
  }).toString();
  const first = await post(mine);
  expect(first.status).toBe(303);
  const retry = await post(mine); // the answer was lost; the browser sends the same form again
  expect(retry.status).toBe(303);
  expect(retry.headers.get("location")).toBe(first.headers.get("location"));

  const someoneElse = await post(
    new URLSearchParams({
      ...Object.fromEntries(fields({ email: "nguoi-gui-dau@example.vn", name: "Người Khác" })),
      idempotencyKey: "khoa-cua-bieu-mau-khac",
      captcha: await captcha(),
    }).toString(),
  );
  expect(someoneElse.status).toBe(200);
  const page = await someoneElse.text();
  expect(page).toContain("Góp ý này đã được nhận trước đó");
  expect(page).not.toMatch(/\/y-kien\/[A-Za-z0-9_-]{32}/); // no status link (the footer's /y-kien/khoi-phuc is not one)
  expect(page).not.toContain(first.headers.get("location")!.split("/y-kien/")[1].split("?")[0]);
  expect(await commentCount()).toBe(before + 1);
});

it("refuses a captcha solved for another draft, and a pile of combining marks on one letter", async () => {
  const before = await commentCount();
  const otherDraft = await post(fields({ captcha: await captcha("hien-phap-2013") }).toString());
  expect(otherDraft.status).toBe(400);
  expect(await otherDraft.text()).toContain("Mã xác minh chống gửi tự động không hợp lệ");
  const zalgo = await post(fields({ text: `Tôi tán thành${"\u0301\u0302\u0303".repeat(30)} dự thảo.`, captcha: await captcha() }).toString());
  expect(zalgo.status).toBe(400);
  expect(await zalgo.text()).toContain("quá nhiều dấu chồng lên nhau");
  expect(await commentCount()).toBe(before);
});
