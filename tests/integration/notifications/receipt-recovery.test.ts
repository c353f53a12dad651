import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { RECOVERY_SCOPE, requestReceipts } from "~/notifications/receipt-recovery.server.ts";
import { RateLimiter } from "~/platform/rate-limit.server.ts";
import { solvedCaptcha, submitAccepted } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Lost private links on both databases (ADR 049): the same answer for a known and an unknown email, an
// email queued only for the known one with its links, the captcha used once, the limits per email and address.

const DAY = 86_400_000;
const DRAFT = ["DỰ THẢO THỬ KHÔI PHỤC", "Phần thứ nhất", "1. Kinh tế tăng trưởng khá."].join("\n\n");
const MAIL = { publicUrl: "https://gopy.example.vn" };
const LIMITS = { address: { max: 20, windowMs: 600_000 }, contact: { max: 3, windowMs: 600_000 }, noScriptAddress: { max: 5, windowMs: 600_000 } };

describeEachDatabase("notifications: receipts sent again by email", (ctx) => {
  const slug = `khoi-phuc-${randomBytes(3).toString("hex")}`;
  const prefix = `kp${randomBytes(3).toString("hex")}`;
  const known = `${prefix}1@example.vn`;
  let tokens: string[] = [];
  const now = new Date();

  beforeAll(async () => {
    await createConsultationFromText(
      ctx.db,
      { slug, status: "OPEN", opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 30 * DAY) },
      DRAFT,
    );
    const first = await submitAccepted(ctx, slug, { text: "Góp ý thứ nhất về kinh tế tăng trưởng." }, 1, now, prefix);
    const second = await submitAccepted(ctx, slug, { text: "Góp ý thứ hai, đề nghị bổ sung chỉ tiêu môi trường." }, 1, now, prefix);
    tokens = [first.receiptToken, second.receiptToken];
  }, 120_000);

  const ask = async (email: string, { address = "203.0.113.9", limiter = new RateLimiter(), captcha = true, mail = MAIL as typeof MAIL | null } = {}) => {
    const form = new FormData();
    form.set("email", email);
    if (captcha) form.set("captcha", await solvedCaptcha(ctx.db, RECOVERY_SCOPE));
    return requestReceipts(ctx.db, form, { clientAddress: address, mail, sql: ctx.sql, limiter, limits: LIMITS, now });
  };
  const queuedTo = (to: string) => ctx.db.notification.findMany({ where: { to } });

  it("answers a known and an unknown email alike, and queues the links only for the known one", async () => {
    const unknown = `${prefix}-khong-co@example.vn`;
    const a = await ask(`  ${known.toUpperCase()} `);
    const b = await ask(unknown);
    expect(a).toEqual({ status: "sent" });
    expect(b).toEqual(a);
    expect(await queuedTo(unknown)).toEqual([]);
    const [email] = await queuedTo(known);
    expect(email!.commentId).toBeNull();
    expect(email!.subject).toBe("Đường dẫn theo dõi các góp ý của bạn");
    for (const token of tokens) expect(email!.text).toContain(`https://gopy.example.vn/y-kien/${token}`);
    expect(email!.text).toContain("DỰ THẢO THỬ KHÔI PHỤC");
    expect(email!.text).not.toContain("Góp ý thứ nhất");
  });

  it("takes a captcha solution once and refuses a forged one", async () => {
    const payload = await solvedCaptcha(ctx.db, RECOVERY_SCOPE);
    const form = () => {
      const f = new FormData();
      f.set("email", `${prefix}-mot-lan@example.vn`);
      f.set("captcha", payload);
      return f;
    };
    const context = { clientAddress: "203.0.113.10", mail: MAIL, sql: ctx.sql, limiter: new RateLimiter(), limits: LIMITS, now };
    expect(await requestReceipts(ctx.db, form(), context)).toEqual({ status: "sent" });
    expect(await requestReceipts(ctx.db, form(), context)).toMatchObject({ status: "refused" });
    const forFormOfDraft = new FormData();
    forFormOfDraft.set("email", known);
    forFormOfDraft.set("captcha", await solvedCaptcha(ctx.db, slug));
    expect(await requestReceipts(ctx.db, forFormOfDraft, context)).toMatchObject({ status: "refused" });
  });

  it("limits requests per email whatever the address, and without JavaScript per address", async () => {
    const limiter = new RateLimiter();
    const email = `${prefix}-gioi-han@example.vn`;
    for (let i = 0; i < 3; i++) expect(await ask(email, { limiter, address: `198.51.100.${i}` })).toEqual({ status: "sent" });
    expect(await ask(email, { limiter, address: "198.51.100.99" })).toMatchObject({ status: "rate-limited" });
    for (let i = 0; i < 5; i++)
      expect(await ask(`${prefix}-ns${i}@example.vn`, { limiter, captcha: false, address: "198.51.100.200" })).toEqual({ status: "sent" });
    expect(await ask(`${prefix}-ns9@example.vn`, { limiter, captcha: false, address: "198.51.100.200" })).toMatchObject({ status: "rate-limited" });
  });

  it("without SMTP says recovery is unavailable and queues nothing; a bad address is a field error", async () => {
    expect(await ask(known, { mail: null })).toEqual({ status: "unavailable" });
    expect(await ask("khong-phai-email")).toMatchObject({ status: "invalid", fieldErrors: { email: expect.stringContaining("không hợp lệ") } });
  });
});
