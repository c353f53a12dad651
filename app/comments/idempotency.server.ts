import { createHash, randomBytes } from "node:crypto";

// The comment form's idempotency key: a random value put in a hidden field when the server renders
// the form (so also without JavaScript), sent with every attempt of that form. A retry after a lost
// answer (a dropped connection, a 503 while the database was away) carries the same key and gets the
// same receipt instead of a second comment (ADR 025).

/** A fresh key for a newly rendered form: 128 random bits, base64url (comment-form.ts checks the shape). */
export function newIdempotencyKey(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * What is stored for a form's key (Comment.idempotencyKey): its hash with the consultation, the block
 * and the folded text. Only the same form sending the same opinion again matches; the same key with
 * another text (the form reused after going back) is a new opinion, and the key itself is not kept.
 */
export function idempotencyHash(key: string, target: { consultationId: string; blockKey: string | null; contentHash: string }): string {
  return createHash("sha256")
    .update([key, target.consultationId, target.blockKey ?? "", target.contentHash].join("\n"))
    .digest("base64url");
}
