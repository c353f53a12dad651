import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ANONYMOUS_NAME } from "~/text/display-name.ts";
import { NOTIFICATION_KEEP_MS } from "~/notifications/outbox.server.ts";
import { personalDataRetentionDays } from "~/personal-data/retention.server.ts";
import { formatCount } from "~/platform/format.ts";
import { CACHEABLE_PAGE_HEADERS } from "~/platform/page-cache.server.ts";
import { exportRetentionDays } from "~/reports/export/jobs.server.ts";

export const meta: MetaFunction = () => [{ title: "Thông báo xử lý dữ liệu cá nhân" }];
export const headers: HeadersFunction = () => CACHEABLE_PAGE_HEADERS;

// The notice the comment form links to (Decree 13/2023/NĐ-CP on personal data protection). It says
// what the app actually does (app/personal-data, ADR 027); the periods come from the settings.
export function loader() {
  return {
    contactDays: personalDataRetentionDays(),
    exportDays: exportRetentionDays(),
    emailDays: Math.round(NOTIFICATION_KEEP_MS / 86_400_000),
  };
}

export default function PrivacyNotice() {
  const { contactDays, exportDays, emailDays } = useLoaderData<typeof loader>();
  return (
    <article className="prose">
      <h1>Thông báo xử lý dữ liệu cá nhân</h1>
      <p>Ban tổ chức lấy ý kiến xử lý dữ liệu cá nhân của người góp ý theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, như sau.</p>

      <h2>Dữ liệu được lưu</h2>
      <ul>
        <li>
          Khi bạn góp ý trên trang này: họ và tên; thư điện tử hoặc số điện thoại; tỉnh, thành phố và xã, phường nơi sinh sống; nếu bạn chọn: nghề nghiệp, độ
          tuổi, tổ chức mà bạn thay mặt; nội dung góp ý, ý kiến (tán thành, không tán thành, ý kiến khác), đoạn văn được trích; thời điểm gửi và thời điểm bạn
          đồng ý cho xử lý dữ liệu.
        </li>
        <li>Ý kiến tại hội nghị hoặc bằng thư: tổ chức tiếp nhận ghi lại nội dung cùng những thông tin trên mà bạn cung cấp.</li>
        <li>Thư điện tử báo kết quả kiểm duyệt gửi tới bạn, nếu bạn để lại thư điện tử.</li>
        <li>
          Địa chỉ mạng (IP) của bạn không được lưu: hệ thống chỉ giữ một mã băm có khóa của địa chỉ để phát hiện việc gửi hàng loạt, không thể dùng để tìm lại
          địa chỉ.
        </li>
      </ul>

      <h2>Mục đích</h2>
      <p>
        Dữ liệu được dùng để tiếp nhận, biên tập, tổng hợp và báo cáo ý kiến góp ý vào dự thảo; để liên hệ lại với bạn khi cần làm rõ ý kiến; và để thống kê ý
        kiến theo địa bàn, nghề nghiệp, độ tuổi.
      </p>

      <h2>Công khai</h2>
      <p>
        Khi góp ý được đăng, chỉ nội dung, ý kiến (tán thành, không tán thành, ý kiến khác), họ tên rút gọn (ví dụ «Nguyễn V. A.») và địa bàn được hiển thị. Thư
        điện tử và số điện thoại không bao giờ được công khai; trong báo cáo, chỉ người có thẩm quyền mới xem được.
      </p>

      <h2>Thời gian lưu giữ</h2>
      <ul>
        <li>
          {`Thư điện tử, số điện thoại và mã băm địa chỉ mạng: ${
            contactDays === null
              ? "giữ trong thời gian lấy ý kiến và tổng hợp báo cáo, cho đến khi bạn yêu cầu xóa."
              : `tự động xóa ${formatCount(contactDays)} ngày sau khi đợt lấy ý kiến kết thúc, hoặc sớm hơn khi bạn yêu cầu.`
          }`}
        </li>
        <li>Nội dung góp ý, họ tên và địa bàn: giữ cùng hồ sơ của đợt lấy ý kiến, trừ khi bạn yêu cầu ẩn danh hoặc xóa.</li>
        <li>{`Thư điện tử báo kết quả kiểm duyệt: xóa ${formatCount(emailDays)} ngày sau khi gửi.`}</li>
        <li>{`Tệp báo cáo có dữ liệu cá nhân do cán bộ xuất ra: xóa khỏi máy chủ ${formatCount(exportDays)} ngày sau khi tạo.`}</li>
      </ul>

      <h2>Quyền của bạn và cách yêu cầu</h2>
      <p>
        Bạn có quyền được biết, xem, sửa hoặc xóa dữ liệu của mình và rút lại sự đồng ý. Hãy gửi yêu cầu tới Ban tổ chức lấy ý kiến (hoặc tổ chức đã tiếp nhận ý
        kiến của bạn tại hội nghị), ghi rõ thư điện tử hoặc số điện thoại bạn đã dùng khi góp ý; Ban tổ chức có thể liên hệ lại qua chính địa chỉ hoặc số đó để
        xác minh. Cán bộ được giao quyền tìm mọi ý kiến đã gửi kèm thông tin đó (trên trang này, tại hội nghị hoặc bằng thư), rồi theo yêu cầu của bạn:
      </p>
      <ul>
        <li>gửi cho bạn một tệp gồm toàn bộ dữ liệu hệ thống lưu về bạn, kể cả các thư điện tử đã gửi hoặc đang chờ gửi cho bạn;</li>
        <li>sửa họ tên, thư điện tử, số điện thoại;</li>
        <li>
          {`ẩn danh, nếu bạn đồng ý để lại ý kiến: nội dung và tỉnh, thành phố được giữ và vẫn được tính trong thống kê, họ tên hiển thị là «${ANONYMOUS_NAME}»; thư điện tử, số điện thoại, xã, phường và tổ chức thay mặt bị xóa;`}
        </li>
        <li>hoặc xóa: nội dung và mọi dữ liệu cá nhân của ý kiến bị xóa, ý kiến không còn trên trang công khai, trong tìm kiếm, thống kê và báo cáo.</li>
      </ul>
      <p>
        Sau khi ẩn danh hoặc xóa, đường dẫn theo dõi ý kiến không còn hoạt động. Mỗi yêu cầu được xử lý kèm lý do và ghi vào nhật ký hoạt động; nhật ký ghi việc
        đã làm, không chép lại thông tin liên hệ của bạn. Nhật ký kiểm duyệt, chỉ cán bộ có thẩm quyền xem được, vẫn giữ nội dung gốc và bản đã biên tập nếu ý
        kiến từng được biên tập trước khi đăng.
      </p>
      <p>
        Lỡ mất đường dẫn theo dõi? Nếu đã để lại thư điện tử, bạn có thể <a href="/y-kien/khoi-phuc">nhận lại các đường dẫn qua thư</a>; nếu chỉ để lại số điện
        thoại, đường dẫn là cách duy nhất để xem lại góp ý.
      </p>
      <p>Bạn cần đồng ý với việc xử lý dữ liệu nêu trên để gửi góp ý. Không có dữ liệu nào được chuyển cho bên thứ ba ngoài cơ quan tổ chức lấy ý kiến.</p>
    </article>
  );
}
