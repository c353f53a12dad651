import { STANCES } from "~/vocabulary/vocabulary.ts";
import { z } from "zod";
import { normalizeText } from "~/text/normalize.ts";
import { DATE_FORMAT_HINT, parseDateText, type CalendarDate } from "./dates.ts";

// The conference (or letter) form and the one-opinion form: one zod schema each, shared by the page
// and the service. Dates come from <input type="date"> (2026-11-25) or are typed (25/11/2026).

export const CHANNELS = { CONFERENCE: "Hội nghị", LETTER: "Thư, văn bản góp ý" } as const;
export type ChannelValue = keyof typeof CHANNELS;

const line = (max: number, message?: string) =>
  z.preprocess((s) => (typeof s === "string" ? normalizeText(s, { multiline: false }) : ""), z.string().max(max, message ?? `Tối đa ${max} ký tự.`));

export const conferenceFormSchema = z.object({
  consultationId: z.string({ required_error: "Vui lòng chọn dự thảo." }).min(1, "Vui lòng chọn dự thảo.").max(64),
  organizationId: z.string({ required_error: "Vui lòng chọn tổ chức." }).min(1, "Vui lòng chọn tổ chức.").max(64),
  channel: z.enum(["CONFERENCE", "LETTER"], { errorMap: () => ({ message: "Vui lòng chọn hội nghị hoặc thư, văn bản góp ý." }) }),
  title: line(200, "Tên hội nghị dài tối đa 200 ký tự.").pipe(z.string().min(3, "Vui lòng nhập tên hội nghị hoặc tiêu đề thư (ít nhất 3 ký tự).")),
  heldOn: z.string({ required_error: "Vui lòng nhập ngày." }).transform((s, ctx): CalendarDate => {
    const date = parseDateText(s);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: s.trim() ? `Ngày không đọc được: ghi theo dạng ${DATE_FORMAT_HINT}.` : "Vui lòng nhập ngày." });
      return z.NEVER;
    }
    return date;
  }),
  place: line(200),
  attendees: z.preprocess(
    (s) => (typeof s === "string" && s.trim() !== "" ? Number(s.trim().replace(/[.\s]/g, "")) : null),
    z
      .number({ invalid_type_error: "Số người dự là một số nguyên." })
      .int("Số người dự là một số nguyên.")
      .min(0, "Số người dự không âm.")
      .max(10_000_000, "Số người dự quá lớn.")
      .nullable(),
  ),
  chairperson: line(100),
  note: z.preprocess((s) => (typeof s === "string" ? normalizeText(s, { multiline: true }) : ""), z.string().max(2000, "Ghi chú dài tối đa 2.000 ký tự.")),
});
export type ConferenceInput = z.output<typeof conferenceFormSchema>;
export const CONFERENCE_FIELDS = ["consultationId", "organizationId", "channel", "title", "heldOn", "place", "attendees", "chairperson", "note"] as const;

/** One opinion typed in the page; the character limit and the block are checked by the service. */
export const opinionFormSchema = z.object({
  blockKey: z.preprocess((s) => (typeof s === "string" && s !== "" ? s : null), z.string().max(64).nullable()),
  stance: z.enum(["AGREE", "DISAGREE", "OTHER"], {
    errorMap: () => ({ message: `Vui lòng chọn ${STANCES.AGREE}, ${STANCES.DISAGREE} hoặc ${STANCES.OTHER}.` }),
  }),
  text: z.preprocess((s) => (typeof s === "string" ? normalizeText(s, { multiline: true }) : ""), z.string().min(1, "Vui lòng nhập nội dung ý kiến.")),
  authorName: z.preprocess(
    (s) => (typeof s === "string" ? normalizeText(s, { multiline: false }) || null : null),
    z.string().max(100, "Tên dài tối đa 100 ký tự.").nullable(),
  ),
});
export type OpinionInput = z.output<typeof opinionFormSchema>;
export const OPINION_FIELDS = ["blockKey", "stance", "text", "authorName"] as const;
