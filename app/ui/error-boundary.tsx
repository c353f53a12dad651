import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "Yêu cầu không hợp lệ", body: "Dữ liệu gửi lên không đúng. Vui lòng kiểm tra và thử lại." },
  403: { title: "Không có quyền truy cập", body: "Tài khoản của bạn không được phép xem trang này." },
  404: { title: "Không tìm thấy trang", body: "Địa chỉ này không tồn tại hoặc dự thảo chưa được công bố." },
  503: { title: "Hệ thống tạm thời gián đoạn", body: "Vui lòng thử lại sau ít phút." },
};

/** One error page for every route: a Vietnamese message that says what happened and where to go. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A refusal with its own words (e.g. 415 from readFormData) says them.
  const said = isRouteErrorResponse(error) && status < 500 && typeof error.data === "string" && error.data.trim() ? error.data : null;
  const message = MESSAGES[status] ??
    (said ? { title: "Yêu cầu không được chấp nhận", body: said } : null) ?? {
      title: "Đã có lỗi xảy ra",
      body: "Hệ thống gặp sự cố ngoài ý muốn. Vui lòng tải lại trang hoặc quay lại sau.",
    };
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{message.title}</h1>
      <p>{message.body}</p>
      <p>
        <Link to="/">Về trang chủ</Link>
      </p>
    </section>
  );
}
