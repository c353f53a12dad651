import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting } from "~/platform/settings.server.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";

// Keyed hashes of who sent something, so that bursts, repeats and "one support per source" can be
// told apart without keeping an address or a contact: an HMAC with a secret kept in the Setting table
// (made once), which nobody outside the database can recompute from a guessed address.

const SECRET_KEY = "source.secret";

const hmac = (secret: string, value: string) => createHmac("sha256", secret).update(value).digest("base64url").slice(0, 22);

async function keyedHash(db: Db, value: string) {
  return hmac(await getOrCreateSetting(db, SECRET_KEY, () => randomBytes(32).toString("base64url")), value);
}

/** The keyed hash of a client address (Comment.sourceHash, Support.sourceHash). */
export function sourceHash(db: Db, address: string): Promise<string> {
  return keyedHash(db, address);
}

/** The keyed hash of a contact in its normalized form (contact.ts): an email or a national phone number (Support.contactHash). */
export function contactHash(db: Db, contact: string): Promise<string> {
  return keyedHash(db, `contact:${contact}`);
}

/**
 * The keyed hash a contact's rows carry, read through driver SQL (inside a personal-data request's
 * transaction), or null when no hash was ever made: without the secret, no row carries one.
 */
export async function storedContactHash(sql: SqlDriver | SqlTx, contact: string): Promise<string | null> {
  const [row] = await sql.all<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [SECRET_KEY]);
  return row ? hmac(row.value, `contact:${contact}`) : null;
}
