import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlTx } from "~/platform/sql.server.ts";
import { decisionEmail, type Decision, type DecisionEmailInput } from "./decision-email.ts";
import type { MailConfig } from "~/platform/config.server.ts";
import { createMailTransport } from "./mail-transport.server.ts";
import { existingSingleton, setSingleton, singleton } from "~/platform/singleton.server.ts";

// The email outbox (ADR 011). Moderation writes Notification rows in the same transaction as its
// decision; a loop sends them, in the process holding the "notifications" lease (ADR 029). Even
// several processes draining at once would not send a row twice: each row is claimed with a
// conditional UPDATE (naming the claimer) before it is sent. A new holder frees the claims a dead
// one left, so their emails go at once, not after the claim (ADR 052). Delivery is at least once:
// an email accepted by the SMTP server just before its sender died is sent again, with the same
// Message-ID, by which mail systems can recognise the copy.

/** What the email about one decision needs. */
export interface DecisionNotice extends Omit<DecisionEmailInput, "publicUrl"> {
  commentId: string;
  /** The author's email address; null when they left only a phone number (then nothing is queued). */
  to: string | null;
}

/** Only the base URL matters for queueing; null (SMTP not configured) queues nothing. */
export type QueueConfig = Pick<MailConfig, "publicUrl"> | null;

const SUPERSEDED = "Superseded by a later decision on the same comment";

/** The Notification rows for these decisions: none without SMTP configured or without an address. */
export function notificationRows(items: DecisionNotice[], config: QueueConfig, now: Date): Prisma.NotificationCreateManyInput[] {
  if (!config) return [];
  return items.flatMap(({ commentId, to, ...input }) => {
    const address = to?.trim();
    if (!address) return [];
    const { subject, text } = decisionEmail({ ...input, publicUrl: config.publicUrl });
    return [{ id: randomUUID(), commentId, to: address, subject, text, attempts: 0, nextAt: now, createdAt: now }];
  });
}

const ROW_CHUNK = 200;

/** Writes Notification rows inside the caller's driver transaction (moderation's decisions, answers), 200 a statement. */
export async function insertNotificationRows(tx: Pick<SqlTx, "run">, rows: readonly Prisma.NotificationCreateManyInput[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) {
    const chunk = rows.slice(i, i + ROW_CHUNK);
    await tx.run(
      `INSERT INTO "Notification" ("id", "commentId", "to", "subject", "text", "attempts", "nextAt", "createdAt") VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, 0, ?, ?)").join(", ")}`,
      chunk.flatMap((r) => [r.id, r.commentId ?? null, r.to, r.subject, r.text, now, now]),
    );
  }
}

/**
 * Queues the decision emails inside the caller's transaction (`tx` is the transaction client), so
 * an email exists exactly when its decision was committed. An email not yet sent about the same
 * comment is cancelled: the author hears the latest decision. Resolves with the number queued.
 */
export async function queueDecisionEmails(tx: Pick<Db, "notification">, items: DecisionNotice[], config: QueueConfig, now: Date = new Date()): Promise<number> {
  const rows = notificationRows(items, config, now);
  if (rows.length === 0) return 0;
  const commentIds = [...new Set(rows.map((row) => row.commentId!))];
  await tx.notification.updateMany({
    where: { commentId: { in: commentIds }, sentAt: null, nextAt: { not: null } },
    data: { nextAt: null, lastError: SUPERSEDED },
  });
  await tx.notification.createMany({ data: rows });
  return rows.length;
}

/**
 * The same, reading each decision from the comment as the caller's transaction left it (status,
 * published text, reject reason). Pending comments and authors without an email are skipped.
 * `note` is the moderator's optional note, shown with a rejection.
 */
export async function queueDecisionEmailsForComments(
  tx: Pick<Db, "comment" | "block" | "notification">,
  commentIds: string[],
  config: QueueConfig,
  { now = new Date(), note = null }: { now?: Date; note?: string | null } = {},
): Promise<number> {
  if (!config || commentIds.length === 0) return 0;
  const comments = await tx.comment.findMany({
    where: { id: { in: commentIds }, status: { not: "PENDING" }, authorEmail: { not: null } },
    select: {
      id: true,
      status: true,
      publishedText: true,
      rejectReason: true,
      originalText: true,
      authorName: true,
      authorEmail: true,
      receiptToken: true,
      versionId: true,
      blockKey: true,
      consultation: { select: { title: true } },
    },
  });
  const labels = await blockLabels(tx, comments);
  const items = comments.map((comment): DecisionNotice => {
    const decision: Decision =
      comment.status === "REJECTED"
        ? { status: "rejected", reason: comment.rejectReason, note }
        : comment.publishedText
          ? { status: "edited", publishedText: comment.publishedText }
          : { status: "approved" };
    return {
      commentId: comment.id,
      to: comment.authorEmail,
      authorName: comment.authorName,
      consultationTitle: comment.consultation.title,
      originalText: comment.originalText,
      target: comment.blockKey ? labels.get(`${comment.versionId} ${comment.blockKey}`) : null,
      receiptToken: comment.receiptToken,
      decision,
    };
  });
  return queueDecisionEmails(tx, items, config, now);
}

/** "versionId key" → the block's label ("Chương I › Điều 2"), one query per version. */
async function blockLabels(tx: Pick<Db, "block">, comments: { versionId: string; blockKey: string | null }[]) {
  const keysByVersion = new Map<string, Set<string>>();
  for (const { versionId, blockKey } of comments) {
    if (blockKey) keysByVersion.set(versionId, (keysByVersion.get(versionId) ?? new Set()).add(blockKey));
  }
  const labels = new Map<string, string>();
  for (const [versionId, keys] of keysByVersion) {
    const blocks = await tx.block.findMany({ where: { versionId, key: { in: [...keys] } }, select: { key: true, label: true } });
    for (const block of blocks) labels.set(`${versionId} ${block.key}`, block.label);
  }
  return labels;
}

/** What the outbox needs of a nodemailer transport (a nodemailer Transporter is one). */
export interface MailSender {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId?: string; headers?: Record<string, string> }): Promise<unknown>;
}

export const MAX_ATTEMPTS = 8;
const MINUTE = 60_000;

/** Wait before the next try after `attempts` failed ones: 1 min, 2, 4 … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);
}

export interface DrainOptions {
  /** The From header (MailConfig.from). */
  from: string;
  /** A fixed time (tests) or a clock read before each row; default the real clock. */
  now?: Date | (() => Date);
  /** Rows read (and claimed, in one statement) per drain; default 20. */
  batch?: number;
  /** Emails in flight at once; default 8 (1: one after another). */
  concurrency?: number;
  /** How long a claimed row is left to its sender before others may take it; default 5 min. */
  leaseMs?: number;
  /** Tries before giving up; default 8. */
  maxAttempts?: number;
  /** Who claims the rows (written on them); default this process's sender id. */
  claimer?: string;
}

/** This process's sender id, written on the rows it claims. */
export const senderId = () => singleton("notificationSenderId", () => `${process.pid}:${randomBytes(6).toString("hex")}`);

/** The Message-ID of a notification: the same on every try, so a copy sent again can be recognised. */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "gopy.invalid";
  return `<thong-bao-${id}@${domain}>`;
}

export interface DrainResult {
  /** Rows read as due. */
  due: number;
  sent: number;
  /** Failed, to be tried again later. */
  failed: number;
  /** Failed for the last allowed time: no more tries. */
  gaveUp: number;
  /** Claimed by another process first. */
  skipped: number;
  /** Claimed but not started before half the lease had passed: due again at once. */
  deferred: number;
  /** One entry per failed send (no addresses: they are personal data). */
  errors: { id: string; attempts: number; gaveUp: boolean; error: string }[];
}

/** A row is taken by moving its nextAt from the value read to the end of a lease: one taker wins. */
export async function claimNotification(
  db: Pick<Db, "notification">,
  id: string,
  seenNextAt: Date,
  leaseUntil: Date,
  claimer: string = senderId(),
): Promise<boolean> {
  return (await claimNotifications(db, [{ id, nextAt: seenNextAt }], leaseUntil, claimer)).has(id);
}

/**
 * Claims several rows in one statement, each only if its nextAt is still the value read (rows read
 * together mostly share one nextAt: a group's decisions are queued at one time). Returns the ids taken.
 */
export async function claimNotifications(
  db: Pick<Db, "notification">,
  seen: readonly { id: string; nextAt: Date }[],
  leaseUntil: Date,
  claimer: string = senderId(),
): Promise<Set<string>> {
  if (seen.length === 0) return new Set();
  const idsByNextAt = new Map<number, string[]>();
  for (const { id, nextAt } of seen) {
    const ids = idsByNextAt.get(nextAt.getTime());
    if (ids) ids.push(id);
    else idsByNextAt.set(nextAt.getTime(), [id]);
  }
  const taken = await db.notification.updateManyAndReturn({
    where: { OR: [...idsByNextAt].map(([nextAt, ids]) => ({ nextAt: new Date(nextAt), id: { in: ids } })) },
    data: { nextAt: leaseUntil, claimedBy: claimer },
    select: { id: true },
  });
  return new Set(taken.map((row) => row.id));
}

/**
 * Frees the rows other senders claimed and did not finish (their process died or stopped): due at once
 * again. Called by a process when it becomes the one sender (takes the "notifications" lease). Returns
 * how many were freed.
 */
export async function releaseOthersClaims(db: Pick<Db, "notification">, claimer: string, now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { claimedBy: { not: claimer }, sentAt: null, nextAt: { gt: now } },
    data: { nextAt: now, claimedBy: null },
  });
  return count;
}

/** How long an accepted email waits for others to be marked sent with it; and how many make a write at once. */
const MARK_WAIT_MS = 10;
const MARK_GROUP = 50;

/**
 * Marks sent rows as they are accepted, many in one statement: a write starts MARK_WAIT_MS after the
 * first unmarked email (or at MARK_GROUP of them), one write at a time. SQLite's driver blocks the
 * event loop for each commit (synchronous = FULL), so a write per email would cap the rate; the wait
 * stays short because an email accepted but not marked is sent again if its sender dies.
 */
function sentMarker(db: Pick<Db, "notification">, clock: () => Date) {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const ids = pending;
    pending = [];
    writing = writing.then(async () => {
      try {
        await db.notification.updateMany({ where: { id: { in: ids } }, data: { sentAt: clock(), nextAt: null, claimedBy: null } });
      } catch (error) {
        failure ??= error;
      }
    });
  };
  return {
    add(id: string) {
      pending.push(id);
      if (pending.length >= MARK_GROUP) flush();
      else timer ??= setTimeout(flush, MARK_WAIT_MS);
    },
    /** Writes what is left and waits for every write; throws the first that failed (the drain reports it). */
    async done() {
      flush();
      await writing;
      if (failure) throw failure;
    },
  };
}

/**
 * Sends the due emails (nextAt <= now), oldest first: reads a batch, claims it in one statement, and
 * sends the claimed rows with `concurrency` in flight (a pooled transport keeps its connections open).
 */
export async function drainOutbox(db: Pick<Db, "notification">, transport: MailSender, options: DrainOptions): Promise<DrainResult> {
  const { from, batch = 20, concurrency = 8, leaseMs = 5 * MINUTE, maxAttempts = MAX_ATTEMPTS, claimer = senderId() } = options;
  const fixed = options.now;
  const clock = typeof fixed === "function" ? fixed : fixed ? () => fixed : () => new Date();
  const result: DrainResult = { due: 0, sent: 0, failed: 0, gaveUp: 0, skipped: 0, deferred: 0, errors: [] };

  const due = await db.notification.findMany({
    where: { nextAt: { lte: clock() } },
    orderBy: [{ nextAt: "asc" }, { id: "asc" }],
    take: batch,
    select: { id: true, to: true, subject: true, text: true, attempts: true, nextAt: true },
  });
  result.due = due.length;
  if (due.length === 0) return result;

  const leaseUntil = new Date(clock().getTime() + leaseMs);
  // No send starts after half the lease: what is left goes back, so a slow server never outlives a claim.
  const startBy = leaseUntil.getTime() - leaseMs / 2;
  const taken = await claimNotifications(
    db,
    due.map((row) => ({ id: row.id, nextAt: row.nextAt! })),
    leaseUntil,
    claimer,
  );
  const queue = due.filter((row) => taken.has(row.id));
  result.skipped = due.length - queue.length;
  const marker = sentMarker(db, clock);
  const deferred: string[] = [];

  const sendOne = async (row: (typeof due)[number]) => {
    try {
      // Auto-Submitted: out-of-office replies should not answer an automatic message (RFC 3834).
      await transport.sendMail({
        from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        messageId: messageIdOf(row.id, from),
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= maxAttempts;
      const message = describeError(error);
      // Still ours only while the lease holds (a later decision may have cancelled the row meanwhile).
      await db.notification.updateMany({
        where: { id: row.id, nextAt: leaseUntil },
        data: { attempts, lastError: message, nextAt: gaveUp ? null : new Date(clock().getTime() + retryDelayMs(attempts)), claimedBy: null },
      });
      result[gaveUp ? "gaveUp" : "failed"]++;
      result.errors.push({ id: row.id, attempts, gaveUp, error: message });
      return;
    }
    marker.add(row.id);
    result.sent++;
  };

  let next = 0;
  const lane = async () => {
    while (next < queue.length) {
      const row = queue[next++];
      if (clock().getTime() > startBy) deferred.push(row.id);
      else await sendOne(row);
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, lane));
  await marker.done();
  if (deferred.length > 0) {
    const { count } = await db.notification.updateMany({
      where: { id: { in: deferred }, nextAt: leaseUntil },
      data: { nextAt: clock(), claimedBy: null },
    });
    result.deferred = count;
  }
  for (const lane of lanes) if (lane.status === "rejected") throw lane.reason;
  return result;
}

function describeError(error: unknown): string {
  const { message, code, response } = (error ?? {}) as { message?: string; code?: string; response?: string };
  const text = [code, response ?? message ?? String(error)].filter(Boolean).join(": ");
  return text.slice(0, 1000);
}

export interface NotificationWorker {
  /** Stops the loop after the drain in progress, and closes the SMTP connections. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** Pause between drains; default 5 s (none after a full batch). */
  intervalMs?: number;
  /** Rows per drain; default 100. */
  batch?: number;
  /** Emails in flight; default 8. */
  concurrency?: number;
  /** Default: a nodemailer transport for the config. */
  transport?: MailSender & { close?(): void };
  log?: Pick<Console, "error">;
  /** Who claims the rows; default this process's sender id. */
  claimer?: string;
}

/**
 * Starts the process's sending loop (once per process; later calls get the same worker), first freeing
 * the rows other senders claimed and left (this process now holds the "notifications" lease: they are
 * gone or stopped). Without SMTP configured it does nothing and returns null.
 */
export function startNotificationWorker(db: Db, config: MailConfig | null, options: WorkerOptions = {}): NotificationWorker | null {
  if (!config) return null;
  const existing = existingSingleton<NotificationWorker>("notificationWorker");
  if (existing) return existing;
  const { intervalMs = 5_000, batch = 100, concurrency = 8, log = console, claimer = senderId() } = options;
  const transport = options.transport ?? createMailTransport(config);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let freed = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => (running = tick()), delay);
    timer.unref();
  };
  const tick = async () => {
    let full = false;
    try {
      if (!freed) {
        const count = await releaseOthersClaims(db, claimer);
        freed = true;
        if (count > 0) log.error(`Notification outbox: ${count} email(s) claimed by a sender that stopped are due again`);
      }
      const result = await drainOutbox(db, transport, { from: config.from, batch, concurrency, claimer });
      full = result.due === batch;
      for (const failure of result.errors) {
        const next = failure.gaveUp ? "giving up" : "will retry";
        log.error(`Notification ${failure.id}: sending failed (attempt ${failure.attempts}, ${next}): ${failure.error}`);
      }
    } catch (error) {
      log.error("Notification outbox: drain failed", error);
    }
    schedule(full ? 0 : intervalMs);
  };

  const worker: NotificationWorker = {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close?.();
      if (existingSingleton("notificationWorker") === worker) setSingleton("notificationWorker", undefined);
    },
  };
  setSingleton("notificationWorker", worker);
  schedule(0);
  return worker;
}

/** Sent (or abandoned) emails are deleted once they are this old: each holds an address and a comment's fate. */
export const NOTIFICATION_KEEP_MS = 30 * 24 * 60 * 60_000;

/**
 * Deletes notifications sent, or given up on, more than `keepMs` ago (personal data: Decree 13/2023/NĐ-CP);
 * the audit log keeps the decisions themselves. Returns how many went.
 */
export async function pruneNotifications(db: Pick<Db, "notification">, now = Date.now(), keepMs = NOTIFICATION_KEEP_MS): Promise<number> {
  const before = new Date(now - keepMs);
  const { count } = await db.notification.deleteMany({
    where: { OR: [{ sentAt: { lt: before } }, { sentAt: null, nextAt: null, createdAt: { lt: before } }] },
  });
  return count;
}

/** Queues one email that belongs to no comment (the receipts' recovery); nothing without SMTP configured. */
export async function queueEmail(
  db: Pick<Db, "notification">,
  to: string,
  email: { subject: string; text: string },
  config: QueueConfig,
  now = new Date(),
): Promise<boolean> {
  if (!config) return false;
  await db.notification.create({
    data: { id: randomUUID(), commentId: null, to, subject: email.subject, text: email.text, attempts: 0, nextAt: now, createdAt: now },
  });
  return true;
}
