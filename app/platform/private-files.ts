import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";

// Files that hold personal data (the SQLite database and its -wal/-shm, exports, backups) are
// readable by their owner only, whatever the umask of whoever started the process (ADR 026).

export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** From here on, everything this process (and its children) creates is the owner's only. */
export function ownerOnlyFromNowOn() {
  process.umask(0o077);
}

/** Makes a folder and its missing parents, each entered by its owner only; an existing folder is left alone. */
export function makeOwnerOnlyDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
}

/** Restricts an existing file to its owner; a missing file, or one another user owns, is left alone. */
export function restrictToOwner(file: string) {
  try {
    chmodSync(file, OWNER_ONLY_FILE);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ENOENT" && code !== "EPERM") throw error;
  }
}

/** Creates the file empty and owner-only before anything is written to it (an existing one is restricted). */
export function ownerOnlyFile(file: string) {
  closeSync(openSync(file, "a", OWNER_ONLY_FILE));
  restrictToOwner(file);
}
