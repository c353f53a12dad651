import { beforeAll, expect, it } from "vitest";
import { allDocuments, countAllDocuments, documentsForComments, documentsForVersion } from "@search/documents.server.ts";
import { setDifficulty } from "~/comments/captcha.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { conferenceFormSchema } from "~/conferences/conference-form.ts";
import { consultationsForIntake, createConference } from "~/conferences/conferences.server.ts";
import { getPublishedDocument, listPublicConsultations } from "~/consultations/consultations.server.ts";
import { updateConsultationSettings } from "~/consultations/drafting/consultations.server.ts";
import { closeConsultationEarly, scheduleConsultation } from "~/consultations/drafting/transitions.server.ts";
import { commentForm, solvedCaptcha, VALID_FIELDS } from "../../support/comments.ts";
import { at, NOW, publishedDraft, settings, vn } from "../../support/drafting.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// What the public side makes of the states: a DRAFT is nowhere (page, list, search, comment form,
// conference intake); the comment form takes opinions only inside the period and only when the
// consultation takes them online; a closed consultation keeps its comments readable.

describeEachDatabase("drafting: what the public sees of each state", (ctx) => {
  let limiter: RateLimiter;
  const submit = async (slug: string, now: Date) =>
    submitComment(ctx.db, slug, commentForm({ ...VALID_FIELDS, text: `${VALID_FIELDS.text} ${Math.random()}`, captcha: await solvedCaptcha(ctx.db, slug) }), {
      clientAddress: "203.0.113.9",
      sql: ctx.sql,
      now,
      limiter,
      limits: readLimits({}),
    });
  const versionOf = async (id: string) =>
    (await ctx.db.consultation.findUniqueOrThrow({ where: { id }, select: { publishedVersionId: true } })).publishedVersionId!;

  beforeAll(async () => {
    await setDifficulty(ctx.db, 2_000);
    limiter = new RateLimiter();
  });

  it("a DRAFT with a published version is not on the list, has no page, takes no comment and is not searchable; scheduling changes all that", async () => {
    const id = await publishedDraft(ctx.db, null, { title: "Bản nháp kín", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    const versionId = await versionOf(id);
    expect((await listPublicConsultations(ctx.db, NOW)).consultations.map((c) => c.id)).not.toContain(id);
    expect(await getPublishedDocument(ctx.db, "ban-nhap-kin", NOW)).toBeNull();
    expect(await submit("ban-nhap-kin", NOW)).toEqual({ status: "not-found" });
    expect(await documentsForVersion(ctx.db, versionId)).toMatchObject({ upsert: [] });
    const everything = async () => {
      const ids: string[] = [];
      for await (const batch of allDocuments(ctx.db)) ids.push(...batch.map((d) => d.id));
      return ids;
    };
    expect((await everything()).some((doc) => doc.includes(versionId))).toBe(false);
    const counted = await countAllDocuments(ctx.db);
    expect(counted).toBe((await everything()).length);

    expect(await scheduleConsultation(ctx.db, null, id, NOW)).toEqual({ ok: true, status: "OPEN" });
    expect((await listPublicConsultations(ctx.db, NOW)).consultations.find((c) => c.id === id)).toMatchObject({ publicStatus: "open", timeLeft: "Còn 2 ngày" });
    expect((await documentsForVersion(ctx.db, versionId)).upsert.length).toBeGreaterThan(2);
    expect((await everything()).some((doc) => doc.includes(versionId))).toBe(true);
    expect(await countAllDocuments(ctx.db)).toBe(counted + (await documentsForVersion(ctx.db, versionId)).upsert.length);

    // A comment of a consultation that is (somehow) a draft makes no document either.
    const accepted = await submit("ban-nhap-kin", NOW);
    expect(accepted.status).toBe("accepted");
    const comment = await ctx.db.comment.findFirstOrThrow({ where: { consultationId: id }, select: { id: true } });
    expect((await documentsForComments(ctx.db, [comment.id])).upsert).toHaveLength(1);
    await ctx.db.consultation.update({ where: { id }, data: { status: "DRAFT" } });
    expect(await documentsForComments(ctx.db, [comment.id])).toEqual({ upsert: [], remove: [`c_${comment.id}`] });
    await ctx.db.consultation.update({ where: { id }, data: { status: "OPEN" } });
  });

  it("the comment form takes opinions only inside the period; a closed consultation keeps its comments readable", async () => {
    const id = await publishedDraft(ctx.db, null, { title: "Trong thời gian", opensAt: vn(at(1)), closesAt: vn(at(5)) });
    await scheduleConsultation(ctx.db, null, id, NOW);
    expect(await submit("trong-thoi-gian", NOW)).toMatchObject({ status: "closed" });
    // Open at its opening time, before any job stored it.
    expect((await submit("trong-thoi-gian", at(1))).status).toBe("accepted");
    expect((await submit("trong-thoi-gian", at(5))).status).toBe("closed");
    // Closed early by a person: refused at once in this process (its cached settings are forgotten).
    const early = await publishedDraft(ctx.db, null, { title: "Kết thúc sớm", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    await scheduleConsultation(ctx.db, null, early, NOW);
    expect((await submit("ket-thuc-som", at(1))).status).toBe("accepted");
    expect(await closeConsultationEarly(ctx.db, null, early, "Đã đủ ý kiến theo kế hoạch", at(1))).toMatchObject({ ok: true });
    expect(await submit("ket-thuc-som", at(1))).toMatchObject({ status: "closed" });
    const page = (await getPublishedDocument(ctx.db, "ket-thuc-som", at(2)))!;
    expect(page.consultation.publicStatus).toBe("closed");
    expect(page.nextChange).toBeNull();
    // Its comment, approved after the close, is still read on the page.
    await ctx.db.comment.updateMany({ where: { consultationId: early }, data: { status: "APPROVED" } });
    expect((await getPublishedDocument(ctx.db, "ket-thuc-som", at(2)))!.approvedComments).toBe(1);
    expect((await listPublishedComments(ctx.db, early, null, 1)).total).toBe(1);
  });

  it("refuses online comments when the consultation takes none (settings change shows at once)", async () => {
    const id = await publishedDraft(ctx.db, null, { title: "Chỉ hội nghị", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    await scheduleConsultation(ctx.db, null, id, NOW);
    expect((await submit("chi-hoi-nghi", NOW)).status).toBe("accepted");
    const { revision } = await ctx.db.consultation.findUniqueOrThrow({ where: { id } });
    const saved = await updateConsultationSettings(
      ctx.db,
      null,
      id,
      revision,
      settings({ title: "Chỉ hội nghị", slug: "chi-hoi-nghi", acceptsOnline: "", opensAt: vn(at(-1)), closesAt: vn(at(48)) }),
      NOW,
    );
    expect(saved).toMatchObject({ ok: true, changed: ["acceptsOnline"] });
    expect(await submit("chi-hoi-nghi", NOW)).toEqual({ status: "offline" });
    expect((await getPublishedDocument(ctx.db, "chi-hoi-nghi", NOW))!.consultation).toMatchObject({ publicStatus: "open", acceptsOnline: false });
  });

  it("conference intake refuses a draft and a channel the consultation does not take", async () => {
    const org = await ctx.db.organization.create({ data: { name: "Ủy ban MTTQ tỉnh Thử", level: "PROVINCE", path: "" } });
    await ctx.db.organization.update({ where: { id: org.id }, data: { path: `/${org.id}/` } });
    const admin = {
      id: (await ctx.db.user.create({ data: { email: "qt-hoi-nghi@example.vn", name: "Quản Trị", role: "ADMIN" } })).id,
      role: "ADMIN",
      organizationId: null,
    };
    const draftId = await publishedDraft(ctx.db, null, { title: "Hội nghị bản nháp", opensAt: vn(at(-1)), closesAt: vn(at(48)) });
    const lettersOnly = await publishedDraft(ctx.db, null, {
      title: "Chỉ nhận thư",
      acceptsConference: "",
      acceptsLetter: "on",
      opensAt: vn(at(-1)),
      closesAt: vn(at(48)),
    });
    await scheduleConsultation(ctx.db, null, lettersOnly, NOW);
    const form = (consultationId: string, channel: string) =>
      conferenceFormSchema.parse({
        consultationId,
        organizationId: org.id,
        channel,
        title: "Hội nghị thử",
        heldOn: "01/12/2026",
        place: "",
        attendees: "",
        chairperson: "",
        note: "",
      });

    expect(await createConference(ctx.db, admin, form(draftId, "CONFERENCE"), NOW)).toMatchObject({
      ok: false,
      fieldErrors: { consultationId: expect.any(String) },
    });
    expect(await createConference(ctx.db, admin, form(lettersOnly, "CONFERENCE"), NOW)).toMatchObject({
      ok: false,
      fieldErrors: { channel: expect.stringContaining("không nhận ý kiến qua hội nghị") },
    });
    expect(await createConference(ctx.db, admin, form(lettersOnly, "LETTER"), NOW)).toMatchObject({ ok: true });
    const intake = (await consultationsForIntake(ctx.db)).map((c) => c.id);
    expect(intake).toContain(lettersOnly);
    expect(intake).not.toContain(draftId);
  });
});
