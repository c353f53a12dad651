import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting } from "~/platform/settings.server.ts";
import { sessionCookieOf, unsignValue } from "./cookie.server.ts";
import { config } from "~/platform/config.server.ts";

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reading pages does not mean a write per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** HMAC key of the session cookie: SESSION_SECRET, or a random secret kept in the Setting table. */
export function sessionSecret(db: Db): Promise<string> {
  return Promise.resolve(config().secrets.session || getOrCreateSetting(db, "session.secret", () => randomBytes(32).toString("base64url")));
}

/** Starts a session; the token goes in the cookie, only its hash is stored. */
export async function createSession(db: Db, userId: string, { userAgent = null, now = new Date() }: { userAgent?: string | null; now?: Date } = {}) {
  const token = randomBytes(32).toString("base64url");
  const session = await db.session.create({
    data: {
      id: sessionIdOf(token),
      userId,
      csrfSecret: randomBytes(32).toString("base64url"),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  // Housekeeping: this user's expired sessions go when they sign in again.
  await db.session.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  return { token, session };
}

/** The live session of a token with its user, or null (unknown, expired or idle too long: deleted). */
export async function findSession(db: Db, token: string, now = new Date()) {
  const session = await db.session.findUnique({
    where: { id: sessionIdOf(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true, organizationId: true, active: true } } },
  });
  if (!session) return null;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // deleteMany/updateMany: a concurrent sign-out may have removed the row; that is not an error.
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session;
}

/**
 * Whether a Cookie header carries a live staff session, read only (no touch, no clean-up): for the
 * server to refuse a large upload body before reading it (server/limit-body.js). A cookie whose
 * signature does not match costs no database lookup beyond the cached secret.
 */
export async function hasLiveSession(db: Db, cookieHeader: string | null | undefined, now = new Date()): Promise<boolean> {
  const signed = sessionCookieOf(cookieHeader);
  if (!signed) return false;
  const token = unsignValue(signed, await sessionSecret(db));
  if (!token) return false;
  const session = await db.session.findUnique({
    where: { id: sessionIdOf(token) },
    select: { expiresAt: true, lastSeenAt: true, user: { select: { active: true } } },
  });
  return !!session && session.user.active && session.expiresAt > now && now.getTime() - session.lastSeenAt.getTime() <= SESSION_IDLE_MS;
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}
