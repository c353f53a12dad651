import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/staff/auth.server.ts";

// An example organizations file: the header row and a small tree whose parents come after their children.
const SAMPLE = [
  "ma,ten,cap,loai,ma_cap_tren,ma_dia_ban",
  "VD-XA-1,Ủy ban MTTQ xã Ví Dụ,xa,MTTQ,VD-TINH,",
  "VD-TINH,Ủy ban MTTQ tỉnh Ví Dụ,tinh,MTTQ,,08",
  "VD-TINH-DOAN,Tỉnh đoàn Ví Dụ,tinh,DOAN_THANH_NIEN,VD-TINH,08",
  "VD-TINH-PN,Hội Liên hiệp Phụ nữ tỉnh Ví Dụ,tinh,PHU_NU,VD-TINH,08",
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "organizations.manage");
  // The BOM makes Excel read the file as UTF-8.
  return new Response(`\uFEFF${SAMPLE.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mau-to-chuc.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
