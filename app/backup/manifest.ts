import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { z } from "zod";

// manifest.json, written last into a backup folder: a folder without a valid one is not a backup.

export const MANIFEST_FILE = "manifest.json";
export const EXPORTS_FOLDER = "exports";
export const DATABASE_FILE = { sqlite: "database.sqlite", postgresql: "database.dump" } as const;

/** Names of export files worth keeping (`<job id>.<ext>`): nothing hidden, no path, no unfinished `.part`. */
export const isExportFileName = (name: string) => /^[A-Za-z0-9][A-Za-z0-9_-]*\.[A-Za-z0-9]+$/.test(name) && !name.endsWith(".part");

const filePath = z
  .string()
  .refine(
    (p) =>
      p === DATABASE_FILE.sqlite ||
      p === DATABASE_FILE.postgresql ||
      (p.startsWith(`${EXPORTS_FOLDER}/`) && isExportFileName(p.slice(EXPORTS_FOLDER.length + 1))),
  );

export const manifestSchema = z.object({
  format: z.literal("gop-y-du-thao/sao-luu"),
  formatVersion: z.literal(1),
  createdAt: z.string().datetime(),
  provider: z.enum(["sqlite", "postgresql"]),
  appVersion: z.string(),
  counts: z.object({ comments: z.number().int().nonnegative() }),
  files: z.array(z.object({ path: filePath, bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
});
export type Manifest = z.infer<typeof manifestSchema>;

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}
