import { beforeAll, expect, it } from "vitest";
import { includeDemoLocalitiesIfSeeded, seedDemoOrganizations } from "~/demo/organizations.server.ts";
import { seedDemo } from "~/demo/consultations.server.ts";
import { DEMO_PROVINCE_CODE, describeLocality, listProvinces } from "~/localities/localities.server.ts";
import { issuerFor } from "~/reports/export/issuer.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The demo data is consistent (issue 16, item 6): the fictional Tỉnh Hòa Sơn is a locality of its own,
// listed where the demo is loaded; its organizations, opinions and reports are from Hòa Sơn.

describeEachDatabase("demo data", (ctx) => {
  beforeAll(async () => {
    expect(await includeDemoLocalitiesIfSeeded(ctx.db)).toBe(false);
    await seedDemo(ctx.db, { now: new Date("2026-11-26T08:00:00Z") });
    expect(await seedDemoOrganizations(ctx.db)).toBe(true);
  }, 120_000);

  it("seeds Hòa Sơn's organizations and opinions on its own locality, and lists it", async () => {
    expect(await includeDemoLocalitiesIfSeeded(ctx.db)).toBe(true);
    expect(listProvinces().find((p) => p.code === DEMO_PROVINCE_CODE)?.name).toBe("Tỉnh Hòa Sơn");
    const root = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-MTTQ" } });
    expect(root.localityCode).toBe(DEMO_PROVINCE_CODE);
    const communes = await ctx.db.organization.findMany({ where: { level: "COMMUNE" }, select: { localityCode: true } });
    expect(communes.length).toBeGreaterThan(0);
    for (const c of communes) expect(describeLocality(null, c.localityCode)).toContain("Tỉnh Hòa Sơn");
    // The campaign of the demo comes from Hòa Sơn, not from the real province whose code it once borrowed.
    const fromDemo = await ctx.db.comment.count({ where: { provinceCode: DEMO_PROVINCE_CODE } });
    expect(fromDemo).toBeGreaterThanOrEqual(4);
    expect(await ctx.db.comment.count({ where: { provinceCode: "19" } })).toBe(0);
  });

  it("dates the reports of Hòa Sơn's organizations from Hòa Sơn", async () => {
    for (const code of ["HS-MTTQ", "HS-THANHLOC", "HS-THANHLOC-X1"]) {
      const organization = await ctx.db.organization.findUniqueOrThrow({ where: { code } });
      expect((await issuerFor(ctx.db, organization.id)).place).toMatch(/^(Hòa Sơn|Thạnh Lộc)$/);
    }
    const district = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-THANHLOC" } });
    expect(await issuerFor(ctx.db, district.id)).toMatchObject({ place: "Hòa Sơn", parentName: "Ủy ban MTTQ Việt Nam tỉnh Hòa Sơn" });
  });
});
