import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { createMailTransport } from "~/notifications/mail-transport.server.ts";
import { buildConfig, type MailConfig } from "~/platform/config.server.ts";
import {
  claimNotification,
  claimNotifications,
  drainOutbox,
  MAX_ATTEMPTS,
  messageIdOf,
  notificationRows,
  queueDecisionEmails,
  queueDecisionEmailsForComments,
  releaseOthersClaims,
  retryDelayMs,
  startNotificationWorker,
  type DecisionNotice,
  type MailSender,
} from "~/notifications/outbox.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { postgresUrl } from "../../../bench/support.js";
import { REFUSED, SMTP_PASSWORD, SMTP_USER, startSmtpServer } from "../../support/smtp.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The outbox against a real SMTP server (smtp-server on loopback) on both databases.

const NOW = new Date("2026-11-26T08:00:00Z");
const PUBLIC_URL = "https://gopy.example.vn";
const DRAFT = ["DỰ THẢO THỬ", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá, quy mô được mở rộng."].join("\n\n");

/** A second client on the same database: what another app process would have. */
async function secondClient(db: Db, provider: string): Promise<Db> {
  if (provider === "sqlite") {
    const [main] = await db.$queryRawUnsafe<{ file: string }[]>("SELECT file FROM pragma_database_list WHERE name = 'main'");
    return createDb(resolveDatabaseTarget(`file:${main.file}`));
  }
  const [{ name }] = await db.$queryRawUnsafe<{ name: string }[]>("SELECT current_database()::text AS name");
  return createDb(resolveDatabaseTarget(postgresUrl(name)));
}

describeEachDatabase("notification outbox", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let config: MailConfig;
  let transport: ReturnType<typeof createMailTransport>;
  let consultationId: string;
  let versionId: string;
  let blockKey: string;
  let blockLabel: string;

  const configFor = (port: number) =>
    buildConfig({
      SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
      MAIL_FROM: "Ban biên tập góp ý <khong-tra-loi@gopy.example.vn>",
      PUBLIC_URL,
    }).mail!;
  const drain = (now: Date, db: Db = ctx.db, sender = transport) => drainOutbox(db, sender, { from: config.from, now });
  const row = (id: string) => ctx.db.notification.findUniqueOrThrow({ where: { id } });
  const createComment = (fields: { authorEmail?: string | null; authorName?: string; originalText?: string } = {}) =>
    ctx.db.comment.create({
      data: {
        consultationId,
        versionId,
        blockKey,
        stance: "AGREE",
        originalText: "Đề nghị bổ sung chỉ tiêu về môi trường.\nCần làm rõ nguồn lực.",
        authorName: "Nguyễn Thị Hằng",
        authorEmail: "hang.nguyen@example.vn",
        consentAt: NOW,
        contentHash: randomBytes(8).toString("hex"),
        receiptToken: randomBytes(24).toString("base64url"),
        ...fields,
      },
    });
  const notice = (commentId: string, to: string): DecisionNotice => ({
    commentId,
    to,
    authorName: "Lê Văn Bình",
    consultationTitle: "Dự thảo thử",
    originalText: "Ý kiến",
    receiptToken: randomBytes(24).toString("base64url"),
    decision: { status: "approved" },
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    config = configFor(smtp.port);
    transport = createMailTransport(config);
    const { consultation } = await createConsultationFromText(ctx.db, { slug: "thu", status: "OPEN", title: "Dự thảo Báo cáo chính trị (thử)" }, DRAFT);
    consultationId = consultation.id;
    versionId = consultation.versions[0].id;
    ({ key: blockKey, label: blockLabel } = await ctx.db.block.findFirstOrThrow({ where: { versionId, kind: "clause" } }));
  });

  afterAll(async () => {
    transport?.close();
    await smtp?.close();
  });

  beforeEach(async () => {
    await ctx.db.notification.deleteMany();
    smtp.received.length = 0;
  });

  it("queues the email in the moderator's transaction and delivers it through SMTP, Vietnamese intact", async () => {
    const comment = await createComment();
    const queued = await ctx.db.$transaction(async (tx) => {
      await tx.comment.update({
        where: { id: comment.id },
        data: { status: "APPROVED", publishedText: "Đề nghị bổ sung chỉ tiêu môi trường.", decidedAt: NOW },
      });
      return queueDecisionEmailsForComments(tx, [comment.id], config, { now: NOW });
    });
    expect(queued).toBe(1);
    const [stored] = await ctx.db.notification.findMany();
    expect(stored).toMatchObject({ commentId: comment.id, to: "hang.nguyen@example.vn", attempts: 0, nextAt: NOW, sentAt: null });

    expect(await drain(NOW)).toMatchObject({ due: 1, sent: 1, failed: 0, gaveUp: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message.envelopeTo).toEqual(["hang.nguyen@example.vn"]);
    expect(message.user).toBe(SMTP_USER); // the URL's password was decoded and accepted
    expect(message.to).toBe("hang.nguyen@example.vn");
    expect(message.from).toBe("Ban biên tập góp ý <khong-tra-loi@gopy.example.vn>");
    expect(message.headers.get("auto-submitted")).toBe("auto-generated");
    expect(message.subject).toBe("Góp ý của bạn về “Dự thảo Báo cáo chính trị (thử)” đã được đăng sau khi biên tập");
    expect(message.text).toBe(stored.text);
    expect(message.text).toMatch(/^Kính gửi Nguyễn Thị Hằng,\n/);
    expect(message.text).toContain(`Góp ý vào: ${blockLabel}\n`);
    expect(message.text).toContain("Nội dung được đăng:\n    Đề nghị bổ sung chỉ tiêu môi trường.");
    expect(message.text).toContain("Nội dung gốc bạn đã gửi:\n    Đề nghị bổ sung chỉ tiêu về môi trường.\n    Cần làm rõ nguồn lực.");
    expect(message.text).toContain(`${PUBLIC_URL}/y-kien/${comment.receiptToken}\n`);

    expect(await row(stored.id)).toMatchObject({ sentAt: NOW, nextAt: null, attempts: 0, lastError: null });
    expect(await drain(new Date(NOW.getTime() + 86_400_000))).toMatchObject({ due: 0, sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("queues nothing when the decision rolls back; a newer decision replaces an email not yet sent", async () => {
    const comment = await createComment();
    await expect(
      ctx.db.$transaction(async (tx) => {
        await tx.comment.update({ where: { id: comment.id }, data: { status: "APPROVED", decidedAt: NOW } });
        await queueDecisionEmailsForComments(tx, [comment.id], config, { now: NOW });
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await ctx.db.notification.count()).toBe(0);

    await ctx.db.$transaction(async (tx) => {
      await tx.comment.update({ where: { id: comment.id }, data: { status: "APPROVED", decidedAt: NOW } });
      await queueDecisionEmailsForComments(tx, [comment.id], config, { now: NOW });
    });
    const later = new Date(NOW.getTime() + 1000);
    await ctx.db.$transaction(async (tx) => {
      await tx.comment.update({ where: { id: comment.id }, data: { status: "REJECTED", rejectReason: "Trùng lặp với góp ý khác", decidedAt: later } });
      await queueDecisionEmailsForComments(tx, [comment.id], config, { now: later, note: "Nội dung đã có trong góp ý trước của bạn." });
    });
    const rows = await ctx.db.notification.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.subject.endsWith("đã được đăng"), r.nextAt?.getTime() ?? null, r.lastError])).toEqual([
      [true, null, "Superseded by a later decision on the same comment"],
      [false, later.getTime(), null],
    ]);

    expect(await drain(later)).toMatchObject({ due: 1, sent: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual(["Góp ý của bạn về “Dự thảo Báo cáo chính trị (thử)” không được đăng"]);
    expect(smtp.received[0].text).toContain("Lý do: Trùng lặp với góp ý khác\n\nGhi chú của ban biên tập:\n    Nội dung đã có trong góp ý trước của bạn.");
  });

  it("queues nothing without SMTP configured, for pending comments, or for authors without an email", async () => {
    const withEmail = await createComment();
    const phoneOnly = await createComment({ authorEmail: null });
    const pending = await createComment();
    await ctx.db.comment.updateMany({ where: { id: { in: [withEmail.id, phoneOnly.id] } }, data: { status: "APPROVED", decidedAt: NOW } });
    const unconfigured = buildConfig({ PUBLIC_URL, MAIL_FROM: "a@b.vn" }).mail;
    expect(unconfigured).toBeNull();
    expect(await ctx.db.$transaction((tx) => queueDecisionEmailsForComments(tx, [withEmail.id], unconfigured, { now: NOW }))).toBe(0);
    expect(await queueDecisionEmails(ctx.db, [notice(withEmail.id, "an@example.vn")], unconfigured, NOW)).toBe(0);
    expect(await ctx.db.notification.count()).toBe(0);
    expect(startNotificationWorker(ctx.db, unconfigured)).toBeNull();

    expect(await queueDecisionEmailsForComments(ctx.db, [phoneOnly.id, pending.id], config, { now: NOW })).toBe(0);
    expect(await ctx.db.notification.count()).toBe(0);
  });

  it("retries a refused recipient with exponential backoff and gives up after the last attempt", async () => {
    await queueDecisionEmails(ctx.db, [notice("c-refused", REFUSED)], config, NOW);
    const [{ id }] = await ctx.db.notification.findMany();
    let at = NOW;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await drain(at);
      const last = attempt === MAX_ATTEMPTS;
      expect(result).toMatchObject({ due: 1, sent: 0, failed: last ? 0 : 1, gaveUp: last ? 1 : 0 });
      expect(result.errors).toEqual([{ id, attempts: attempt, gaveUp: last, error: expect.stringMatching(/550.*Hộp thư không tồn tại/) }]);
      const stored = await row(id);
      expect(stored.attempts).toBe(attempt);
      expect(stored.lastError).toMatch(/^EENVELOPE: 550/);
      expect(stored.sentAt).toBeNull();
      if (last) {
        expect(stored.nextAt).toBeNull();
      } else {
        expect(stored.nextAt!.getTime() - at.getTime()).toBe(retryDelayMs(attempt));
        expect(await drain(new Date(stored.nextAt!.getTime() - 1))).toMatchObject({ due: 0 }); // not before its time
        at = stored.nextAt!;
      }
    }
    expect(retryDelayMs(MAX_ATTEMPTS - 1)).toBe(3_600_000);
    expect(await drain(new Date(at.getTime() + 30 * 86_400_000))).toMatchObject({ due: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("retries when the SMTP server is down, and sends once it is back", async () => {
    const down = await startSmtpServer();
    await down.close();
    const unreachable = createMailTransport(configFor(down.port));
    await queueDecisionEmails(ctx.db, [notice("c-down", "binh.le@example.vn")], config, NOW);
    const [{ id }] = await ctx.db.notification.findMany();

    const failed = await drain(NOW, ctx.db, unreachable);
    unreachable.close();
    expect(failed).toMatchObject({ due: 1, failed: 1, sent: 0 });
    expect(await row(id)).toMatchObject({
      attempts: 1,
      nextAt: new Date(NOW.getTime() + 60_000),
      sentAt: null,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });

    const retryAt = new Date(NOW.getTime() + 60_000);
    expect(await drain(retryAt)).toMatchObject({ due: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ attempts: 1, nextAt: null, sentAt: retryAt });
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([["binh.le@example.vn"]]);
  });

  it("claims and sends rows written with the plain SQL driver (its dates compare equal to Prisma's)", async () => {
    const [row1] = notificationRows([notice("c-sql", "sql@example.vn")], config, NOW);
    await ctx.sql.run(
      `INSERT INTO "Notification" ("id", "commentId", "to", "subject", "text", "attempts", "nextAt", "createdAt") VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      [row1.id, row1.commentId, row1.to, row1.subject, row1.text, NOW, NOW],
    );
    expect(await row(row1.id)).toMatchObject({ nextAt: NOW, attempts: 0 });
    expect(await drain(NOW)).toMatchObject({ due: 1, sent: 1, skipped: 0 });
    expect(smtp.received.map((m) => m.subject)).toEqual([row1.subject]);
  });

  it("claims a row once; a claim left by a dead process is taken again after its lease", async () => {
    await queueDecisionEmails(ctx.db, [notice("c-lease", "lease@example.vn")], config, NOW);
    const [{ id, nextAt }] = await ctx.db.notification.findMany();
    const leaseUntil = new Date(NOW.getTime() + 300_000);
    expect(await claimNotification(ctx.db, id, nextAt!, leaseUntil)).toBe(true);
    expect(await claimNotification(ctx.db, id, nextAt!, new Date(NOW.getTime() + 1))).toBe(false);
    // The claimant "died" before sending: nobody sends it until the lease ends.
    expect(await drain(new Date(leaseUntil.getTime() - 1))).toMatchObject({ due: 0 });
    expect(await drain(leaseUntil)).toMatchObject({ due: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it("a new sender frees the claims a stopped one left (at once, not after their lease); retries keep their time", async () => {
    await queueDecisionEmails(ctx.db, [notice("c-dead", "dead@example.vn"), notice("c-retry", "retry@example.vn")], config, NOW);
    const [dead, retry] = await ctx.db.notification.findMany({ orderBy: { to: "asc" } });
    expect(await claimNotification(ctx.db, dead.id, dead.nextAt!, new Date(NOW.getTime() + 300_000), "server-a")).toBe(true);
    await ctx.db.notification.update({ where: { id: retry.id }, data: { attempts: 1, nextAt: new Date(NOW.getTime() + 60_000) } });
    expect(await releaseOthersClaims(ctx.db, "server-a", NOW)).toBe(0); // its own claim
    expect(await releaseOthersClaims(ctx.db, "server-b", NOW)).toBe(1);
    expect(await row(dead.id)).toMatchObject({ nextAt: NOW, claimedBy: null });
    expect(await row(retry.id)).toMatchObject({ nextAt: new Date(NOW.getTime() + 60_000), claimedBy: null });
    expect(await drainOutbox(ctx.db, transport, { from: config.from, now: NOW, claimer: "server-b" })).toMatchObject({ due: 1, sent: 1 });
    // The same Message-ID on every try of this row, so a copy sent again can be recognised.
    expect(smtp.received[0].headers.get("message-id")).toBe(messageIdOf(dead.id, config.from));
    expect(messageIdOf(dead.id, config.from)).toBe(`<thong-bao-${dead.id}@gopy.example.vn>`);
    expect(await row(dead.id)).toMatchObject({ claimedBy: null, nextAt: null });
  });

  it("claims a batch in one statement: each row only from the nextAt it was read with", async () => {
    await queueDecisionEmails(ctx.db, [notice("c-b1", "b1@example.vn"), notice("c-b2", "b2@example.vn")], config, NOW);
    await queueDecisionEmails(ctx.db, [notice("c-b3", "b3@example.vn")], config, new Date(NOW.getTime() - 1_000));
    const seen = await ctx.db.notification.findMany({ orderBy: { to: "asc" } });
    const [b1, b2, b3] = seen;
    // b2 was taken by another sender after it was read.
    expect(await claimNotification(ctx.db, b2.id, b2.nextAt!, new Date(NOW.getTime() + 300_000), "server-a")).toBe(true);
    const leaseUntil = new Date(NOW.getTime() + 60_000);
    const taken = await claimNotifications(
      ctx.db,
      seen.map((r) => ({ id: r.id, nextAt: r.nextAt! })),
      leaseUntil,
      "server-b",
    );
    expect([...taken].sort()).toEqual([b1.id, b3.id].sort());
    expect(await row(b1.id)).toMatchObject({ nextAt: leaseUntil, claimedBy: "server-b" });
    expect(await row(b3.id)).toMatchObject({ nextAt: leaseUntil, claimedBy: "server-b" });
    expect(await row(b2.id)).toMatchObject({ nextAt: new Date(NOW.getTime() + 300_000), claimedBy: "server-a" });
    expect(await claimNotifications(ctx.db, [{ id: b1.id, nextAt: b1.nextAt! }], leaseUntil, "server-c")).toEqual(new Set());
  });

  it("sends several at once and marks each accepted email sent while another is still in flight", async () => {
    const count = 6;
    await queueDecisionEmails(
      ctx.db,
      Array.from({ length: count }, (_, i) => notice(`c-par-${i}`, `song-song-${i}@example.vn`)),
      config,
      NOW,
    );
    // The first address's send waits until released: the others go on meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let mostInFlight = 0;
    const gated: MailSender = {
      async sendMail(message) {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          if (message.to === "song-song-0@example.vn") await gate;
          return await transport.sendMail(message);
        } finally {
          inFlight--;
        }
      },
    };
    const draining = drainOutbox(ctx.db, gated, { from: config.from, now: NOW, concurrency: 3 });
    await expect.poll(() => ctx.db.notification.count({ where: { sentAt: { not: null } } }), { timeout: 10_000 }).toBe(count - 1);
    const waiting = await ctx.db.notification.findFirstOrThrow({ where: { sentAt: null } });
    expect(waiting).toMatchObject({ to: "song-song-0@example.vn", nextAt: new Date(NOW.getTime() + 300_000) });
    release();
    expect(await draining).toMatchObject({ due: count, sent: count, skipped: 0, deferred: 0 });
    expect(mostInFlight).toBe(3);
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(Array.from({ length: count }, (_, i) => `song-song-${i}@example.vn`).sort());
    expect(await ctx.db.notification.count({ where: { OR: [{ sentAt: null }, { nextAt: { not: null } }, { claimedBy: { not: null } }] } })).toBe(0);
  });

  it("starts no send after half the lease: the claimed rows left are due again at once", async () => {
    await queueDecisionEmails(
      ctx.db,
      Array.from({ length: 4 }, (_, i) => notice(`c-slow-${i}`, `cham-${i}@example.vn`)),
      config,
      NOW,
    );
    // A clock that jumps past half the lease once the first email has gone.
    let at = NOW;
    const slow: MailSender = {
      async sendMail(message) {
        const info = await transport.sendMail(message);
        at = new Date(NOW.getTime() + 150_001);
        return info;
      },
    };
    const result = await drainOutbox(ctx.db, slow, { from: config.from, now: () => at, concurrency: 1, leaseMs: 300_000 });
    expect(result).toMatchObject({ due: 4, sent: 1, deferred: 3 });
    expect(smtp.received).toHaveLength(1);
    const left = await ctx.db.notification.findMany({ where: { sentAt: null } });
    expect(left).toHaveLength(3);
    for (const r of left) expect(r).toMatchObject({ nextAt: at, claimedBy: null, attempts: 0 });
  });

  it("sends each email exactly once when drains in two processes race", async () => {
    const slow = await startSmtpServer({ delayMs: 15 });
    const slowConfig = configFor(slow.port);
    const senders = [createMailTransport(slowConfig), createMailTransport(slowConfig), createMailTransport(slowConfig)];
    const other = await secondClient(ctx.db, ctx.provider);
    try {
      const count = 12;
      await queueDecisionEmails(
        ctx.db,
        Array.from({ length: count }, (_, i) => notice(`c-race-${i}`, `nguoi-${i}@example.vn`)),
        config,
        NOW,
      );
      const results = await Promise.all([
        drainOutbox(ctx.db, senders[0], { from: config.from, now: NOW, batch: 50 }),
        drainOutbox(other, senders[1], { from: config.from, now: NOW, batch: 50 }),
        drainOutbox(other, senders[2], { from: config.from, now: NOW, batch: 50 }),
      ]);
      const total = (key: "sent" | "skipped" | "failed") => results.reduce((sum, r) => sum + r[key], 0);
      expect(total("sent")).toBe(count);
      expect(total("failed")).toBe(0);
      // Whether they met on a row depends on timing (a drain claims its whole batch in one statement, and may
      // claim all 12 before the others read): the skip itself is tested deterministically above ("claims a batch
      // in one statement"). Here: every email once, whichever drain took it.
      const recipients = slow.received.map((m) => m.envelopeTo[0]).sort();
      expect(recipients).toEqual(Array.from({ length: count }, (_, i) => `nguoi-${i}@example.vn`).sort());
      expect(await ctx.db.notification.count({ where: { sentAt: null } })).toBe(0);
    } finally {
      for (const sender of senders) sender.close();
      await other.$disconnect();
      await slow.close();
    }
  });

  it("runs a worker per process that sends what is queued, and stops cleanly", async () => {
    const errors: unknown[] = [];
    const worker = startNotificationWorker(ctx.db, config, { intervalMs: 20, log: { error: (...args: unknown[]) => errors.push(args) } });
    expect(worker).not.toBeNull();
    try {
      expect(startNotificationWorker(ctx.db, config)).toBe(worker); // once per process
      await queueDecisionEmails(ctx.db, [notice("c-worker", "worker@example.vn"), notice("c-worker-2", REFUSED)], config, new Date());
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(1);
      expect(String(errors[0])).toMatch(/attempt 1, will retry.*550/);
      expect(String(errors[0])).not.toContain(REFUSED);
    } finally {
      await worker!.stop();
    }
    const restarted = startNotificationWorker(ctx.db, config, { intervalMs: 20 });
    expect(restarted).not.toBe(worker);
    await restarted!.stop();
  });
});
