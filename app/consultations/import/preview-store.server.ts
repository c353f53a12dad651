import { randomBytes } from "node:crypto";
import { lstatSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeOwnerOnlyDir, OWNER_ONLY_FILE } from "~/platform/private-files.ts";
import type { ImportedDraft } from "./import.server.ts";

// Between the preview and "Lưu làm bản làm việc" the parsed draft waits on the server (ADR 035): the
// person does not send a large file twice, and what is saved is what the server read, never a
// document the browser sends back. One owner-only file per import (0600 in a 0700 folder), named by
// a random token; it is read back only by the same person for the same consultation, within an hour,
// and deleted when saved. Older files are swept at each new import.

export const PREVIEW_TTL_MS = 60 * 60 * 1000;
const TOKEN = /^[0-9a-f]{48}$/;

export interface StoredImport {
  token: string;
  userId: string;
  consultationId: string;
  createdAt: string;
  draft: ImportedDraft;
}

export interface PreviewStore {
  save(input: { userId: string; consultationId: string; draft: ImportedDraft }): Promise<string>;
  /** Null when the token is unknown, expired, or another person's or consultation's. */
  load(token: string, owner: { userId: string; consultationId: string }): Promise<StoredImport | null>;
  remove(token: string): Promise<void>;
}

export const defaultPreviewDir = () => path.join(tmpdir(), `gopy-nhap-du-thao-${process.getuid?.() ?? "u"}`);

export function previewStore(dir: string = defaultPreviewDir(), clock: () => number = Date.now): PreviewStore {
  let ready = false;
  const prepare = () => {
    if (ready) return;
    makeOwnerOnlyDir(dir);
    // In a shared temporary folder, someone else could have made it first, or a link in its place.
    const info = lstatSync(dir);
    if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) throw new Error(`Thư mục tạm ${dir} không thuộc tiến trình này.`);
    ready = true;
  };
  const fileOf = (token: string) => path.join(dir, `${token}.json`);

  async function sweep() {
    const now = clock();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith(".json")) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > PREVIEW_TTL_MS) await rm(file, { force: true });
    }
  }

  return {
    async save({ userId, consultationId, draft }) {
      prepare();
      await sweep();
      const token = randomBytes(24).toString("hex");
      const stored: StoredImport = { token, userId, consultationId, createdAt: new Date(clock()).toISOString(), draft };
      await writeFile(fileOf(token), JSON.stringify(stored), { mode: OWNER_ONLY_FILE, flag: "wx" });
      return token;
    },
    async load(token, owner) {
      if (!TOKEN.test(token)) return null;
      prepare();
      let stored: StoredImport;
      try {
        stored = JSON.parse(await readFile(fileOf(token), "utf8")) as StoredImport;
      } catch {
        return null;
      }
      if (stored.userId !== owner.userId || stored.consultationId !== owner.consultationId) return null;
      if (clock() - Date.parse(stored.createdAt) > PREVIEW_TTL_MS) {
        await rm(fileOf(token), { force: true });
        return null;
      }
      return stored;
    },
    async remove(token) {
      if (TOKEN.test(token)) await rm(fileOf(token), { force: true });
    },
  };
}
