import { beforeAll, beforeEach, expect, it, onTestFinished } from "vitest";
import { setDifficulty } from "~/comments/captcha.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { REQUIRE_SCRIPT_KEY, submitComment, type SubmissionContext } from "~/comments/submit.server.ts";
import { getPublishedDocument } from "~/consultations/consultations.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { setSetting } from "~/platform/settings.server.ts";
import { commentForm, solvedCaptcha, VALID_FIELDS } from "../../support/comments.ts";
import { redisEnabled, sharedLimiters } from "../../support/redis.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const DRAFT = ["DỰ THẢO THỬ", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.", "2. Văn hóa, xã hội có nhiều tiến bộ."].join(
  "\n\n",
);

describeEachDatabase("submitting a comment", (ctx) => {
  let clauseKey: string;
  let otherKey: string;
  let limiter: RateLimiter;
  const context = (extra: Partial<SubmissionContext> = {}): SubmissionContext => ({
    clientAddress: "203.0.113.7",
    sql: ctx.sql,
    now: NOW,
    limiter,
    limits: readLimits({}),
    ...extra,
  });
  const submit = async (fields: Record<string, string | undefined>, extra: Partial<SubmissionContext> = {}, slug = "thu") =>
    submitComment(ctx.db, slug, commentForm({ captcha: await solvedCaptcha(ctx.db, slug), ...fields }), context(extra));
  const count = () => ctx.db.comment.count();

  beforeAll(async () => {
    await setDifficulty(ctx.db, 2_000); // fast to solve in tests
    await createConsultationFromText(
      ctx.db,
      { slug: "thu", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
      DRAFT,
    );
    await createConsultationFromText(ctx.db, { slug: "khac", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY) }, DRAFT);
    await createConsultationFromText(
      ctx.db,
      { slug: "da-dong", status: "OPEN", opensAt: new Date(NOW.getTime() - 9 * DAY), closesAt: new Date(NOW.getTime() - DAY) },
      DRAFT,
    );
    const [version, other] = await Promise.all(
      ["thu", "khac"].map((slug) => ctx.db.consultation.findUniqueOrThrow({ where: { slug }, select: { publishedVersionId: true } })),
    );
    clauseKey = (await ctx.db.block.findFirstOrThrow({ where: { versionId: version.publishedVersionId!, kind: "clause" }, orderBy: { position: "asc" } })).key;
    otherKey = (await ctx.db.block.findFirstOrThrow({ where: { versionId: other.publishedVersionId!, kind: "clause" } })).key;
  });

  beforeEach(() => {
    limiter = new RateLimiter();
  });

  it("stores a valid comment, normalized, pending, with a private receipt", async () => {
    // The hot path writes SQL itself: its dates must read back through Prisma as the same instant,
    // whatever the server's time zone.
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Ho_Chi_Minh";
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const decomposed = "Tôi tán thành. Đề nghị làm rõ chỉ tiêu tăng trưởng\u200b và nguồn lực.".normalize("NFD");
    const result = await submit({ ...VALID_FIELDS, text: decomposed, blockKey: clauseKey, occupation: "Nông dân", ageGroup: "31 - 45 tuổi" });
    expect(result.status).toBe("accepted");
    if (result.status !== "accepted") return;
    expect(result.receiptToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
    expect(row.originalText).toBe("Tôi tán thành. Đề nghị làm rõ chỉ tiêu tăng trưởng và nguồn lực.");
    expect(row.originalText).toBe(row.originalText.normalize("NFC"));
    expect(row).toMatchObject({
      status: "PENDING",
      blockKey: clauseKey,
      stance: "AGREE",
      provinceCode: "01",
      communeCode: "00004",
      occupation: "Nông dân",
      authorEmail: "an.nguyen@example.vn",
    });
    expect(row.createdAt.toISOString()).toBe(NOW.toISOString());
    expect(row.consentAt.toISOString()).toBe(NOW.toISOString());
    expect(row.sourceHash).toBeTruthy();
    expect(row.sourceHash).not.toContain("203.0.113.7");

    const receipt = await getReceipt(ctx.db, result.receiptToken);
    expect(receipt).toMatchObject({ status: "pending", blockKey: clauseKey, locality: ["Phường Ba Đình", "Thành phố Hà Nội"] });
    expect(receipt?.block?.label).toBe("Phần thứ nhất › 1");
    // Nothing is public before approval.
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "thu" } });
    expect((await listPublishedComments(ctx.db, consultation.id, clauseKey, 1)).total).toBe(0);
  });

  it("gives a retry of the same form (same idempotency key) the same receipt, and stores it once", async () => {
    const form = {
      ...VALID_FIELDS,
      email: "thu-lai@example.vn",
      blockKey: clauseKey,
      text: "Đề nghị làm rõ lộ trình chuyển đổi số.",
      idempotencyKey: "khoa-bieu-mau-0001",
    };
    const captcha = await solvedCaptcha(ctx.db, "thu");
    const first = await submitComment(ctx.db, "thu", commentForm({ ...form, captcha }), context());
    expect(first.status).toBe("accepted");
    const before = await count();
    // The answer was lost: the browser sends the very same form again (same captcha solution, used up by now).
    const retry = await submitComment(ctx.db, "thu", commentForm({ ...form, captcha }), context());
    expect(retry).toEqual(first);
    expect(await count()).toBe(before);
    // The same form reused for another opinion (back, edit, send) is a new comment.
    const other = await submit({ ...form, text: "Đề nghị bổ sung chỉ tiêu về hạ tầng số." });
    expect(other.status).toBe("accepted");
    expect((other as { receiptToken: string }).receiptToken).not.toBe((first as { receiptToken: string }).receiptToken);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: (first as { receiptToken: string }).receiptToken } });
    // Only a hash is kept, bound to the target and text.
    expect(row.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.idempotencyKey).not.toContain("khoa-bieu-mau");
  });

  it("gives attempts of one form sent at the same moment one comment and one receipt, with or without a captcha", async () => {
    for (const captcha of [await solvedCaptcha(ctx.db, "thu"), undefined]) {
      const form = {
        ...VALID_FIELDS,
        email: `cung-luc-${captcha ? "js" : "ns"}@example.vn`,
        text: "Đề nghị tăng đầu tư cho giáo dục vùng cao.",
        idempotencyKey: `khoa-cung-luc-${captcha ? "js" : "ns"}`,
        captcha,
      };
      const before = await count();
      const results = await Promise.all([0, 1, 2].map(() => submitComment(ctx.db, "thu", commentForm(form), context())));
      expect(results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
      expect(new Set(results.map((r) => (r as { receiptToken: string }).receiptToken)).size).toBe(1);
      expect(await count()).toBe(before + 1);
    }
  });

  it("answers a resubmission from another form (same contact, target and text) without a receipt or anyone's data, storing nothing", async () => {
    const fields = {
      ...VALID_FIELDS,
      email: undefined,
      phone: "0912 345 678",
      blockKey: clauseKey,
      text: "Đề nghị hoà hợp các chỉ tiêu kinh tế với môi trường.",
    };
    const first = await submit({ ...fields, idempotencyKey: "khoa-nguoi-gui-dau" });
    expect(first.status).toBe("accepted");
    const before = await count();
    // Someone who knows the text and the phone number, however they spell it: no link to the first sender's status page.
    for (const phone of ["+84912345678", "84.912.345.678", "0912345678"]) {
      const again = await submit({
        ...fields,
        phone,
        name: "Người Khác",
        text: "  đề nghị HÒA hợp các chỉ tiêu kinh tế với môi trường. ",
        idempotencyKey: "khoa-cua-nguoi-khac",
      });
      expect(again).toEqual({ status: "duplicate" });
    }
    expect(await submit(fields)).toEqual({ status: "duplicate" }); // an old form without a key
    expect(await count()).toBe(before);
    // Another author saying the same is a separate comment.
    expect((await submit({ ...fields, phone: "0987654321" })).status).toBe("accepted");
  });

  it("counts a phone number once for the rate limit, however it is spelled, and an email and a phone each", async () => {
    const limits = readLimits({ RATE_LIMIT_PER_CONTACT: "2", RATE_LIMIT_PER_ADDRESS: "100", RATE_LIMIT_WINDOW_SECONDS: "60" });
    const send = (contact: Record<string, string | undefined>, text: string) => submit({ ...VALID_FIELDS, email: undefined, ...contact, text }, { limits });
    expect((await send({ phone: "0903 111 222" }, "Ý kiến thứ nhất qua điện thoại.")).status).toBe("accepted");
    expect((await send({ phone: "+84 903.111.222" }, "Ý kiến thứ hai qua điện thoại.")).status).toBe("accepted");
    expect(await send({ phone: "84903111222" }, "Ý kiến thứ ba qua điện thoại.")).toMatchObject({ status: "rate-limited" });
    // A fresh email does not reset the phone's count.
    expect(await send({ phone: "0903111222", email: "moi@example.vn" }, "Ý kiến thứ tư qua điện thoại.")).toMatchObject({ status: "rate-limited" });
  });

  it("refuses a pile of combining marks on one letter in any field, storing nothing", async () => {
    const before = await count();
    const zalgo = `Tôi tán thành${"\u0301\u0302\u0303\u0304".repeat(20)} dự thảo này.`;
    for (const fields of [{ text: zalgo }, { name: `Nguyễn Văn A${"\u0308".repeat(30)}` }, { onBehalfOf: `Hội nông dân${"\u0323\u0300\u0301\u0303"}` }]) {
      expect(await submit({ ...VALID_FIELDS, email: "zalgo@example.vn", ...fields })).toEqual({
        status: "refused",
        message: "Nội dung có chữ mang quá nhiều dấu chồng lên nhau. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường rồi gửi lại.",
      });
    }
    expect(await count()).toBe(before);
  });

  it("answers every invalid field with a Vietnamese message and stores nothing", async () => {
    const before = await count();
    const result = await submit({ stance: "MAYBE", text: "ngắn", name: " ", email: "khong-phai-email", phone: "123", provinceCode: "99", consent: undefined });
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.fieldErrors).toMatchObject({
      stance: "Vui lòng chọn Tán thành, Không tán thành hoặc Ý kiến khác.",
      text: "Nội dung góp ý cần ít nhất 10 ký tự.",
      name: "Vui lòng nhập họ và tên.",
      email: "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).",
      phone: "Số điện thoại không hợp lệ (ví dụ: 0912345678).",
      provinceCode: "Vui lòng chọn tỉnh, thành phố.",
      consent: "Bạn cần đồng ý cho phép xử lý dữ liệu cá nhân để gửi góp ý.",
    });
    const tooLong = await submit({ ...VALID_FIELDS, text: "Ý kiến dài. ".repeat(300) });
    expect(tooLong).toMatchObject({ status: "invalid", fieldErrors: { text: "Nội dung góp ý không được quá 2.000 ký tự." } });
    const wrongCommune = await submit({ ...VALID_FIELDS, communeCode: "25747" });
    expect(wrongCommune).toMatchObject({ status: "invalid", fieldErrors: { communeCode: "Xã, phường đã chọn không thuộc tỉnh, thành phố này." } });
    expect(await count()).toBe(before);
  });

  it("asks to confirm text typed without diacritics, and takes it once confirmed", async () => {
    const text = "toi dong y voi du thao nay nhung can bo sung them chi tieu ve moi truong";
    expect(await submit({ ...VALID_FIELDS, email: "khongdau@example.vn", text })).toEqual({ status: "confirm-diacritics" });
    const confirmed = await submit({ ...VALID_FIELDS, email: "khongdau@example.vn", text, confirmNoDiacritics: "1" });
    expect(confirmed.status).toBe("accepted");
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: (confirmed as { receiptToken: string }).receiptToken } });
    expect(row.diacriticsConfirmed).toBe(true);
  });

  it("refuses tampering and bots with 4xx answers and stores nothing", async () => {
    const before = await count();
    const refused = async (fields: Record<string, string | undefined>, slug = "thu") => (await submit(fields, {}, slug)).status;
    expect(await refused({ ...VALID_FIELDS, website: "http://spam.example" })).toBe("refused");
    expect(await refused({ ...VALID_FIELDS, blockKey: "khongtontai" })).toBe("refused");
    expect(await refused({ ...VALID_FIELDS, blockKey: otherKey })).toBe("refused");
    expect(await refused({ ...VALID_FIELDS, blockKey: "../../etc" })).toBe("invalid");
    expect(await refused({ ...VALID_FIELDS, blockKey: clauseKey, quote: "Kinh tế suy giảm", quoteStart: "3", quoteEnd: "19" })).toBe("refused");
    expect(await refused({ ...VALID_FIELDS, text: "Nội dung có ký tự hỏng \uFFFD ở giữa câu." })).toBe("refused");
    expect(await refused({ ...VALID_FIELDS, text: "Ký tự thay thế lẻ \uD800 ở giữa câu văn." })).toBe("refused");
    expect(await refused(VALID_FIELDS, "da-dong")).toBe("closed");
    expect(await refused(VALID_FIELDS, "khong-co")).toBe("not-found");
    expect(await count()).toBe(before);
  });

  it("accepts a captcha solution once; forged or replayed ones are refused", async () => {
    const captcha = await solvedCaptcha(ctx.db, "thu");
    const first = await submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email: "c1@example.vn", captcha }), context());
    expect(first.status).toBe("accepted");
    const replay = await submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email: "c2@example.vn", captcha }), context());
    expect(replay).toMatchObject({ status: "refused", message: expect.stringContaining("đã được dùng") });
    const payload = JSON.parse(Buffer.from(await solvedCaptcha(ctx.db, "thu"), "base64").toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, number: payload.number + 1 })).toString("base64");
    expect((await submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email: "c3@example.vn", captcha: forged }), context())).status).toBe("refused");
    expect((await submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email: "c4@example.vn", captcha: "khong-hop-le" }), context())).status).toBe(
      "refused",
    );
    // A solution issued for the form of another draft is refused here, and still good there.
    const forOther = await solvedCaptcha(ctx.db, "khac");
    expect(await submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email: "c5@example.vn", captcha: forOther }), context())).toMatchObject({
      status: "refused",
      message: expect.stringContaining("không hợp lệ"),
    });
    expect((await submitComment(ctx.db, "khac", commentForm({ ...VALID_FIELDS, email: "c5@example.vn", captcha: forOther }), context())).status).toBe(
      "accepted",
    );
  });

  it("takes forms without a captcha (no JavaScript) under a stricter limit, and refuses them during a flood", async () => {
    const noScript = (email: string) => submitComment(ctx.db, "thu", commentForm({ ...VALID_FIELDS, email }), context());
    for (let i = 0; i < 5; i++) expect((await noScript(`ns${i}@example.vn`)).status).toBe("accepted");
    expect(await noScript("ns5@example.vn")).toMatchObject({ status: "rate-limited" });
    limiter = new RateLimiter();
    await setSetting(ctx.db, REQUIRE_SCRIPT_KEY, "1");
    try {
      expect(await noScript("ns6@example.vn")).toMatchObject({ status: "refused", message: expect.stringContaining("JavaScript") });
    } finally {
      await setSetting(ctx.db, REQUIRE_SCRIPT_KEY, "0");
    }
  });

  it("limits submissions per email and per client address, saying when to retry", async () => {
    const limits = readLimits({ RATE_LIMIT_PER_CONTACT: "2", RATE_LIMIT_PER_ADDRESS: "3", RATE_LIMIT_WINDOW_SECONDS: "60" });
    const send = (email: string, text: string, clientAddress = "198.51.100.1") => submit({ ...VALID_FIELDS, email, text }, { limits, clientAddress });
    expect((await send("r@example.vn", "Ý kiến thứ nhất về dự thảo.")).status).toBe("accepted");
    expect((await send("r@example.vn", "Ý kiến thứ hai về dự thảo.")).status).toBe("accepted");
    const third = await send("r@example.vn", "Ý kiến thứ ba về dự thảo.", "198.51.100.2");
    expect(third.status).toBe("rate-limited");
    expect((third as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    expect((third as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
    expect((await send("s@example.vn", "Ý kiến của người khác.")).status).toBe("accepted");
    expect((await send("t@example.vn", "Ý kiến thêm từ cùng địa chỉ.")).status).toBe("rate-limited");
  });

  it.skipIf(!redisEnabled)("with REDIS_URL, two app servers count one person's comments together", async () => {
    const shared = await sharedLimiters(2);
    try {
      const limits = readLimits({ RATE_LIMIT_PER_CONTACT: "2", RATE_LIMIT_WINDOW_SECONDS: "60" });
      const send = (server: number, text: string) =>
        submit({ ...VALID_FIELDS, email: "hai-may@example.vn", text }, { limits, limiter: shared.limiters[server] });
      expect((await send(0, "Ý kiến thứ nhất, gửi tới máy chủ thứ nhất.")).status).toBe("accepted");
      expect((await send(1, "Ý kiến thứ hai, gửi tới máy chủ thứ hai.")).status).toBe("accepted");
      expect(await send(0, "Ý kiến thứ ba, lại tới máy chủ thứ nhất.")).toMatchObject({ status: "rate-limited", retryAfter: expect.any(Number) });
    } finally {
      await shared.close();
    }
  });

  it("shows approved comments with shortened names, quotes, and per-stance counts on the page", async () => {
    const quoted = await submit({
      ...VALID_FIELDS,
      email: "q@example.vn",
      stance: "DISAGREE",
      blockKey: clauseKey,
      quote: "tăng trưởng khá",
      quoteStart: "11",
      quoteEnd: "26",
      text: "Chưa đồng ý: cần số liệu so sánh với mục tiêu.",
    });
    expect(quoted.status).toBe("accepted");
    await ctx.db.comment.updateMany({ where: { consultation: { slug: "thu" }, blockKey: clauseKey }, data: { status: "APPROVED" } });
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "thu" } });
    const list = await listPublishedComments(ctx.db, consultation.id, clauseKey, 1);
    const shown = list.comments.find((c) => c.quote);
    expect(shown).toMatchObject({ byline: "Nguyễn V. A., Phường Ba Đình, Thành phố Hà Nội", quote: "tăng trưởng khá", quoteStart: 11, stance: "DISAGREE" });
    expect(JSON.stringify(list)).not.toContain("@example.vn");
    expect(list.stances.DISAGREE).toBe(1);
    const page = (await getPublishedDocument(ctx.db, "thu", NOW))!;
    expect(page.bodyHtml).toContain(`${list.total} ý kiến`);
    expect(page.bodyHtml).toContain("1 không tán thành");
  });
});
