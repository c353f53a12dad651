import { expect, it } from "vitest";
import { DEMO_PROVINCE_CODE, describeLocality, findProvince, includeDemoLocalities, listCommunes, listProvinces } from "~/localities/localities.server.ts";

// The demo's fictional province (issue 16, item 6): on a code of its own, listed only once included.

it("lists the demo province Hòa Sơn and its communes only once included, on a code no real province has", () => {
  const real = listProvinces();
  expect(real).toHaveLength(34);
  expect(findProvince(DEMO_PROVINCE_CODE)).toBeUndefined();
  expect(real.some((p) => p.name.includes("Hòa Sơn"))).toBe(false);

  includeDemoLocalities();
  const withDemo = listProvinces();
  expect(withDemo).toHaveLength(35);
  // The real provinces are all still there, with their own names.
  expect(withDemo.filter((p) => p.code !== DEMO_PROVINCE_CODE)).toEqual(real);
  expect(findProvince(DEMO_PROVINCE_CODE)).toMatchObject({ name: "Tỉnh Hòa Sơn" });
  // In alphabetical order, between "Hà …" and "Huế"-like names: after every name that sorts before "Hòa Sơn".
  const at = withDemo.findIndex((p) => p.code === DEMO_PROVINCE_CODE);
  expect(withDemo[at - 1]!.name.replace(/^(Thành phố|Tỉnh)\s+/u, "").localeCompare("Hòa Sơn", "vi")).toBeLessThan(0);
  expect(listCommunes(DEMO_PROVINCE_CODE).map((c) => c.name)).toEqual(["Phường Hòa Sơn", "Xã Hòa Hải", "Xã Thạnh Lộc"]);
  expect(describeLocality(DEMO_PROVINCE_CODE, "99003")).toEqual(["Xã Hòa Hải", "Tỉnh Hòa Sơn"]);
});
