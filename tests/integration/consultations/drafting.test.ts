import { beforeAll, expect, it } from "vitest";
import { getPublishedDocument, listPublicConsultations } from "~/consultations/consultations.server.ts";
import {
  createConsultation,
  getConsultationForStaff,
  listConsultationsForStaff,
  updateConsultationSettings,
} from "~/consultations/drafting/consultations.server.ts";
import { closeConsultationEarly, extendConsultation, openConsultationNow, scheduleConsultation } from "~/consultations/drafting/transitions.server.ts";
import { at, NOW, publishedDraft, settings, vn } from "../../support/drafting.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Creating a consultation, changing its settings with the revision the form was read at, and the
// changes of state by staff: each one conditional write, audited; racing changes apply once.

describeEachDatabase("drafting: create, settings, state", (ctx) => {
  let staff: { id: string };
  const audits = (action: string, id: string) =>
    ctx.db.auditEvent.findMany({ where: { action, subject: `consultation:${id}` }, orderBy: { createdAt: "asc" } });
  const row = (id: string) => ctx.db.consultation.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    staff = await ctx.db.user.create({ data: { email: "soan-thao@example.vn", name: "Trần Thị Soạn", role: "EDITOR" }, select: { id: true } });
  });

  it("creates a DRAFT without a version, audited; a taken slug is a field error and stores nothing", async () => {
    const created = await createConsultation(ctx.db, staff, settings({ opensAt: vn(at(24)), closesAt: vn(at(240)) }), NOW);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const stored = await row(created.id);
    expect(stored).toMatchObject({
      slug: "du-thao-nghi-quyet-ve-chuyen-doi-so",
      status: "DRAFT",
      kind: "RESOLUTION",
      issuingBody: "Ủy ban nhân dân tỉnh Hòa Sơn",
      opensAt: at(24),
      closesAt: at(240),
      commentCharLimit: 1500,
      acceptsLetter: false,
      firstPublicAt: null,
      publishedVersionId: null,
    });
    expect(await ctx.db.documentVersion.count({ where: { consultationId: created.id } })).toBe(0);
    const [audit] = await audits("draft-create", created.id);
    expect(audit).toMatchObject({ actorId: staff.id, note: "Dự thảo Nghị quyết về chuyển đổi số" });
    expect(JSON.parse(audit!.after!)).toMatchObject({ slug: "du-thao-nghi-quyet-ve-chuyen-doi-so", opensAt: at(24).toISOString() });

    const before = await ctx.db.consultation.count();
    const again = await createConsultation(ctx.db, staff, settings({ title: "Một tiêu đề khác hẳn", slug: "du-thao-nghi-quyet-ve-chuyen-doi-so" }), NOW);
    expect(again).toEqual({ ok: false, fieldErrors: { slug: expect.stringContaining("đã được dùng") } });
    // Two creations racing for one slug: the unique key lets one through, the other gets the field error.
    const race = await Promise.all([1, 2].map((n) => createConsultation(ctx.db, staff, settings({ title: `Đua ${n}`, slug: "cung-mot-duong-dan" }), NOW)));
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect(race.find((r) => !r.ok)).toEqual({ ok: false, fieldErrors: { slug: expect.stringContaining("đã được dùng") } });
    expect(await ctx.db.consultation.count()).toBe(before + 1);
    expect(await ctx.db.auditEvent.count({ where: { action: "draft-create", note: { startsWith: "Đua" } } })).toBe(1);
  });

  it("lists every consultation with its state and counts", async () => {
    const id = await publishedDraft(ctx.db, staff, { title: "Danh sách", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    await scheduleConsultation(ctx.db, staff, id, NOW);
    const list = await listConsultationsForStaff(ctx.db, NOW);
    const item = list.find((c) => c.id === id)!;
    expect(item).toMatchObject({ state: "open", status: "OPEN", publishedVersion: { number: 1, blocks: expect.any(Number) }, hasWorkingCopy: false });
    expect(item.publishedVersion!.blocks).toBeGreaterThan(2);
    expect(item.comments).toEqual({ pending: 0, approved: 0, rejected: 0 });
    expect(list.find((c) => c.slug === "du-thao-nghi-quyet-ve-chuyen-doi-so")).toMatchObject({ state: "draft", publishedVersion: null });
  });

  it("saves settings over the revision they were read at; a stale form changes nothing; audit has what changed", async () => {
    const created = await createConsultation(ctx.db, staff, settings({ title: "Sửa thông tin", opensAt: vn(at(24)), closesAt: vn(at(240)) }), NOW);
    if (!created.ok) throw new Error("not created");
    const id = created.id;
    const first = await updateConsultationSettings(
      ctx.db,
      staff,
      id,
      0,
      settings({ title: "Sửa thông tin", slug: "sua-thong-tin", summary: "Tóm tắt mới", opensAt: vn(at(24)), closesAt: vn(at(300)) }),
      NOW,
    );
    expect(first).toEqual({ ok: true, revision: 1, changed: ["summary", "closesAt"] });
    const [audit] = await audits("draft-update", id);
    expect(JSON.parse(audit!.before!)).toEqual({ summary: "", closesAt: at(240).toISOString() });
    expect(JSON.parse(audit!.after!)).toEqual({ summary: "Tóm tắt mới", closesAt: at(300).toISOString() });

    // Another person's form, read at revision 0, comes in later: refused, nothing overwritten.
    const stale = await updateConsultationSettings(ctx.db, staff, id, 0, settings({ title: "Tiêu đề của người đến sau", slug: "sua-thong-tin" }), NOW);
    expect(stale).toMatchObject({ ok: false, conflict: true, current: { summary: "Tóm tắt mới", title: "Sửa thông tin" } });
    expect(await row(id)).toMatchObject({ title: "Sửa thông tin", summary: "Tóm tắt mới", revision: 1, closesAt: at(300) });
    // Two saves from the same revision at once: one applies.
    const both = await Promise.all(
      ["Người thứ nhất", "Người thứ hai"].map((title) => updateConsultationSettings(ctx.db, staff, id, 1, settings({ title, slug: "sua-thong-tin" }), NOW)),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect((await row(id)).revision).toBe(2);
    expect(await audits("draft-update", id)).toHaveLength(2);

    // An opening after the closing never reaches the service (the schema refuses it); a taken slug is a field error.
    await publishedDraft(ctx.db, staff, { title: "Đã có đường dẫn này" });
    expect(await updateConsultationSettings(ctx.db, staff, id, 2, settings({ title: "X X X", slug: "da-co-duong-dan-nay" }), NOW)).toEqual({
      ok: false,
      fieldErrors: { slug: expect.stringContaining("đã được dùng") },
    });
    expect((await row(id)).revision).toBe(2);
  });

  it("schedules only a published draft with both times; the slug is frozen from then on and the period once open", async () => {
    const bare = await createConsultation(ctx.db, staff, settings({ title: "Chưa có bản", opensAt: vn(at(1)), closesAt: vn(at(10)) }), NOW);
    if (!bare.ok) throw new Error("not created");
    expect(await scheduleConsultation(ctx.db, staff, bare.id, NOW)).toEqual({ ok: false, message: expect.stringContaining("công bố") });
    const undated = await publishedDraft(ctx.db, staff, { title: "Chưa có thời gian" });
    expect(await scheduleConsultation(ctx.db, staff, undated, NOW)).toEqual({ ok: false, message: expect.stringContaining("thời điểm bắt đầu") });
    expect((await row(undated)).status).toBe("DRAFT");

    const id = await publishedDraft(ctx.db, staff, { title: "Lên lịch", opensAt: vn(at(2)), closesAt: vn(at(50)) });
    // Not public, not searchable while a draft.
    expect(await getPublishedDocument(ctx.db, "len-lich", NOW)).toBeNull();
    expect(await scheduleConsultation(ctx.db, staff, id, NOW)).toEqual({ ok: true, status: "SCHEDULED" });
    const scheduled = await row(id);
    expect(scheduled).toMatchObject({ status: "SCHEDULED", firstPublicAt: NOW });
    expect(await audits("draft-schedule", id)).toHaveLength(1);
    expect(await ctx.db.searchOutbox.count({ where: { kind: "version", entityId: scheduled.publishedVersionId! } })).toBe(2); // publish + leaving DRAFT
    expect((await getPublishedDocument(ctx.db, "len-lich", NOW))!.consultation.publicStatus).toBe("upcoming");
    // Scheduled twice: the second finds it scheduled already.
    expect(await scheduleConsultation(ctx.db, staff, id, NOW)).toMatchObject({ ok: false });

    const frozen = await updateConsultationSettings(
      ctx.db,
      staff,
      id,
      scheduled.revision,
      settings({ title: "Lên lịch", slug: "doi-duong-dan", opensAt: vn(at(2)), closesAt: vn(at(50)) }),
      NOW,
    );
    expect(frozen).toEqual({ ok: false, fieldErrors: { slug: expect.stringContaining("giữ nguyên") } });
    // Before its opening, the period of a scheduled consultation can move (to the future only).
    const moved = await updateConsultationSettings(
      ctx.db,
      staff,
      id,
      scheduled.revision,
      settings({ title: "Lên lịch", slug: "len-lich", opensAt: vn(at(3)), closesAt: vn(at(50)) }),
      NOW,
    );
    expect(moved).toMatchObject({ ok: true, changed: ["opensAt"] });
    expect(
      await updateConsultationSettings(
        ctx.db,
        staff,
        id,
        scheduled.revision + 1,
        settings({ title: "Lên lịch", slug: "len-lich", opensAt: vn(at(-1)), closesAt: vn(at(50)) }),
        NOW,
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { opensAt: expect.stringContaining("Mở ngay") },
    });
    // Once open (by its dates, before any job ran), the period is kept whatever the form sends.
    const open = await updateConsultationSettings(
      ctx.db,
      staff,
      id,
      scheduled.revision + 1,
      settings({ title: "Lên lịch (đã mở)", slug: "len-lich", opensAt: vn(at(30)), closesAt: vn(at(90)) }),
      at(4),
    );
    expect(open).toMatchObject({ ok: true, changed: ["title"] });
    expect(await row(id)).toMatchObject({ opensAt: at(3), closesAt: at(50), title: "Lên lịch (đã mở)" });
  });

  it("a schedule whose opening has come opens at once; open now, close early with a reason, extend (and reopen)", async () => {
    const late = await publishedDraft(ctx.db, staff, { title: "Mở ngay khi lên lịch", opensAt: vn(at(-2)), closesAt: vn(at(48)) });
    expect(await scheduleConsultation(ctx.db, staff, late, NOW)).toEqual({ ok: true, status: "OPEN" });
    expect((await audits("draft-open", late)).map((a) => a.actorId)).toEqual([staff.id]);

    const id = await publishedDraft(ctx.db, staff, { title: "Vòng đời", opensAt: vn(at(24)), closesAt: vn(at(240)) });
    expect(await scheduleConsultation(ctx.db, staff, id, NOW)).toEqual({ ok: true, status: "SCHEDULED" });
    expect(await openConsultationNow(ctx.db, staff, id, at(1))).toEqual({ ok: true, status: "OPEN" });
    expect(await row(id)).toMatchObject({ status: "OPEN", opensAt: at(1) });
    expect(await openConsultationNow(ctx.db, staff, id, at(2))).toEqual({ ok: false, message: expect.stringContaining("đang mở") });

    expect(await closeConsultationEarly(ctx.db, staff, id, "", at(3))).toEqual({ ok: false, message: expect.stringContaining("lý do"), field: "reason" });
    expect((await row(id)).status).toBe("OPEN");
    expect(await closeConsultationEarly(ctx.db, staff, id, "Theo kết luận của Thường trực Tỉnh ủy", at(3))).toEqual({ ok: true, status: "CLOSED" });
    expect(await row(id)).toMatchObject({ status: "CLOSED", closesAt: at(3) });
    const [closed] = await audits("draft-close", id);
    expect(closed).toMatchObject({ actorId: staff.id, note: "Theo kết luận của Thường trực Tỉnh ủy" });
    expect(JSON.parse(closed!.before!)).toEqual({ status: "OPEN", closesAt: at(240).toISOString() });
    const page = (await getPublishedDocument(ctx.db, "vong-doi", at(4)))!;
    expect(page.consultation.publicStatus).toBe("closed");

    expect(await extendConsultation(ctx.db, staff, id, at(2), "Gia hạn thêm", at(4))).toEqual({
      ok: false,
      message: expect.stringContaining("tương lai"),
      field: "until",
    });
    expect(await extendConsultation(ctx.db, staff, id, at(100), "x", at(4))).toEqual({ ok: false, message: expect.stringContaining("lý do"), field: "reason" });
    expect(await extendConsultation(ctx.db, staff, id, at(100), "Nhiều địa phương đề nghị thêm thời gian", at(4))).toEqual({ ok: true, status: "OPEN" });
    expect(await row(id)).toMatchObject({ status: "OPEN", closesAt: at(100) });
    expect((await audits("draft-extend", id))[0]!.note).toContain("mở lại");
    expect(await extendConsultation(ctx.db, staff, id, at(90), "Rút ngắn bằng gia hạn", at(5))).toEqual({
      ok: false,
      message: expect.stringContaining("sau thời điểm kết thúc hiện tại"),
      field: "until",
    });
  });

  it("two people racing for the same change of state: it applies once, audited once", async () => {
    const id = await publishedDraft(ctx.db, staff, { title: "Đua trạng thái", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    const schedules = await Promise.all([1, 2, 3].map(() => scheduleConsultation(ctx.db, staff, id, NOW)));
    expect(schedules.filter((r) => r.ok)).toHaveLength(1);
    expect(await audits("draft-schedule", id)).toHaveLength(1);
    const closes = await Promise.all(["Lý do thứ nhất", "Lý do thứ hai"].map((reason) => closeConsultationEarly(ctx.db, staff, id, reason, at(1))));
    expect(closes.filter((r) => r.ok)).toHaveLength(1);
    expect(closes.find((r) => !r.ok)).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await audits("draft-close", id)).toHaveLength(1);
    // The same extension sent twice at once (two people, or a double click): once.
    const extends_ = await Promise.all([1, 2].map(() => extendConsultation(ctx.db, staff, id, at(60), "Gia hạn theo đề nghị", at(2))));
    expect(extends_.filter((r) => r.ok)).toHaveLength(1);
    expect(await audits("draft-extend", id)).toHaveLength(1);
  });

  it("shows the consultation's page data: working copy, published version, comment counts", async () => {
    const id = await publishedDraft(ctx.db, staff, { title: "Trang quản trị" });
    const loaded = (await getConsultationForStaff(ctx.db, id))!;
    expect(loaded).toMatchObject({ status: "DRAFT", workingCopy: null, publishedVersion: { number: 1 }, comments: { pending: 0 } });
    expect(await getConsultationForStaff(ctx.db, "khong-co")).toBeNull();
    const { consultations } = await listPublicConsultations(ctx.db, NOW);
    expect(consultations.some((c) => c.id === id)).toBe(false);
  });
});
