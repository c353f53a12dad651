import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { ImportedDraft } from "~/consultations/import/import.server.ts";
import { PREVIEW_TTL_MS, previewStore } from "~/consultations/import/preview-store.server.ts";

// The parsed draft kept between the preview and the save: owner-only, for its owner and consultation
// only, for an hour.

const root = mkdtempSync(path.join(tmpdir(), "gopy-preview-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const draft = {
  format: "docx",
  fileName: "du-thao.docx",
  doc: { type: "doc", content: [] },
  preview: { title: null, counts: {}, outline: [], warnings: [], blocks: 0 },
} as unknown as ImportedDraft;
const owner = { userId: "u1", consultationId: "c1" };

it("keeps the draft in an owner-only file that only its owner reads back for that consultation", async () => {
  const dir = path.join(root, "a");
  const store = previewStore(dir);
  const token = await store.save({ ...owner, draft });
  expect(token).toMatch(/^[0-9a-f]{48}$/);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(dir, `${token}.json`)).mode & 0o777).toBe(0o600);
  expect((await store.load(token, owner))?.draft).toEqual(draft);
  expect(await store.load(token, { userId: "u2", consultationId: "c1" })).toBeNull();
  expect(await store.load(token, { userId: "u1", consultationId: "c2" })).toBeNull();
  expect(await store.load("../../etc/passwd", owner)).toBeNull();
  await store.remove(token);
  expect(await store.load(token, owner)).toBeNull();
});

it("forgets a preview after an hour, and sweeps old files at the next import", async () => {
  const dir = path.join(root, "b");
  let now = Date.now();
  const store = previewStore(dir, () => now);
  const token = await store.save({ ...owner, draft });
  now += PREVIEW_TTL_MS + 1000;
  expect(await store.load(token, owner)).toBeNull();
  const kept = await store.save({ ...owner, draft });
  const other = await store.save({ ...owner, draft });
  now += PREVIEW_TTL_MS + 1000;
  await store.save({ ...owner, draft });
  expect(readdirSync(dir).some((name) => name.startsWith(kept) || name.startsWith(other))).toBe(false);
});
