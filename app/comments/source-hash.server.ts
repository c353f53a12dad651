import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting } from "~/platform/settings.server.ts";

// Keyed hashes of who sent something, so that bursts, repeats and "one support per source" can be
// told apart without keeping an address or a contact: an HMAC with a secret kept in the Setting table
// (made once), which nobody outside the database can recompute from a guessed address.

async function keyedHash(db: Db, value: string) {
  const secret = await getOrCreateSetting(db, "source.secret", () => randomBytes(32).toString("base64url"));
  return createHmac("sha256", secret).update(value).digest("base64url").slice(0, 22);
}

/** The keyed hash of a client address (Comment.sourceHash, Support.sourceHash). */
export function sourceHash(db: Db, address: string): Promise<string> {
  return keyedHash(db, address);
}

/** The keyed hash of a contact in its normalized form (contact.ts): an email or a national phone number (Support.contactHash). */
export function contactHash(db: Db, contact: string): Promise<string> {
  return keyedHash(db, `contact:${contact}`);
}
