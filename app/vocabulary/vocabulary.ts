// The words of the consultation, one place for all of them: the choices a person picks on the forms
// and the labels every page, export and report shows for the stored values. Plain data, safe in the
// browser and on the server.

/** A comment's stance on the text it is about. */
export const STANCES = {
  AGREE: "Tán thành",
  DISAGREE: "Không tán thành",
  OTHER: "Ý kiến khác",
} as const;
export type StanceValue = keyof typeof STANCES;

export const OCCUPATIONS = [
  "Cán bộ, công chức, viên chức",
  "Công nhân, người lao động",
  "Nông dân",
  "Trí thức, nhà khoa học",
  "Doanh nhân, người kinh doanh",
  "Học sinh, sinh viên",
  "Lực lượng vũ trang",
  "Người nghỉ hưu",
  "Khác",
] as const;

export const AGE_GROUPS = ["Dưới 18 tuổi", "18 - 30 tuổi", "31 - 45 tuổi", "46 - 60 tuổi", "Trên 60 tuổi"] as const;

/** How an opinion reached the consultation. */
export const CHANNELS = {
  ONLINE: "Trực tuyến",
  CONFERENCE: "Hội nghị",
  LETTER: "Thư, văn bản",
} as const;
export type ChannelValue = keyof typeof CHANNELS;
export const CHANNEL_VALUES = Object.keys(CHANNELS) as ChannelValue[];

/** What a consultation is about (Consultation.kind). */
export const CONSULTATION_KINDS = {
  POLITICAL_REPORT: "Báo cáo chính trị",
  LAW: "Dự án luật",
  RESOLUTION: "Nghị quyết",
  OTHER: "Văn bản khác",
} as const;
export type ConsultationKindValue = keyof typeof CONSULTATION_KINDS;

/** A comment's moderation status, as staff pages, search and exports name it. */
export const COMMENT_STATUSES = {
  PENDING: "Chờ duyệt",
  APPROVED: "Đã duyệt",
  REJECTED: "Bị từ chối",
} as const;
export type CommentStatus = keyof typeof COMMENT_STATUSES;

/** The label of a stored status; a value this list does not know is shown as stored. */
export function commentStatusLabel(status: string): string {
  return (COMMENT_STATUSES as Record<string, string>)[status] ?? status;
}
