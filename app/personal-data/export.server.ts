import { CHANNELS, COMMENT_STATUSES as STATUS_LABELS, STANCES } from "~/vocabulary/vocabulary.ts";
import { formatDateTime } from "~/platform/format.ts";
import type { GivenSupport } from "~/comments/supports.server.ts";
import type { FoundOpinion, HeldNotification } from "./find.server.ts";

// The file handed to a person who asked what the app holds on them: one JSON document, readable as it
// is (Vietnamese keys and labels, dates as Vietnam time) and by a program (ISO dates beside them).
// Everything the database keeps about their opinions, the emails sent or waiting to be sent to them, and
// the opinions they supported (đồng tình) giving this contact (found by its keyed hash, ADR 046).

const date = (at: Date | null) => (at ? { "Thời điểm": formatDateTime(at), ISO: at.toISOString() } : null);

export function personalDataDocument(input: {
  contact: string;
  opinions: FoundOpinion[];
  notifications: HeldNotification[];
  supports?: GivenSupport[];
  now: Date;
}) {
  return {
    "Tiêu đề": "Dữ liệu cá nhân do hệ thống Góp ý dự thảo văn kiện lưu giữ",
    "Căn cứ": "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân",
    "Thông tin liên hệ được tra cứu": input.contact,
    "Ngày xuất": date(input.now),
    "Số ý kiến": input.opinions.length,
    "Ý kiến": input.opinions.map((o) => ({
      "Mã ý kiến": o.id,
      "Đợt lấy ý kiến": o.consultationTitle,
      "Vị trí trong dự thảo": o.blockLabel ?? "Toàn văn dự thảo",
      "Đoạn trích dẫn": o.quote,
      "Hình thức": CHANNELS[o.channel],
      "Hội nghị hoặc thư": o.conferenceTitle,
      "Tổ chức tiếp nhận": o.organizationName,
      "Quan điểm": STANCES[o.stance],
      "Nội dung đã gửi": o.originalText,
      "Nội dung được đăng (đã biên tập)": o.publishedText,
      "Đề xuất sửa thành": o.proposedText,
      "Trạng thái": STATUS_LABELS[o.status] ?? o.status,
      "Lý do không đăng": o.rejectReason,
      "Họ và tên": o.authorName,
      "Thư điện tử": o.authorEmail,
      "Số điện thoại": o.authorPhone,
      "Nơi sinh sống": o.locality.join(", ") || null,
      "Mã tỉnh, thành phố": o.provinceCode,
      "Mã xã, phường": o.communeCode,
      "Nghề nghiệp": o.occupation,
      "Độ tuổi": o.ageGroup,
      "Thay mặt": o.onBehalfOf,
      "Đồng ý xử lý dữ liệu cá nhân lúc": date(o.consentAt),
      "Gửi lúc": date(o.createdAt),
      "Kiểm duyệt lúc": date(o.decidedAt),
    })),
    "Thư điện tử đã gửi hoặc chờ gửi": input.notifications.map((n) => ({
      "Gửi đến": n.to,
      "Tiêu đề": n.subject,
      "Nội dung": n.text,
      "Về ý kiến": n.commentId,
      "Tạo lúc": date(n.createdAt),
      "Đã gửi lúc": date(n.sentAt),
      "Trạng thái": n.sentAt ? "Đã gửi" : n.waiting ? "Đang chờ gửi" : "Không gửi được",
    })),
    "Đồng tình với ý kiến (đã để lại thông tin liên hệ này)": (input.supports ?? []).map((s) => ({
      "Mã ý kiến": s.commentId,
      "Đợt lấy ý kiến": s.consultationTitle,
      "Ý kiến được đồng tình": s.opinionText,
      Lúc: date(s.createdAt),
    })),
    "Ghi chú":
      "Địa chỉ mạng (IP) của người gửi không được lưu; hệ thống chỉ giữ một mã băm có khóa của địa chỉ để phát hiện gửi hàng loạt, không thể dùng để tìm lại địa chỉ.",
  };
}
