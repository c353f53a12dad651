import { afterAll, beforeAll, expect, it } from "vitest";
import { routeFiles } from "./route-files.ts";
import { baseUrl, signInOverHttp, staffFixtures } from "./staff-support.ts";

// Every route with an action, sent what no page of ours sends: a post from another site, a broken
// multipart body, JSON. Each gets a clear 4xx with Vietnamese words, anonymous or signed in, never a
// 500. The routes come from app/routes/ (route-files.ts), with an address for each: a new route with
// an action and no address here fails.
const ADDRESSES: Record<string, string> = {
  "dang-nhap": "/dang-nhap",
  "dang-xuat": "/dang-xuat",
  "du-thao.$slug_.gop-y": "/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/gop-y",
  "du-thao.$slug_.dong-tinh": "/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/dong-tinh",
  "du-thao.$slug_.dong-tinh[.json]": "/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/dong-tinh.json",
  "y-kien.khoi-phuc": "/y-kien/khoi-phuc",
  "quan-tri.du-thao.$id": "/quan-tri/du-thao/khong-co",
  "quan-tri.du-thao.moi": "/quan-tri/du-thao/moi",
  "quan-tri.bao-cao.$consultationId": "/quan-tri/bao-cao/khong-co",
  "quan-tri.cai-dat": "/quan-tri/cai-dat",
  "quan-tri.du-lieu-ca-nhan": "/quan-tri/du-lieu-ca-nhan",
  "quan-tri.du-lieu-ca-nhan_.xuat": "/quan-tri/du-lieu-ca-nhan/xuat",
  "quan-tri.du-thao.$id_.doi-chieu": "/quan-tri/du-thao/khong-co/doi-chieu",
  "quan-tri.du-thao.$id_.nhap": "/quan-tri/du-thao/khong-co/nhap",
  "quan-tri.du-thao.$id_.soan-thao": "/quan-tri/du-thao/khong-co/soan-thao",
  "quan-tri.du-thao.$id_.soan-thao_.luu": "/quan-tri/du-thao/khong-co/soan-thao/luu",
  "quan-tri.hoi-nghi.$id": "/quan-tri/hoi-nghi/khong-co",
  "quan-tri.hoi-nghi.moi": "/quan-tri/hoi-nghi/moi",
  "quan-tri.kiem-duyet": "/quan-tri/kiem-duyet",
  "quan-tri.tai-khoan.$id": "/quan-tri/tai-khoan/khong-co",
  "quan-tri.tiep-thu.$consultationId": "/quan-tri/tiep-thu/khong-co",
  "quan-tri.tai-khoan.moi": "/quan-tri/tai-khoan/moi",
  "quan-tri.to-chuc.$id": "/quan-tri/to-chuc/khong-co",
  "quan-tri.to-chuc._index": "/quan-tri/to-chuc",
  "quan-tri.to-chuc.moi": "/quan-tri/to-chuc/moi",
};

const BOUNDARY = "----gopy-hong";
const HOSTILE: { name: string; body: string; headers: Record<string, string>; status: number; says: string }[] = [
  {
    name: "a post from another site",
    body: "email=a%40b.vn",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://ke-gian.example" },
    status: 403,
    says: "trang web khác",
  },
  {
    name: "a post whose Origin is not an address",
    body: "email=a%40b.vn",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "null" },
    status: 403,
    says: "trang web khác",
  },
  {
    name: "a multipart body cut short",
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="text"\r\n\r\nÝ kiến bị cắt ngang`,
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    status: 400,
    says: "Không đọc được dữ liệu biểu mẫu",
  },
  {
    name: "a multipart body without a boundary",
    body: "email=a%40b.vn",
    headers: { "content-type": "multipart/form-data" },
    status: 400,
    says: "Không đọc được dữ liệu biểu mẫu",
  },
  {
    name: "JSON",
    body: JSON.stringify({ email: "a@b.vn", text: "Ý kiến" }),
    headers: { "content-type": "application/json" },
    status: 415,
    says: "không đúng định dạng biểu mẫu",
  },
];

const fixtures = staffFixtures();
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  const user = await fixtures.createStaff("ADMIN", "Quản Trị Thử Tấn Công");
  admin = await signInOverHttp(fixtures.db, user.email);
});
afterAll(() => fixtures.cleanUp());

it("has an address for every route with an action", () => {
  const withAction = routeFiles().filter((route) => route.action);
  expect(withAction.map((route) => route.file).filter((file) => !(file in ADDRESSES))).toEqual([]);
  for (const route of withAction) expect(ADDRESSES[route.file], route.file).toMatch(route.pattern);
});

it.each(HOSTILE)("$name gets $status and words, anonymous or signed in, on every route with an action", async ({ body, headers, status, says }) => {
  for (const [file, path] of Object.entries(ADDRESSES)) {
    for (const who of ["anonymous", "staff"] as const) {
      const signed: Record<string, string> = who === "staff" ? { cookie: admin.cookie, "x-csrf-token": admin.csrf } : {};
      const response = await fetch(`${baseUrl}${path}`, { method: "POST", body, headers: { ...headers, ...signed }, redirect: "manual" });
      const text = await response.text();
      expect(response.status, `${file} (${who})`).toBe(status);
      expect(text, `${file} (${who})`).toContain(says);
    }
  }
});
