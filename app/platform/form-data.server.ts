const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function refuse(status: 400 | 415, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The body of a form post. Anything else is answered with a Vietnamese message instead of surfacing as a
 * server error: another content type (JSON, text) with 415, a form body that cannot be read (a broken
 * or truncated multipart body, a missing boundary) with 400. Every action reads its form through here,
 * before it checks the session, so an anonymous sender gets the same answer.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw refuse(415, "Dữ liệu gửi lên không đúng định dạng biểu mẫu. Hãy gửi lại từ biểu mẫu trên trang.");
  }
  try {
    return await request.formData();
  } catch {
    throw refuse(400, "Không đọc được dữ liệu biểu mẫu gửi lên (nội dung bị hỏng hoặc thiếu). Hãy tải lại trang rồi gửi lại.");
  }
}
