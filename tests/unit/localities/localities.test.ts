import { describe, expect, it } from "vitest";
import {
  COMMUNE_OTHER_PROVINCE_MESSAGE,
  COMMUNE_UNKNOWN_MESSAGE,
  PROVINCE_MESSAGE,
  describeLocality,
  findCommune,
  findProvince,
  listCommunes,
  listProvinces,
  localityFieldsSchema,
} from "~/localities/localities.server.ts";

const vi = new Intl.Collator("vi", { numeric: true });
const allCommunes = () => listProvinces().flatMap((p) => listCommunes(p.code));

describe("the data (Resolution 202/2025/QH15)", () => {
  it("has 34 provinces with distinct codes", () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
  });

  it("has 3,321 communes, wards and special zones across all provinces, each code once", () => {
    const communes = allCommunes();
    expect(communes).toHaveLength(3321);
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    for (const p of listProvinces()) expect(listCommunes(p.code).length).toBeGreaterThan(0);
  });

  it("has Hà Nội and Thành phố Hồ Chí Minh", () => {
    expect(findProvince("01")).toEqual({ code: "01", name: "Thành phố Hà Nội", kind: "Thành phố Trung Ương" });
    expect(findProvince("79")).toMatchObject({ code: "79", name: "Thành phố Hồ Chí Minh" });
    expect(findProvince("04")).toEqual({ code: "04", name: "Cao Bằng", kind: "Tỉnh" });
  });

  it("knows Phường Ba Đình (00004) belongs to Hà Nội", () => {
    expect(findCommune("00004")).toEqual({ code: "00004", name: "Phường Ba Đình", provinceCode: "01" });
    expect(listCommunes("01").map((c) => c.code)).toContain("00004");
    expect(listCommunes("79").map((c) => c.code)).not.toContain("00004");
  });

  it("has only NFC names (the source has some decomposed ones)", () => {
    for (const p of listProvinces()) expect(p.name.normalize("NFC")).toBe(p.name);
    for (const c of allCommunes()) expect(c.name.normalize("NFC")).toBe(c.name);
    // 04345 is "Xã Mường Lai" with a combining grave accent in the source.
    expect(findCommune("04345")?.name).toBe("Xã Mường Lai".normalize("NFC"));
    expect(listCommunes("15").map((c) => c.name)).toContain("Xã Mường Lai".normalize("NFC"));
  });

  it("returns undefined or [] for unknown codes", () => {
    expect(findProvince("00")).toBeUndefined();
    expect(findProvince("")).toBeUndefined();
    expect(findCommune("99999")).toBeUndefined();
    expect(findCommune("")).toBeUndefined();
    expect(listCommunes("00")).toEqual([]);
    expect(listCommunes("")).toEqual([]);
  });

  it("hands out copies: sorting a returned list does not change the index", () => {
    const first = listProvinces()[0];
    listProvinces().reverse();
    listCommunes("01").length = 0;
    expect(listProvinces()[0]).toBe(first);
    expect(listCommunes("01")).toHaveLength(126);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe("order", () => {
  it("lists provinces alphabetically the Vietnamese way, ignoring the Thành phố prefix", () => {
    const names = listProvinces().map((p) => p.name);
    const at = (name: string) => {
      const i = names.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(names[0]).toBe("An Giang");
    expect(at("An Giang")).toBeLessThan(at("Bắc Ninh"));
    expect(at("Bắc Ninh")).toBeLessThan(at("Cà Mau"));
    expect(at("Cà Mau")).toBeLessThan(at("Cao Bằng"));
    expect(at("Cao Bằng")).toBeLessThan(at("Thành phố Cần Thơ")); // a < â; prefix ignored
    expect(at("Thành phố Cần Thơ")).toBeLessThan(at("Thành phố Đà Nẵng")); // đ after c …
    expect(at("Đồng Tháp")).toBeLessThan(at("Gia Lai")); // … and before g
    expect(at("Hà Tĩnh")).toBeLessThan(at("Thành phố Hồ Chí Minh"));
    expect(at("Thành phố Hồ Chí Minh")).toBeLessThan(at("Thành phố Huế")); // ô < u
    expect(at("Thành phố Huế")).toBeLessThan(at("Hưng Yên")); // u < ư
    expect(at("Lào Cai")).toBeLessThan(at("Lâm Đồng")); // a < â
    expect(names.at(-1)).toBe("Vĩnh Long");
  });

  it("lists each province's communes by name in Vietnamese order", () => {
    for (const p of listProvinces()) {
      const names = listCommunes(p.code).map((c) => c.name);
      for (let i = 1; i < names.length; i++) expect(vi.compare(names[i - 1], names[i]), names[i]).toBeLessThanOrEqual(0);
    }
    const hanoi = listCommunes("01").map((c) => c.name);
    expect(hanoi[0]).toBe("Phường Ba Đình");
    expect(hanoi.indexOf("Phường Dương Nội")).toBeLessThan(hanoi.indexOf("Phường Đại Mỗ")); // d < đ
    expect(hanoi.indexOf("Phường Đống Đa")).toBeLessThan(hanoi.indexOf("Phường Đông Ngạc")); // tones are accents
  });
});

describe("describeLocality", () => {
  it("names the commune first, then the province", () => {
    expect(describeLocality("01", "00004")).toEqual(["Phường Ba Đình", "Thành phố Hà Nội"]);
  });

  it("skips what is missing or unknown", () => {
    expect(describeLocality("01")).toEqual(["Thành phố Hà Nội"]);
    expect(describeLocality("01", null)).toEqual(["Thành phố Hà Nội"]);
    expect(describeLocality("01", "")).toEqual(["Thành phố Hà Nội"]);
    expect(describeLocality("01", "99999")).toEqual(["Thành phố Hà Nội"]);
    expect(describeLocality("00", "99999")).toEqual([]);
    expect(describeLocality()).toEqual([]);
    expect(describeLocality(null, null)).toEqual([]);
  });

  it("takes the province from a lone commune, and drops a commune of another province", () => {
    expect(describeLocality(null, "00004")).toEqual(["Phường Ba Đình", "Thành phố Hà Nội"]);
    expect(describeLocality("00", "00004")).toEqual(["Phường Ba Đình", "Thành phố Hà Nội"]);
    expect(describeLocality("79", "00004")).toEqual(["Thành phố Hồ Chí Minh"]);
  });
});

describe("localityFieldsSchema", () => {
  const issues = (input: unknown) => {
    const result = localityFieldsSchema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it("accepts a province with one of its communes", () => {
    expect(localityFieldsSchema.parse({ provinceCode: "01", communeCode: "00004" })).toEqual({
      provinceCode: "01",
      communeCode: "00004",
    });
  });

  it("accepts a province alone; an empty commune becomes undefined", () => {
    for (const communeCode of [undefined, null, "", "  "]) {
      expect(localityFieldsSchema.parse({ provinceCode: "79", communeCode })).toEqual({
        provinceCode: "79",
        communeCode: undefined,
      });
    }
    expect(localityFieldsSchema.parse({ provinceCode: " 79 " }).provinceCode).toBe("79");
  });

  it("rejects a commune of another province on communeCode", () => {
    expect(issues({ provinceCode: "79", communeCode: "00004" })).toEqual([{ path: ["communeCode"], message: COMMUNE_OTHER_PROVINCE_MESSAGE }]);
    expect(COMMUNE_OTHER_PROVINCE_MESSAGE).toBe("Xã, phường đã chọn không thuộc tỉnh, thành phố này.");
  });

  it("rejects an unknown commune on communeCode", () => {
    expect(issues({ provinceCode: "01", communeCode: "99999" })).toEqual([{ path: ["communeCode"], message: COMMUNE_UNKNOWN_MESSAGE }]);
    expect(COMMUNE_UNKNOWN_MESSAGE).toBe("Vui lòng chọn xã, phường trong danh sách.");
  });

  it("rejects an unknown, empty or missing province on provinceCode, in Vietnamese", () => {
    const expected = [{ path: ["provinceCode"], message: PROVINCE_MESSAGE }];
    expect(issues({ provinceCode: "00" })).toEqual(expected);
    expect(issues({ provinceCode: "00", communeCode: "00004" })).toEqual(expected);
    expect(issues({ provinceCode: "" })).toEqual(expected);
    expect(issues({})).toEqual(expected);
    expect(issues({ provinceCode: null })).toEqual(expected);
    expect(PROVINCE_MESSAGE).toBe("Vui lòng chọn tỉnh, thành phố.");
  });
});
