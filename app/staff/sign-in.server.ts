import { recordAudit } from "~/audit/audit.server.ts";
import { RateLimiter, sharedOrLocal, type Limit, type Limiter } from "~/comments/rate-limit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { StaffRole } from "./permissions.ts";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server.ts";
import { createSession, deleteSession, deleteUserSessions } from "./sessions.server.ts";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/** One message for an unknown email, a wrong password, a deactivated account or one without a password. */
export const SIGN_IN_FAILED = "Thư điện tử hoặc mật khẩu không đúng.";

export function lockedMessage(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Tài khoản tạm thời bị khóa do đăng nhập sai ${MAX_FAILED_SIGN_INS} lần liên tiếp. Vui lòng thử lại sau ${minutes} phút.`;
}

export type SignInResult =
  | { ok: true; userId: string; role: StaffRole; token: string; sessionId: string }
  | { ok: false; message: string; retryAfterSeconds?: number };

/** Emails are compared in one form: NFC, trimmed, lower case. */
export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

// Lock-out protects one account; this protects all of them from one address trying many
// (credential stuffing). Only failures count, so colleagues behind one office NAT are not blocked.
const addressLimit: Limit = { max: Number(process.env.SIGN_IN_FAILURES_PER_ADDRESS) || 30, windowMs: 10 * 60 * 1000 };
const globalForLimiter = globalThis as unknown as { __signInLimiter?: Limiter };
const limiter = () => (globalForLimiter.__signInLimiter ??= sharedOrLocal(new RateLimiter(50_000)));

type SignInInput = { email: string; password: string };
type SignInOptions = { userAgent?: string | null; clientAddress?: string | null; now?: Date };

/**
 * Checks email and password; on success starts a session. Every outcome is in the audit log.
 * Failures take about as long as a real check whatever the reason (a dummy hash is verified).
 */
export async function signIn(db: Db, input: SignInInput, { userAgent = null, clientAddress = null, now = new Date() }: SignInOptions = {}): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const addressKey = clientAddress ? `sign-in:${clientAddress}` : null;
  const wait = addressKey ? await limiter().check(addressKey, addressLimit, now.getTime()) : 0;
  if (wait > 0) {
    await recordAudit(db, { action: "sign-in-failed", actorId: null, note: `Quá nhiều lần đăng nhập sai từ một địa chỉ; thư điện tử: ${email.slice(0, 254)}` });
    return { ok: false, message: `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`, retryAfterSeconds: wait };
  }
  const fail = async (note: string, userId: string | null, message = SIGN_IN_FAILED): Promise<SignInResult> => {
    if (addressKey) await limiter().hit(addressKey, addressLimit, now.getTime());
    await recordAudit(db, { action: "sign-in-failed", actorId: null, subject: userId ? `user:${userId}` : null, note });
    return { ok: false, message };
  };

  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    await verifyAgainstDummy(input.password);
    return fail(`Không có tài khoản với thư điện tử: ${email.slice(0, 254)}`, null);
  }
  if (!user.active || !user.passwordHash) {
    await verifyAgainstDummy(input.password);
    return fail(user.active ? "Tài khoản chưa đặt mật khẩu" : "Tài khoản đã bị vô hiệu hóa", user.id);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    // No real check while locked: guessing goes on costing time without telling anything.
    await verifyAgainstDummy(input.password);
    return fail("Tài khoản đang tạm khóa", user.id, lockedMessage(user.lockedUntil, now));
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const { failedSignIns } = await db.user.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } }, select: { failedSignIns: true } });
    if (failedSignIns >= MAX_FAILED_SIGN_INS) {
      const lockedUntil = new Date(now.getTime() + LOCK_MS);
      // The count starts again after the lock: the next five failures lock it again.
      await db.user.update({ where: { id: user.id }, data: { lockedUntil, failedSignIns: 0 } });
      return fail(`Sai mật khẩu lần ${failedSignIns}; khóa tài khoản đến ${lockedUntil.toISOString()}`, user.id, lockedMessage(lockedUntil, now));
    }
    return fail(`Sai mật khẩu lần ${failedSignIns}`, user.id);
  }

  if (user.failedSignIns !== 0 || user.lockedUntil) {
    await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  }
  const { token, session } = await createSession(db, user.id, { userAgent, now });
  await recordAudit(db, { action: "sign-in", actorId: user.id, subject: `user:${user.id}` });
  return { ok: true, userId: user.id, role: user.role, token, sessionId: session.id };
}

/** Ends this session, or with `everywhere` every session of the user (all devices). */
export async function signOut(db: Db, user: { id: string; sessionId: string }, { everywhere = false } = {}) {
  if (everywhere) {
    const count = await deleteUserSessions(db, user.id);
    await recordAudit(db, { action: "sign-out-everywhere", actorId: user.id, subject: `user:${user.id}`, note: `Đã kết thúc ${count} phiên` });
  } else {
    await deleteSession(db, user.sessionId);
    await recordAudit(db, { action: "sign-out", actorId: user.id, subject: `user:${user.id}` });
  }
}
