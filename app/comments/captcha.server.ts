import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createChallenge } from "altcha-lib/v1";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting, getSetting, setSetting } from "~/platform/settings.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { config } from "~/platform/config.server.ts";

// A self-hosted proof-of-work captcha (the ALTCHA scheme, altcha-lib's v1 API): the browser finds a
// number whose SHA-256 with the salt matches the challenge; the server checks it with one hash and an
// HMAC. No third-party service is called. Each solution is accepted once (CaptchaUse). Challenges
// come from altcha-lib; the check is the same computation with node:crypto, synchronous, because
// altcha-lib's WebCrypto version cost a fifth of a millisecond per submission (a unit test checks
// both agree).

export const DEFAULT_DIFFICULTY = 50_000;
const MAX_DIFFICULTY = 5_000_000;
const VALID_FOR_MS = 20 * 60_000;

const DIFFICULTY_KEY = "captcha.maxNumber";
const SECRET_KEY = "captcha.secret";

async function hmacKey(db: Db) {
  return config().secrets.captcha || getOrCreateSetting(db, SECRET_KEY, () => randomBytes(32).toString("base64url"));
}

export async function getDifficulty(db: Db): Promise<number> {
  const value = Number(await getSetting(db, DIFFICULTY_KEY));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_DIFFICULTY;
}

/** For an administrator during a flood: a higher number makes each submission cost more work. */
export async function setDifficulty(db: Db, maxNumber: number) {
  if (!Number.isInteger(maxNumber) || maxNumber < 1_000 || maxNumber > MAX_DIFFICULTY) {
    throw new Error(`Độ khó phải là số nguyên từ 1.000 đến ${MAX_DIFFICULTY.toLocaleString("vi-VN")}.`);
  }
  await setSetting(db, DIFFICULTY_KEY, String(maxNumber));
}

/** The salt's parameter naming the draft (its slug) a challenge was issued for. */
export const DRAFT_PARAM = "du-thao";

/**
 * A challenge for the comment form of one draft (`slug`): the slug rides in the signed salt, so a
 * solution found for draft A is refused on draft B (work cannot be done once and spent anywhere).
 */
export async function issueChallenge(db: Db, slug: string, now = new Date()) {
  return createChallenge({
    hmacKey: await hmacKey(db),
    maxNumber: await getDifficulty(db),
    expires: new Date(now.getTime() + VALID_FOR_MS),
    params: { [DRAFT_PARAM]: slug },
  });
}

/** When set to "1" by an administrator (a flood), forms without a captcha solution are refused. */
export const REQUIRE_SCRIPT_KEY = "captcha.requireScript";

export type CaptchaCheck = { status: "ok"; signature: string; expiresAt: Date } | { status: "missing" | "invalid" };

/**
 * The captcha gate every anonymous form shares (comments, supports, receipt recovery): the check, and the
 * refusal it means — "captcha" for a solution that is not valid, "script" for none while an administrator
 * requires scripts (REQUIRE_SCRIPT_KEY). A missing solution is otherwise let through to the stricter
 * no-script limits.
 */
export async function gateCaptcha(
  db: Db,
  sql: SqlDriver,
  payload: string | null | undefined,
  scope: string,
  now = new Date(),
): Promise<{ captcha: CaptchaCheck; refusal: "script" | "captcha" | null }> {
  const captcha = await checkCaptcha(db, sql, payload, scope, now);
  if (captcha.status === "invalid") return { captcha, refusal: "captcha" };
  if (captcha.status === "missing" && (await getSetting(db, REQUIRE_SCRIPT_KEY)) === "1") return { captcha, refusal: "script" };
  return { captcha, refusal: null };
}

/**
 * Checks a solution (the base64 JSON payload the form sends) for the draft `slug` without using it up:
 * expired, forged, malformed payloads and those issued for another draft are "invalid". The comment's
 * insert uses it up (comment-store.server.ts).
 */
export async function checkCaptcha(db: Db, sql: SqlDriver, payload: string | null | undefined, slug: string, now = new Date()): Promise<CaptchaCheck> {
  if (!payload) return { status: "missing" };
  if (payload.length > 2_000) return { status: "invalid" };
  let parsed: { algorithm?: unknown; challenge?: unknown; number?: unknown; signature?: unknown; salt?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return { status: "invalid" };
  }
  const { algorithm, challenge, number, signature, salt } = parsed;
  if (algorithm !== "SHA-256" || typeof challenge !== "string" || typeof signature !== "string" || typeof salt !== "string") return { status: "invalid" };
  if (!Number.isInteger(number) || (number as number) < 0) return { status: "invalid" };
  // The salt carries the expiry (`?expires=<seconds>`) and the draft, covered by the signature through the challenge.
  const params = new URLSearchParams(salt.split("?")[1] ?? "");
  const expires = Number(params.get("expires")) * 1000;
  if (!Number.isFinite(expires) || expires <= now.getTime()) return { status: "invalid" };
  if (params.get(DRAFT_PARAM) !== slug) return { status: "invalid" };
  const expected = createHash("sha256")
    .update(salt + String(number))
    .digest("hex");
  const expectedSignature = createHmac("sha256", await hmacKey(db))
    .update(expected)
    .digest("hex");
  if (!sameText(expected, challenge) || !sameText(expectedSignature, signature)) return { status: "invalid" };
  maybeSweep(sql, now);
  return { status: "ok", signature, expiresAt: new Date(expires) };
}

/** Uses up a captcha solution (its signature, then its expiry); changes no row when it was used before (ON CONFLICT works on both databases). */
export const USE_CAPTCHA = `INSERT INTO "CaptchaUse" ("signature", "expiresAt") VALUES (?, ?) ON CONFLICT ("signature") DO NOTHING`;

let lastSweep = 0;
/** Forgets used solutions whose challenge has expired, at most once a minute. */
function maybeSweep(sql: SqlDriver, now: Date) {
  if (now.getTime() - lastSweep < 60_000) return;
  lastSweep = now.getTime();
  void sql.run(`DELETE FROM "CaptchaUse" WHERE "expiresAt" < ?`, [now]).catch((error) => console.error("Captcha sweep failed", error));
}

function sameText(a: string, b: string) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Uses up a checked solution outside a comment's insert (the receipts' recovery form): true when this
 * call used it, false when it was used before. A comment's insert does the same in its own transaction.
 */
export async function spendCaptcha(sql: SqlDriver, check: { signature: string; expiresAt: Date }): Promise<boolean> {
  return (
    (await sql.run(`INSERT INTO "CaptchaUse" ("signature", "expiresAt") VALUES (?, ?) ON CONFLICT ("signature") DO NOTHING`, [
      check.signature,
      check.expiresAt,
    ])) === 1
  );
}
