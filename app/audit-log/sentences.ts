import { STAFF_STATUS_LABEL } from "~/consultations/status.ts";
import { KIND_LABELS, LEVEL_LABELS } from "~/organizations/kinds.ts";
import { ROLE_LABELS } from "~/staff/permissions.ts";
import { formatDateTime } from "~/platform/format.ts";
import { wordDiff, type DiffSegment } from "~/text/word-diff.ts";
import { CHANNELS, COMMENT_STATUSES, CONSULTATION_KINDS } from "~/vocabulary/vocabulary.ts";

// The audit log as a person reads it (issue 16, item 8): each event one Vietnamese sentence (who did
// what to what, linked to it), and what changed, field by field, an edited text as a word diff. No
// stored code or JSON reaches the page; the CSV keeps the codes beside the sentence.

/** One stored event, with its actor's name. */
export interface AuditRow {
  action: string;
  actorName: string | null;
  commentId: string | null;
  groupId: string | null;
  subject: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
}

export interface AuditChange {
  label: string;
  before: string | null;
  after: string | null;
  /** Both sides are text: what changed, syllable by syllable. */
  diff: DiffSegment[] | null;
}

export interface AuditSentence {
  /** Who: the actor's name, or who acts without signing in. */
  actor: string;
  /** What they did, up to the object ("đã duyệt"). */
  verb: string;
  /** What it was done to ("ý kiến", "tài khoản Trần Thị Bình"), linked by href when it has a page. */
  object: string | null;
  href: string | null;
  /** The whole sentence, for the CSV. */
  text: string;
  changes: AuditChange[];
}

type Template = { verb: string; object?: string; system?: string };

/**
 * Every action's sentence. The object named after the verb comes from the event (its comment, group
 * or subject) unless `object` says it; `system` replaces "Hệ thống" when no one signed in acted.
 */
export const AUDIT_SENTENCES: Record<string, Template> = {
  claim: { verb: "đã nhận xử lý" },
  release: { verb: "đã trả lại, không xử lý tiếp" },
  approve: { verb: "đã duyệt" },
  reject: { verb: "đã từ chối" },
  edit: { verb: "đã biên tập rồi duyệt" },
  "bulk-approve": { verb: "đã duyệt (cùng lúc nhiều ý kiến)" },
  "bulk-reject": { verb: "đã từ chối (cùng lúc nhiều ý kiến)" },
  "sign-in": { verb: "đã đăng nhập", object: "" },
  "sign-in-failed": { verb: "đăng nhập không thành công vào", system: "Một người chưa xác định" },
  "sign-out": { verb: "đã đăng xuất", object: "" },
  "sign-out-everywhere": { verb: "đã đăng xuất khỏi mọi thiết bị", object: "" },
  "user-create": { verb: "đã tạo" },
  "user-update": { verb: "đã sửa" },
  "role-change": { verb: "đã đổi vai trò của" },
  settings: { verb: "đã đổi cài đặt" },
  export: { verb: "đã xuất dữ liệu" },
  "org-create": { verb: "đã thêm" },
  "org-update": { verb: "đã sửa" },
  "org-import": { verb: "đã nhập cây tổ chức" },
  "conference-create": { verb: "đã ghi nhận" },
  "conference-import": { verb: "đã nhập ý kiến từ tệp cho" },
  "conference-opinion": { verb: "đã thêm một ý kiến cho" },
  "personal-data-export": { verb: "đã xuất dữ liệu cá nhân cho người yêu cầu, của" },
  "personal-data-correct": { verb: "đã sửa thông tin liên hệ theo yêu cầu, của" },
  "personal-data-anonymize": { verb: "đã ẩn danh theo yêu cầu" },
  "personal-data-delete": { verb: "đã xóa theo yêu cầu" },
  "personal-data-retention": { verb: "đã tự động xóa thông tin liên hệ hết hạn lưu giữ của các ý kiến trong" },
  "draft-create": { verb: "đã tạo" },
  "draft-update": { verb: "đã sửa thông tin của" },
  "draft-import": { verb: "đã nhập bản dự thảo cho" },
  "draft-publish": { verb: "đã công bố bản dự thảo của" },
  "draft-match": { verb: "đã sửa đối chiếu các đoạn của bản sửa đổi của" },
  "draft-schedule": { verb: "đã lên lịch lấy ý kiến cho" },
  "draft-open": { verb: "đã mở lấy ý kiến" },
  "draft-close": { verb: "đã kết thúc lấy ý kiến" },
  "draft-extend": { verb: "đã gia hạn lấy ý kiến" },
  answer: { verb: "đã trả lời", object: "ý kiến" },
  "answer-correct": { verb: "đã sửa câu trả lời", object: "" },
};

/** The sentence of an action this code does not know yet. */
const UNKNOWN: Template = { verb: "đã thực hiện một thao tác khác trên" };

/** What a field of a stored before/after is called. */
const FIELDS: Record<string, string> = {
  title: "Tiêu đề",
  slug: "Đường dẫn",
  summary: "Tóm tắt",
  issuingBody: "Cơ quan chủ trì soạn thảo",
  kind: "Loại",
  opensAt: "Bắt đầu lấy ý kiến",
  closesAt: "Kết thúc lấy ý kiến",
  commentCharLimit: "Số ký tự tối đa của một ý kiến",
  acceptsOnline: "Nhận ý kiến trực tuyến",
  acceptsConference: "Nhận ý kiến qua hội nghị",
  acceptsLetter: "Nhận ý kiến bằng thư, văn bản",
  email: "Thư điện tử",
  name: "Tên",
  role: "Vai trò",
  organizationId: "Tổ chức",
  active: "Đang hoạt động",
  code: "Mã",
  level: "Cấp",
  parentId: "Trực thuộc",
  localityCode: "Mã địa bàn",
  consultationId: "Đợt lấy ý kiến",
  channel: "Hình thức",
  heldOn: "Ngày",
  place: "Địa điểm",
  attendees: "Số người dự",
  chairperson: "Người chủ trì",
  note: "Ghi chú",
  status: "Trạng thái",
  count: "Số ý kiến",
  created: "Tổ chức mới (mã)",
  updated: "Tổ chức cập nhật (mã)",
  disposition: "Hình thức trả lời",
};

/** Stored codes in words: roles, states, kinds, levels, channels, statuses. */
const CODES: Record<string, string> = {
  ...ROLE_LABELS,
  ...LEVEL_LABELS,
  ...KIND_LABELS,
  ...CONSULTATION_KINDS,
  ...CHANNELS,
  ...COMMENT_STATUSES,
  DELETED: "Đã xóa",
  DRAFT: STAFF_STATUS_LABEL.draft,
  SCHEDULED: STAFF_STATUS_LABEL.upcoming,
  OPEN: STAFF_STATUS_LABEL.open,
  CLOSED: STAFF_STATUS_LABEL.closed,
};

/** The settings an administrator changes at /quan-tri/cai-dat, by their key. */
const SETTINGS: Record<string, string> = {
  captcha: "mã xác minh chống gửi tự động",
  "moderation.profanity": "danh sách từ ngữ không phù hợp",
};

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

/** A stored value in words; ids are looked up in `names` ("organization:<id>", "consultation:<id>"). */
function valueText(key: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "") return "(trống)";
  if (typeof value === "boolean") return value ? "có" : "không";
  if (Array.isArray(value)) return value.map((v) => valueText(key, v, names)).join(", ") || "(trống)";
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  if (typeof value === "object")
    return Object.entries(value)
      .map(([k, v]) => `${FIELDS[k] ?? "Khác"}: ${valueText(k, v, names)}`)
      .join("; ");
  const text = String(value);
  if (key === "organizationId" || key === "parentId") return names.get(`organization:${text}`) ?? "(tổ chức không còn)";
  if (key === "consultationId") return names.get(`consultation:${text}`) ?? "(đợt lấy ý kiến không còn)";
  if (ISO.test(text)) return formatDateTime(new Date(text));
  return CODES[text] ?? text;
}

const parseObject = (text: string | null): Record<string, unknown> | null => {
  if (!text || !text.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** What changed: field by field for stored objects, else the two texts (diffed when both are text). */
function changesOf(row: AuditRow, names: ReadonlyMap<string, string>): AuditChange[] {
  const before = parseObject(row.before);
  const after = parseObject(row.after);
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys.map((key) => {
      const b = before && key in before ? valueText(key, before[key], names) : null;
      const a = after && key in after ? valueText(key, after[key], names) : null;
      const long = (before?.[key] ?? "").toString().length > 40 || (after?.[key] ?? "").toString().length > 40;
      return { label: FIELDS[key] ?? "Thông tin khác", before: b, after: a, diff: b !== null && a !== null && long ? wordDiff(b, a) : null };
    });
  }
  if (row.before === null && row.after === null) return [];
  const label = row.action === "reject" || row.action === "bulk-reject" ? "Lý do" : "Nội dung";
  const b = row.before === null ? null : valueText("", row.before, names);
  const a = row.after === null ? null : valueText("", row.after, names);
  return [{ label, before: b, after: a, diff: b !== null && a !== null ? wordDiff(b, a) : null }];
}

/** The object of the sentence and its page, from what the event is about. */
function objectOf(row: AuditRow, names: ReadonlyMap<string, string>): { object: string | null; href: string | null } {
  if (row.commentId) return { object: "ý kiến", href: `/quan-tri/kiem-duyet?comment=${encodeURIComponent(row.commentId)}` };
  if (row.groupId) return { object: "một nhóm ý kiến trùng lặp", href: "/quan-tri/kiem-duyet?view=groups" };
  const subject = row.subject;
  if (!subject) return { object: null, href: null };
  const colon = subject.indexOf(":");
  const kind = colon < 0 ? subject : subject.slice(0, colon);
  const id = colon < 0 ? "" : subject.slice(colon + 1);
  const name = names.get(subject);
  const quoted = (noun: string, missing: string) => (name ? `${noun} «${name}»` : `${noun} ${missing}`);
  switch (kind) {
    case "user":
      return { object: quoted("tài khoản", "(đã xóa)"), href: `/quan-tri/tai-khoan/${encodeURIComponent(id)}` };
    case "consultation":
      return { object: quoted("đợt lấy ý kiến", "(đã xóa)"), href: `/quan-tri/du-thao/${encodeURIComponent(id)}` };
    case "organization":
      return { object: quoted("tổ chức", "(đã xóa)"), href: `/quan-tri/to-chuc/${encodeURIComponent(id)}` };
    case "conference":
      return { object: quoted("hội nghị", "(đã xóa)"), href: `/quan-tri/hoi-nghi/${encodeURIComponent(id)}` };
    case "file":
      return { object: `từ tệp «${id}»`, href: null };
    case "demo":
      return { object: "(dữ liệu mẫu)", href: null };
    case "audit-log":
      return { object: "của nhật ký hoạt động", href: "/quan-tri/nhat-ky" };
    case "setting":
      return { object: SETTINGS[id] ?? "(một cài đặt khác)", href: "/quan-tri/cai-dat" };
    case "reject-reason":
      return { object: "lý do từ chối", href: "/quan-tri/cai-dat" };
    case "answer":
      return { object: null, href: null };
    default:
      return { object: "một đối tượng khác", href: null };
  }
}

/** The event as a sentence, with its link and what changed. `names` resolves subjects and ids (audit-log.server.ts subjectNames). */
export function describeAudit(row: AuditRow, names: ReadonlyMap<string, string>): AuditSentence {
  const template = AUDIT_SENTENCES[row.action] ?? UNKNOWN;
  const actor = row.actorName ?? template.system ?? "Hệ thống (tự động hoặc dòng lệnh)";
  let { object, href } = objectOf(row, names);
  if (template.object !== undefined && !row.commentId) [object, href] = [template.object || null, null];
  let verb = template.verb;
  const after = parseObject(row.after);
  // recordAnswer writes the disposition and the count in the note ("Tiếp thu; 12 ý kiến") and the explanation as `after`.
  if (row.action === "answer" && !after && row.note) {
    const [label, count, ...rest] = row.note.split("; ");
    object = count ? `${count}: ${label}${rest.length ? ` (${rest.join("; ")})` : ""}` : row.note;
  }
  if (row.action === "answer" && after && typeof after.count === "number") {
    object = `${after.count.toLocaleString("vi-VN")} ý kiến`;
    if (after.disposition) object += `: ${valueText("disposition", after.disposition, names)}`;
  }
  if (row.action === "conference-import" && after && typeof after.count === "number") verb = `đã nhập ${after.count.toLocaleString("vi-VN")} ý kiến từ tệp cho`;
  // An answer's page is found from its consultation, which the event does not name: no link (the helper of issue 16 writes them).
  if (row.action === "answer" || row.action === "answer-correct") href = null;
  const changes = row.action === "conference-import" || row.action === "answer" ? [] : changesOf(row, names);
  const text = `${actor} ${verb}${object ? ` ${object}` : ""}.`;
  return { actor, verb, object, href, text, changes };
}

/** A stored event as read by the log (audit-log.server.ts), with its actor. */
export interface StoredAuditEvent extends Omit<AuditRow, "actorName"> {
  actor: { name: string } | null;
}

/** describeAudit of a stored event. */
export function describeEvent(event: StoredAuditEvent, names: ReadonlyMap<string, string>): AuditSentence {
  const { actor, ...rest } = event;
  return describeAudit({ ...rest, actorName: actor?.name ?? null }, names);
}

/** The sentence alone, for the CSV's column. */
export const auditSentenceText = (event: StoredAuditEvent, names: ReadonlyMap<string, string>) => describeEvent(event, names).text;
