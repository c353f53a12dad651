import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** The repository's root folder. */
export const ROOT = join(import.meta.dirname, "../..");

/** The source files under a folder of the repository (relative paths), without Prisma's generated clients. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith(join("app", "generated")));
}
