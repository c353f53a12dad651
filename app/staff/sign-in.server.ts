import { appendAudit } from "~/audit/audit.server.ts";
import { RateLimiter, sharedOrLocal, type Limiter } from "~/platform/rate-limit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { StaffRole } from "./permissions.ts";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server.ts";
import { createSession, deleteSession, deleteUserSessions } from "./sessions.server.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { config } from "~/platform/config.server.ts";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * One message for every refusal: an unknown email, a wrong password, a locked, deactivated or
 * password-less account. A distinct lock-out message would tell anyone who typed five guesses that the
 * address has an account (ADR 026), so this one says what to do in either case.
 */
export const SIGN_IN_FAILED =
  `Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa vì đăng nhập sai ${MAX_FAILED_SIGN_INS} lần liên tiếp. ` +
  `Vui lòng kiểm tra và thử lại; nếu đã nhập sai nhiều lần, hãy đợi ${LOCK_MS / 60_000} phút hoặc nhờ quản trị viên đặt lại mật khẩu.`;

export type SignInResult =
  { ok: true; userId: string; role: StaffRole; token: string; sessionId: string } | { ok: false; message: string; retryAfterSeconds?: number };

/** Emails are compared in one form: NFC, trimmed, lower case. */
export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

// Lock-out protects one account; this protects all of them from one address trying many
// (credential stuffing). Only failures count, so colleagues behind one office NAT are not blocked.
const limiter = () => singleton<Limiter>("signInLimiter", () => sharedOrLocal(new RateLimiter(50_000)));

type SignInInput = { email: string; password: string };
type SignInOptions = { userAgent?: string | null; clientAddress?: string | null; now?: Date };

/**
 * Checks email and password; on success starts a session. Every outcome is in the audit log.
 * Failures take about as long as a real check whatever the reason (a dummy hash is verified).
 */
export async function signIn(
  db: Db,
  input: SignInInput,
  { userAgent = null, clientAddress = null, now = new Date() }: SignInOptions = {},
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const addressKey = clientAddress ? `sign-in:${clientAddress}` : null;
  const wait = addressKey ? await limiter().check(addressKey, config().limits.signInFailuresPerAddress, now.getTime()) : 0;
  if (wait > 0) {
    await appendAudit(db, { action: "sign-in-failed", actorId: null, note: `Quá nhiều lần đăng nhập sai từ một địa chỉ; thư điện tử: ${email.slice(0, 254)}` });
    return { ok: false, message: `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`, retryAfterSeconds: wait };
  }
  const fail = async (note: string, userId: string | null): Promise<SignInResult> => {
    if (addressKey) await limiter().hit(addressKey, config().limits.signInFailuresPerAddress, now.getTime());
    await appendAudit(db, { action: "sign-in-failed", actorId: null, subject: userId ? `user:${userId}` : null, note });
    return { ok: false, message: SIGN_IN_FAILED };
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
  if (!(await reserveAttempt(db, user.id, now))) {
    // No real check while locked: guessing goes on costing time without telling anything.
    await verifyAgainstDummy(input.password);
    return fail("Tài khoản đang tạm khóa", user.id);
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    // The attempt was counted before the check; only the audit note is left to write.
    const after = await db.user.findUnique({ where: { id: user.id }, select: { failedSignIns: true, lockedUntil: true } });
    const lock = after?.lockedUntil && after.lockedUntil > now ? `; khóa tài khoản đến ${after.lockedUntil.toISOString()}` : "";
    return fail(`Sai mật khẩu lần ${after?.failedSignIns ?? "?"}${lock}`, user.id);
  }

  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  const { token, session } = await createSession(db, user.id, { userAgent, now });
  await appendAudit(db, { action: "sign-in", actorId: user.id, subject: `user:${user.id}` });
  return { ok: true, userId: user.id, role: user.role, token, sessionId: session.id };
}

/**
 * Counts an attempt before its password is checked, so parallel guesses cannot all be checked
 * against the same count: true when the attempt may go on to the check. Each step is one conditional
 * UPDATE (atomic on SQLite and PostgreSQL); at most MAX_FAILED_SIGN_INS attempts are taken between
 * a success and the end of a lock. The attempt that takes the last one locks the account at once; a
 * right password in it still signs in and lifts the lock.
 */
async function reserveAttempt(db: Db, userId: string, now: Date): Promise<boolean> {
  // A lock that has run out is lifted, and the count starts again.
  await db.user.updateMany({ where: { id: userId, lockedUntil: { lte: now } }, data: { failedSignIns: 0, lockedUntil: null } });
  const { count } = await db.user.updateMany({
    where: { id: userId, lockedUntil: null, failedSignIns: { lt: MAX_FAILED_SIGN_INS } },
    data: { failedSignIns: { increment: 1 } },
  });
  // Whoever finds every attempt taken sets the lock (also heals a count left full by a crash).
  await db.user.updateMany({
    where: { id: userId, lockedUntil: null, failedSignIns: { gte: MAX_FAILED_SIGN_INS } },
    data: { lockedUntil: new Date(now.getTime() + LOCK_MS) },
  });
  return count === 1;
}

/** Ends this session, or with `everywhere` every session of the user (all devices). */
export async function signOut(db: Db, user: { id: string; sessionId: string }, { everywhere = false } = {}) {
  if (everywhere) {
    const count = await deleteUserSessions(db, user.id);
    await appendAudit(db, { action: "sign-out-everywhere", actorId: user.id, subject: `user:${user.id}`, note: `Đã kết thúc ${count} phiên` });
  } else {
    await deleteSession(db, user.sessionId);
    await appendAudit(db, { action: "sign-out", actorId: user.id, subject: `user:${user.id}` });
  }
}
