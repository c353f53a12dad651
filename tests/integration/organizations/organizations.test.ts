import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { contentHash } from "~/text/fold.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { importOrganizations } from "~/organizations/import.server.ts";
import type { OrganizationValues } from "~/organizations/organization-form.ts";
import { commentScopeSql, commentScopeWhere, organizationsInScope, scopeFor, type OrganizationScope } from "~/organizations/scope.server.ts";
import { createOrganization, updateOrganization } from "~/organizations/tree.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Two provinces: Hà Nội (01) with two districts, and Hồ Chí Minh (79) with one. Each district has a
// commune; comments are gathered at conferences by organizations, or sent online from a locality.

const csv = (lines: string[]) => ({ name: "to-chuc.csv", bytes: new TextEncoder().encode(lines.join("\r\n")) });

describeEachDatabase("organizations", (ctx) => {
  const actor = { id: "" };
  const ids: Record<string, string> = {};
  let consultationId: string;
  let versionId: string;

  const make = async (key: string, values: Partial<OrganizationValues> & { name: string; level: OrganizationValues["level"] }) => {
    const result = await createOrganization(ctx.db, actor, { code: null, kind: "MTTQ", parentId: null, localityCode: null, ...values });
    if (!result.ok) throw new Error(JSON.stringify(result));
    ids[key] = result.id;
    return result.id;
  };
  const comment = async (
    key: string,
    fields: { organizationId?: string; provinceCode?: string; communeCode?: string; channel?: "ONLINE" | "CONFERENCE" | "LETTER" },
  ) => {
    await ctx.db.comment.create({
      data: {
        consultationId,
        versionId,
        stance: "AGREE",
        originalText: key,
        authorName: key,
        consentAt: new Date(),
        contentHash: contentHash(key),
        receiptToken: randomBytes(24).toString("base64url"),
        channel: fields.channel ?? (fields.organizationId ? "CONFERENCE" : "ONLINE"),
        organizationId: fields.organizationId ?? null,
        provinceCode: fields.provinceCode ?? null,
        communeCode: fields.communeCode ?? null,
      },
    });
  };
  const seenWhere = async (scope: OrganizationScope) =>
    (await ctx.db.comment.findMany({ where: { consultationId, ...commentScopeWhere(scope) }, select: { originalText: true } }))
      .map((c) => c.originalText)
      .sort();
  const seenSql = async (scope: OrganizationScope) => {
    const condition = commentScopeSql(scope, "c");
    const rows = await ctx.sql.all<{ originalText: string }>(`SELECT c."originalText" FROM "Comment" c WHERE c."consultationId" = ? AND ${condition.sql}`, [
      consultationId,
      ...condition.params,
    ]);
    return rows.map((r) => r.originalText).sort();
  };

  beforeAll(async () => {
    actor.id = (await ctx.db.user.create({ data: { email: "quantri@example.vn", name: "Quản trị", role: "ADMIN" } })).id;
    const { consultation } = await createConsultationFromText(
      ctx.db,
      { slug: "pham-vi", status: "OPEN" },
      "DỰ THẢO\n\nPhần thứ nhất\n\nĐÁNH GIÁ\n\n1. Đoạn một.",
    );
    consultationId = consultation.id;
    versionId = consultation.versions[0]!.id;

    await make("central", { name: "Ủy ban Trung ương MTTQ Việt Nam", level: "CENTRAL", code: "TW" });
    await make("hanoi", { name: "Ủy ban MTTQ Thành phố Hà Nội", level: "PROVINCE", parentId: ids.central, localityCode: "01", code: "HN" });
    await make("hanoiYouth", { name: "Thành đoàn Hà Nội", level: "PROVINCE", kind: "DOAN_THANH_NIEN", parentId: ids.hanoi, localityCode: "01" });
    await make("districtA", { name: "Ủy ban MTTQ huyện A", level: "DISTRICT", parentId: ids.hanoi, code: "HN-A" });
    await make("districtB", { name: "Ủy ban MTTQ huyện B", level: "DISTRICT", parentId: ids.hanoi, code: "HN-B" });
    await make("communeA", { name: "Ủy ban MTTQ phường Ba Đình", level: "COMMUNE", parentId: ids.districtA, localityCode: "00004" });
    await make("womenA", { name: "Hội Liên hiệp Phụ nữ huyện A", level: "DISTRICT", kind: "PHU_NU", parentId: ids.districtA });
    await make("communeB", { name: "Ủy ban MTTQ phường Hoàn Kiếm", level: "COMMUNE", parentId: ids.districtB, localityCode: "00070" });
    await make("hcm", { name: "Ủy ban MTTQ Thành phố Hồ Chí Minh", level: "PROVINCE", parentId: ids.central, localityCode: "79" });
    await make("districtC", { name: "Ủy ban MTTQ quận C", level: "DISTRICT", parentId: ids.hcm });

    await comment("hội nghị huyện A", { organizationId: ids.districtA });
    await comment("hội nghị phụ nữ huyện A", { organizationId: ids.womenA });
    await comment("hội nghị phường Ba Đình", { organizationId: ids.communeA });
    await comment("thư huyện B", { organizationId: ids.districtB, channel: "LETTER" });
    await comment("hội nghị phường Hoàn Kiếm", { organizationId: ids.communeB });
    await comment("hội nghị quận C", { organizationId: ids.districtC });
    await comment("hội nghị thành đoàn", { organizationId: ids.hanoiYouth });
    await comment("trực tuyến Ba Đình", { provinceCode: "01", communeCode: "00004" });
    await comment("trực tuyến Hà Nội", { provinceCode: "01" });
    await comment("trực tuyến Hồ Chí Minh", { provinceCode: "79" });
  });

  it("keeps materialized paths from the root", async () => {
    const commune = await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.communeA } });
    expect(commune.path).toBe(`/${ids.central}/${ids.hanoi}/${ids.districtA}/${ids.communeA}/`);
  });

  it("scopes a district representative to its own district, by Prisma where and by SQL", async () => {
    const scope = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.districtA! });
    expect(scope).toMatchObject({ kind: "subtree", organizationId: ids.districtA, localityCode: null });
    const expected = ["hội nghị huyện A", "hội nghị phụ nữ huyện A", "hội nghị phường Ba Đình"].sort();
    expect(await seenWhere(scope)).toEqual(expected);
    expect(await seenSql(scope)).toEqual(expected);
    const other = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.districtB! });
    expect(await seenWhere(other)).toEqual(["hội nghị phường Hoàn Kiếm", "thư huyện B"].sort());
    expect(await seenSql(other)).toEqual(["hội nghị phường Hoàn Kiếm", "thư huyện B"].sort());
  });

  it("gives a province representative its districts' opinions and its province's online opinions", async () => {
    const scope = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.hanoi! });
    const expected = [
      "hội nghị huyện A",
      "hội nghị phụ nữ huyện A",
      "hội nghị phường Ba Đình",
      "thư huyện B",
      "hội nghị phường Hoàn Kiếm",
      "hội nghị thành đoàn",
      "trực tuyến Ba Đình",
      "trực tuyến Hà Nội",
    ].sort();
    expect(await seenWhere(scope)).toEqual(expected);
    expect(await seenSql(scope)).toEqual(expected);
  });

  it("gives a commune organization the online opinions of its commune", async () => {
    const scope = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.communeA! });
    expect(await seenWhere(scope)).toEqual(["hội nghị phường Ba Đình", "trực tuyến Ba Đình"].sort());
    expect(await seenSql(scope)).toEqual(["hội nghị phường Ba Đình", "trực tuyến Ba Đình"].sort());
  });

  it("sees everything for an administrator or editor without an organization, nothing for a representative without one", async () => {
    const all = await scopeFor(ctx.db, { role: "EDITOR", organizationId: null });
    expect(all).toEqual({ kind: "all" });
    expect(await seenWhere(all)).toHaveLength(10);
    expect(await seenSql(all)).toHaveLength(10);
    const none = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: null });
    expect(none).toEqual({ kind: "none" });
    expect(await seenWhere(none)).toEqual([]);
    expect(await seenSql(none)).toEqual([]);
    expect(await organizationsInScope(ctx.db, none)).toEqual([]);
    expect(await scopeFor(ctx.db, { role: "MODERATOR", organizationId: null })).toEqual({ kind: "none" });
  });

  it("lists the organizations of a scope as a tree", async () => {
    const scope = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.districtA! });
    const names = (await organizationsInScope(ctx.db, scope)).map((o) => o.name);
    expect(names).toEqual(["Ủy ban MTTQ huyện A", "Hội Liên hiệp Phụ nữ huyện A", "Ủy ban MTTQ phường Ba Đình"]);
    expect((await organizationsInScope(ctx.db, { kind: "all" })).length).toBeGreaterThanOrEqual(10);
  });

  it("moves a subtree and rewrites its paths; the scope follows", async () => {
    const districtC = await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.districtC } });
    const moved = await make("communeC", { name: "Ủy ban MTTQ phường Sài Gòn", level: "COMMUNE", parentId: ids.districtC });
    expect((await ctx.db.organization.findUniqueOrThrow({ where: { id: moved } })).path).toBe(`${districtC.path}${moved}/`);
    // Quận C joins Hà Nội's tree (no locality of its own, nor below it: allowed).
    const result = await updateOrganization(ctx.db, actor, ids.districtC!, {
      name: districtC.name,
      code: null,
      level: "DISTRICT",
      kind: "MTTQ",
      parentId: ids.hanoi!,
      localityCode: null,
    });
    expect(result).toEqual({ ok: true, id: ids.districtC });
    const hanoi = await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.hanoi } });
    expect((await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.districtC } })).path).toBe(`${hanoi.path}${ids.districtC}/`);
    expect((await ctx.db.organization.findUniqueOrThrow({ where: { id: moved } })).path).toBe(`${hanoi.path}${ids.districtC}/${moved}/`);
    const scope = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: ids.hanoi! });
    expect(await seenSql(scope)).toContain("hội nghị quận C");
    const audit = await ctx.db.auditEvent.findFirst({ where: { action: "org-update", subject: `organization:${ids.districtC}` } });
    expect(JSON.parse(audit!.after!)).toMatchObject({ parentId: ids.hanoi });
  });

  it("announces the opinions an organization gathered to the search index when its name changes, not otherwise", async () => {
    await comment("renamed-org-1", { organizationId: ids.womenA });
    await comment("renamed-org-2", { organizationId: ids.womenA });
    const gathered = (await ctx.db.comment.findMany({ where: { organizationId: ids.womenA }, select: { id: true } })).map((c) => c.id).sort();
    const announced = async () =>
      (await ctx.db.searchOutbox.findMany({ where: { entityId: { in: gathered } }, select: { entityId: true } })).map((r) => r.entityId).sort();
    await ctx.db.searchOutbox.deleteMany({ where: { entityId: { in: gathered } } });
    const current = (await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.womenA } }))!;
    const values = {
      name: current.name,
      level: current.level,
      kind: current.kind,
      code: current.code,
      parentId: current.parentId,
      localityCode: current.localityCode,
    } as OrganizationValues;
    expect(await updateOrganization(ctx.db, actor, ids.womenA, { ...values, code: "PN-A" })).toMatchObject({ ok: true });
    expect(await announced()).toEqual([]);
    expect(await updateOrganization(ctx.db, actor, ids.womenA, { ...values, name: "Hội Liên hiệp Phụ nữ huyện A (mới)" })).toMatchObject({ ok: true });
    expect(await announced()).toEqual(gathered);
  });

  it("refuses cycles, levels above the parent's and localities outside the parent's", async () => {
    const base = { code: "HN-A", kind: "MTTQ" as const, localityCode: null, name: "Ủy ban MTTQ huyện A", level: "DISTRICT" as const };
    const cycle = await updateOrganization(ctx.db, actor, ids.districtA!, { ...base, parentId: ids.communeA! });
    expect(cycle).toMatchObject({ ok: false, fieldErrors: { parentId: expect.stringContaining("trực thuộc") } });
    const self = await updateOrganization(ctx.db, actor, ids.districtA!, { ...base, parentId: ids.districtA! });
    expect(self).toMatchObject({ ok: false });
    const level = await createOrganization(ctx.db, actor, {
      name: "Tỉnh dưới huyện",
      code: null,
      kind: "MTTQ",
      level: "PROVINCE",
      parentId: ids.districtA!,
      localityCode: null,
    });
    expect(level).toMatchObject({ ok: false, fieldErrors: { level: expect.stringContaining("cao hơn") } });
    const outside = await createOrganization(ctx.db, actor, {
      name: "Xã ở tỉnh khác",
      code: null,
      kind: "MTTQ",
      level: "COMMUNE",
      parentId: ids.districtA!,
      localityCode: "25747",
    });
    expect(outside).toMatchObject({ ok: false, fieldErrors: { localityCode: expect.stringContaining("không thuộc") } });
    // Moving Hà Nội's Ba Đình commune under Hồ Chí Minh would put a Hà Nội locality in the wrong province.
    const communeA = await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.communeA } });
    const wrongMove = await updateOrganization(ctx.db, actor, ids.communeA!, {
      ...base,
      name: communeA.name,
      code: null,
      level: "COMMUNE",
      localityCode: "00004",
      parentId: ids.hcm!,
    });
    expect(wrongMove).toMatchObject({ ok: false, fieldErrors: { localityCode: expect.stringContaining("không thuộc") } });
    const duplicate = await createOrganization(ctx.db, actor, {
      name: "Trùng mã",
      code: "HN",
      kind: "MTTQ",
      level: "COMMUNE",
      parentId: null,
      localityCode: null,
    });
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("đã dùng") } });
    // Nothing changed.
    expect((await ctx.db.organization.findUniqueOrThrow({ where: { id: ids.districtA } })).parentId).toBe(ids.hanoi);
  });

  it("imports a tree from CSV with parents after children, and updates by code on re-import", async () => {
    const file = [
      "ma,ten,cap,loai,ma_cap_tren,ma_dia_ban",
      "HS-X1,Ủy ban MTTQ xã Một,xa,MTTQ,HS-H1,",
      "HS-H1,Ủy ban MTTQ huyện Một,huyen,,HS-T,",
      "HS-T-PN,Hội Liên hiệp Phụ nữ tỉnh,Tỉnh,Hội Liên hiệp Phụ nữ,HS-T,8",
      'HS-T,"Ủy ban MTTQ tỉnh, thử",tinh,mttq,TW,08',
    ];
    const result = await importOrganizations(ctx.db, actor, csv(file));
    expect(result).toEqual({ ok: true, created: 4, updated: 0, unchanged: 0 });
    const province = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-T" } });
    expect(province).toMatchObject({ name: "Ủy ban MTTQ tỉnh, thử", level: "PROVINCE", localityCode: "08" });
    const women = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-T-PN" } });
    expect(women).toMatchObject({ kind: "PHU_NU", localityCode: "08", parentId: province.id });
    const commune = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-X1" } });
    expect(commune.path.startsWith(province.path)).toBe(true);
    expect(commune.path.split("/").filter(Boolean)).toHaveLength(4);

    // The same file again changes nothing; a renamed row and a move update by code.
    expect(await importOrganizations(ctx.db, actor, csv(file))).toEqual({ ok: true, created: 0, updated: 0, unchanged: 4 });
    const again = await importOrganizations(ctx.db, actor, csv(["ma,ten,cap,ma_cap_tren", "HS-X1,Ủy ban MTTQ xã Một (mới),xa,HS-T"]));
    expect(again).toEqual({ ok: true, created: 0, updated: 1, unchanged: 0 });
    const renamed = await ctx.db.organization.findUniqueOrThrow({ where: { code: "HS-X1" } });
    expect(renamed).toMatchObject({ name: "Ủy ban MTTQ xã Một (mới)", parentId: province.id, path: `${province.path}${renamed.id}/` });
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "org-import" } });
    expect(audit).toHaveLength(2); // the unchanged import wrote nothing
  });

  it("stores nothing when any row is wrong, and says which rows", async () => {
    const before = await ctx.db.organization.count();
    const result = await importOrganizations(
      ctx.db,
      actor,
      csv([
        "Mã,Tên,Cấp,Loại,Mã cấp trên,Mã địa bàn",
        "NEW-1,Tổ chức mới một,xa,,TW,",
        "NEW-2,Tổ chức mới hai,phố,,TW,",
        "NEW-3,X,xa,Hội Đá bóng,TW,",
        "NEW-4,Tổ chức bốn,xa,,KHONG-CO,",
        "NEW-1,Lặp mã,xa,,TW,",
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(result.errors[0]!.messages[0]).toContain("Cấp «phố» không hợp lệ");
    expect(result.errors[1]!.messages.join(" ")).toContain("Loại «Hội Đá bóng» không hợp lệ");
    expect(result.errors[2]!.messages[0]).toContain("đã có ở dòng 2");
    // Rows that pass on their own but not as a tree: an unknown parent, a cycle inside the file.
    const tree = await importOrganizations(ctx.db, actor, csv(["ma,ten,cap,ma_cap_tren", "C-1,Một,xa,C-2", "C-2,Hai,xa,C-1", "C-3,Ba,xa,KHONG-CO"]));
    expect(tree).toMatchObject({ ok: false, errors: [{ line: 4, messages: [expect.stringContaining("KHONG-CO")] }] });
    const cycle = await importOrganizations(ctx.db, actor, csv(["ma,ten,cap,ma_cap_tren", "C-1,Một,xa,C-2", "C-2,Hai,xa,C-1", "C-3,Ba,xa,"]));
    expect(cycle).toMatchObject({ ok: false, errors: [{ line: 2 }, { line: 3 }] });
    expect(await ctx.db.organization.count()).toBe(before);
  });

  it("refuses files that are not CSV and headers it does not know", async () => {
    const png = { name: "anh.csv", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) };
    expect(await importOrganizations(ctx.db, actor, png)).toMatchObject({ ok: false, formError: expect.stringContaining("không phải bảng tính") });
    const headers = await importOrganizations(ctx.db, actor, csv(["code,name,level", "A,B,xa"]));
    expect(headers).toMatchObject({ ok: false, formError: expect.stringContaining("ma, ten, cap, loai, ma_cap_tren, ma_dia_ban") });
  });
});
