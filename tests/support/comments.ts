import { randomBytes, randomUUID } from "node:crypto";
import { solveChallenge } from "altcha-lib/v1";
import { issueChallenge } from "~/comments/captcha.server.ts";

import type { NewComment } from "~/comments/comment-store.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { contentHash } from "~/text/fold.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

/** Solves a real challenge from the server for the draft `slug`, as the browser does, and returns the form's payload. */
export async function solvedCaptcha(db: Db, slug: string): Promise<string> {
  const challenge = await issueChallenge(db, slug);
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error("captcha not solved");
  return Buffer.from(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  ).toString("base64");
}

export const VALID_FIELDS = {
  stance: "AGREE",
  text: "Tôi tán thành nội dung này và đề nghị bổ sung chỉ tiêu về môi trường.",
  name: "Nguyễn Văn An",
  email: "an.nguyen@example.vn",
  provinceCode: "01",
  communeCode: "00004",
  consent: "on",
};

export function commentForm(fields: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form;
}

/** A comment on a block put straight into the database (as if submitted and, if so, moderated). */
export async function addBlockComment(
  db: Db,
  fields: { consultationId: string; versionId: string; blockKey: string | null; status?: "PENDING" | "APPROVED" | "REJECTED" | "DELETED"; now?: Date },
) {
  const text = `Ý kiến về đoạn ${randomBytes(4).toString("hex")}`;
  await db.comment.create({
    data: {
      consultationId: fields.consultationId,
      versionId: fields.versionId,
      blockKey: fields.blockKey,
      stance: "AGREE",
      originalText: text,
      status: fields.status ?? "APPROVED",
      authorName: "Nguyễn Văn A",
      consentAt: fields.now ?? new Date(),
      contentHash: contentHash(text),
      receiptToken: randomBytes(24).toString("base64url"),
    },
  });
}

/** A row for insertComment with no screening (no flags, no group, no contact): `fields` say what matters to the test. */
export function plainComment(
  fields: Pick<NewComment, "consultationId" | "versionId" | "blockKey" | "originalText" | "authorName"> & Partial<NewComment>,
): NewComment {
  return {
    quote: null,
    quoteStart: null,
    quoteEnd: null,
    stance: "AGREE",
    authorEmail: null,
    authorPhone: null,
    provinceCode: "01",
    communeCode: null,
    occupation: null,
    ageGroup: null,
    onBehalfOf: null,
    contentHash: randomUUID(),
    diacriticsConfirmed: false,
    sourceHash: null,
    receiptToken: randomUUID(),
    createdAt: new Date(),
    sectionKey: null,
    flags: 0,
    bands: [0, 0, 0, 0],
    groupId: null,
    ...fields,
  };
}

/**
 * Submits the form `fields` (over VALID_FIELDS) through the real intake without a captcha, as sender
 * number `n` (its own email and address), and returns the stored row; throws unless accepted.
 */
export async function submitAccepted(ctx: { db: Db; sql: SqlDriver }, slug: string, fields: Record<string, string>, n: number, now: Date, prefix = "nguoi") {
  const result = await submitComment(ctx.db, slug, commentForm({ ...VALID_FIELDS, email: `${prefix}${n}@example.vn`, ...fields }), {
    clientAddress: `198.51.100.${n}`,
    sql: ctx.sql,
    now,
    limiter: new RateLimiter(),
    limits: readLimits({}),
  });
  if (result.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
  return ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
}
