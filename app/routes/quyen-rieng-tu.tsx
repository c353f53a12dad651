import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { CACHEABLE_PAGE_HEADERS } from "~/platform/page-cache.server.ts";

export const meta: MetaFunction = () => [{ title: "Thông báo xử lý dữ liệu cá nhân" }];
export const headers: HeadersFunction = () => CACHEABLE_PAGE_HEADERS;

// The short notice the comment form links to (Decree 13/2023/NĐ-CP on personal data protection).
export default function PrivacyNotice() {
  return (
    <article className="prose">
      <h1>Thông báo xử lý dữ liệu cá nhân</h1>
      <p>Khi gửi góp ý, bạn cung cấp cho Ban tổ chức lấy ý kiến các dữ liệu cá nhân sau: họ và tên, thư điện tử hoặc số điện thoại, nơi sinh sống; và nếu bạn chọn: nghề nghiệp, độ tuổi, tổ chức mà bạn thay mặt.</p>
      <h2>Mục đích</h2>
      <p>Dữ liệu được dùng để tiếp nhận, biên tập, tổng hợp và báo cáo ý kiến góp ý vào dự thảo; để liên hệ lại với bạn khi cần làm rõ ý kiến; và để thống kê ý kiến theo địa bàn, nghề nghiệp, độ tuổi.</p>
      <h2>Công khai</h2>
      <p>Khi góp ý được đăng, chỉ nội dung, ý kiến (tán thành, không tán thành, ý kiến khác), họ tên rút gọn (ví dụ «Nguyễn V. A.») và địa bàn được hiển thị. Thư điện tử và số điện thoại không bao giờ được công khai; trong báo cáo, chỉ người có thẩm quyền mới xem được.</p>
      <h2>Lưu trữ và quyền của bạn</h2>
      <p>Dữ liệu được lưu trong thời gian cần thiết cho đợt lấy ý kiến và việc báo cáo kết quả. Bạn có quyền biết, yêu cầu xem, chỉnh sửa hoặc xóa dữ liệu của mình, và rút lại sự đồng ý, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, bằng cách liên hệ với Ban tổ chức.</p>
      <p>Bạn cần đồng ý với việc xử lý dữ liệu nêu trên để gửi góp ý. Không có dữ liệu nào được chuyển cho bên thứ ba ngoài cơ quan tổ chức lấy ý kiến.</p>
    </article>
  );
}
