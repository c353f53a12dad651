import type { LoaderFunctionArgs } from "@remix-run/node";
import { findProvince, listCommunes } from "~/localities/localities.server.ts";

// The communes of one province, for the comment form's second list when JavaScript is on.
export function loader({ params }: LoaderFunctionArgs) {
  const code = params.province ?? "";
  if (!findProvince(code)) {
    return Response.json({ error: "Không tìm thấy tỉnh, thành phố." }, { status: 404 });
  }
  const communes = listCommunes(code).map(({ code, name }) => ({ code, name }));
  return Response.json(communes, { headers: { "Cache-Control": "public, max-age=86400" } });
}
