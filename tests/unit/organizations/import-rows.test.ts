import { expect, it } from "vitest";
import { parseImportCsv, parseKind, parseLevel } from "~/organizations/import-rows.ts";

it("reads levels as codes, slugs or Vietnamese words", () => {
  expect(["trung-uong", "Trung ương", "TW", "CENTRAL"].map(parseLevel)).toEqual(["CENTRAL", "CENTRAL", "CENTRAL", "CENTRAL"]);
  expect(["tinh", "Tỉnh", "Cấp tỉnh", "Thành phố"].map(parseLevel)).toEqual(["PROVINCE", "PROVINCE", "PROVINCE", "PROVINCE"]);
  expect(["huyen", "Huyện", "Quận", "thị xã"].map(parseLevel)).toEqual(["DISTRICT", "DISTRICT", "DISTRICT", "DISTRICT"]);
  expect(["xa", "Xã", "Phường", "Đặc khu", "cấp xã"].map(parseLevel)).toEqual(["COMMUNE", "COMMUNE", "COMMUNE", "COMMUNE", "COMMUNE"]);
  expect(parseLevel("thôn")).toBeNull();
});

it("reads kinds as codes or the organizations' names", () => {
  const cases: [string, string | null][] = [
    ["MTTQ", "MTTQ"],
    ["Ủy ban Mặt trận Tổ quốc", "MTTQ"],
    ["doan thanh nien", "DOAN_THANH_NIEN"],
    ["Tỉnh đoàn", "DOAN_THANH_NIEN"],
    ["Hội Liên hiệp Phụ nữ", "PHU_NU"],
    ["Liên đoàn Lao động", "CONG_DOAN"],
    ["Công đoàn", "CONG_DOAN"],
    ["cong-doan", "CONG_DOAN"],
    ["Hội Nông dân", "NONG_DAN"],
    ["Hội Cựu chiến binh", "CUU_CHIEN_BINH"],
    ["khác", "KHAC"],
    ["Hội Đá bóng", null],
  ];
  for (const [text, kind] of cases) expect(parseKind(text), text).toBe(kind);
});

it("checks every row, keeps parents named after their children, and restores lost leading zeros", async () => {
  const result = await parseImportCsv(
    [
      '"Mã","Tên","Cấp","Loại","Mã cấp trên","Mã địa bàn"',
      "X1,Ủy ban MTTQ xã Một,xa,,T,4",
      "T,Ủy ban MTTQ tỉnh,tinh,MTTQ,,1",
      ",,,,,",
      "H,Huyện,huyen,MTTQ,T,",
    ].join("\n"),
  );
  expect(result).toEqual({
    ok: true,
    rows: [
      { line: 2, code: "X1", name: "Ủy ban MTTQ xã Một", level: "COMMUNE", kind: "MTTQ", parentCode: "T", localityCode: "00004" },
      { line: 3, code: "T", name: "Ủy ban MTTQ tỉnh", level: "PROVINCE", kind: "MTTQ", parentCode: null, localityCode: "01" },
      { line: 5, code: "H", name: "Huyện", level: "DISTRICT", kind: "MTTQ", parentCode: "T", localityCode: null },
    ],
  });
});

it("reports each bad row with its problems, and wrong headers as one message", async () => {
  const result = await parseImportCsv(["ma,ten,cap,loai,ma_cap_tren,ma_dia_ban", "a b,X,làng,Hội Đá bóng,a b,12a", "ok,Tên đúng,xa,,,"].join("\n"));
  expect(result).toMatchObject({ ok: false, errors: [{ line: 2 }] });
  if (!result.ok)
    expect(result.errors[0]!.messages).toEqual([
      expect.stringContaining("Mã tổ chức gồm chữ, số"),
      "Vui lòng nhập tên tổ chức (ít nhất 2 ký tự).",
      expect.stringContaining("Mã cấp trên không hợp lệ"),
      expect.stringContaining("Mã địa bàn gồm 2 chữ số"),
      "Cấp «làng» không hợp lệ: dùng trung-uong, tinh, huyen hoặc xa.",
      expect.stringContaining("Loại «Hội Đá bóng» không hợp lệ"),
      "Mã cấp trên không được là mã của chính tổ chức này.",
    ]);
  expect(await parseImportCsv("ma,ten\nA,B")).toMatchObject({ ok: false, formError: expect.stringContaining("thiếu cột cap") });
  expect(await parseImportCsv("ma,ten,cap,parent\nA,B,xa,C")).toMatchObject({ ok: false, formError: expect.stringContaining("cột không nhận ra: «parent»") });
  expect(await parseImportCsv("ma,ten,cap\n")).toMatchObject({ ok: false, formError: expect.stringContaining("không có dòng dữ liệu") });
});
