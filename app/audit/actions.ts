// What each audit action means, for the log page, its filter and the CSV export.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  claim: "Nhận xử lý",
  release: "Trả lại",
  approve: "Duyệt",
  reject: "Từ chối",
  edit: "Sửa trước khi đăng",
  "bulk-approve": "Duyệt hàng loạt",
  "bulk-reject": "Từ chối hàng loạt",
  "sign-in": "Đăng nhập",
  "sign-in-failed": "Đăng nhập không thành công",
  "sign-out": "Đăng xuất",
  "sign-out-everywhere": "Đăng xuất khỏi mọi thiết bị",
  "user-create": "Tạo tài khoản",
  "user-update": "Sửa tài khoản",
  "role-change": "Đổi vai trò",
  settings: "Đổi cài đặt",
  export: "Xuất dữ liệu",
  "org-create": "Thêm tổ chức",
  "org-update": "Sửa tổ chức",
  "org-import": "Nhập cây tổ chức",
  "conference-create": "Ghi nhận hội nghị",
  "conference-import": "Nhập ý kiến hội nghị từ tệp",
  "conference-opinion": "Thêm ý kiến hội nghị",
  "personal-data-export": "Xuất dữ liệu cá nhân cho người yêu cầu",
  "personal-data-correct": "Sửa thông tin liên hệ theo yêu cầu",
  "personal-data-anonymize": "Ẩn danh ý kiến theo yêu cầu",
  "personal-data-delete": "Xóa ý kiến theo yêu cầu",
  "personal-data-retention": "Tự động xóa thông tin liên hệ hết hạn lưu giữ",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
