/**
 * The body of a form post. Anything else (JSON, a broken multipart body) is answered with 415 and a
 * Vietnamese message instead of surfacing as a server error.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Dữ liệu gửi lên không đúng định dạng biểu mẫu.", { status: 415, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
