import { describe, expect, it } from "vitest";
import { documentToBlocks, labelBlocks } from "~/consultations/document/blocks";
import { importStructuredText } from "~/consultations/document/structured-text";
import { readConstitution } from "./fixtures";

// Labels follow the draft's own numbering (issue 16): a lettered point belongs to its numbered item,
// a numbered item is its number, an Điều is cited as a law cites it.

const REPORT = `BÁO CÁO CHÍNH TRỊ

Phần thứ nhất
ĐÁNH GIÁ KẾT QUẢ

Nhiệm kỳ qua có nhiều khó khăn.

I. KẾT QUẢ ĐẠT ĐƯỢC

1. Kinh tế tăng trưởng khá.

2. Các ngành kinh tế đều phát triển.

a) Nông nghiệp theo hướng hàng hóa.

b) Công nghiệp là động lực.

c) Dịch vụ phục hồi nhanh.

3. Tài chính, ngân sách có nhiều tiến bộ.

Thu ngân sách vượt dự toán.

II. HẠN CHẾ

1. Tăng trưởng chưa bền vững.
`;

const LAW = `LUẬT ĐẤT ĐAI

Chương V
QUY HOẠCH

Điều 63. Nguyên tắc

Việc lập quy hoạch phải bảo đảm các nguyên tắc.

Điều 64. Căn cứ

1. Căn cứ lập quy hoạch cấp quốc gia.

2. Căn cứ lập quy hoạch cấp tỉnh gồm:

a) Chiến lược phát triển kinh tế - xã hội;

b) Hiện trạng sử dụng đất.
`;

const labelsOf = (text: string) => Object.fromEntries(documentToBlocks(importStructuredText(text).doc, { html: false }).map((b) => [b.text, b.label]));

describe("labels in the draft's own numbers", () => {
  it("labels the items of a report by their numbers and their points under them (item 3 is «3», not «đoạn 6»)", () => {
    expect(labelsOf(REPORT)).toMatchObject({
      "Nhiệm kỳ qua có nhiều khó khăn.": "Phần thứ nhất › đoạn 1",
      "I. KẾT QUẢ ĐẠT ĐƯỢC": "Phần thứ nhất › I",
      "1. Kinh tế tăng trưởng khá.": "Phần thứ nhất › I › 1",
      "2. Các ngành kinh tế đều phát triển.": "Phần thứ nhất › I › 2",
      "a) Nông nghiệp theo hướng hàng hóa.": "Phần thứ nhất › I › 2 › a",
      "c) Dịch vụ phục hồi nhanh.": "Phần thứ nhất › I › 2 › c",
      "3. Tài chính, ngân sách có nhiều tiến bộ.": "Phần thứ nhất › I › 3",
      "Thu ngân sách vượt dự toán.": "Phần thứ nhất › I › 3 › đoạn 1",
      "II. HẠN CHẾ": "Phần thứ nhất › II",
      "1. Tăng trưởng chưa bền vững.": "Phần thứ nhất › II › 1",
    });
  });

  it("cites a law as laws are cited: «Điều 64, khoản 2, điểm a»", () => {
    expect(labelsOf(LAW)).toMatchObject({
      "Điều 63. Nguyên tắc": "Chương V › Điều 63",
      "Việc lập quy hoạch phải bảo đảm các nguyên tắc.": "Chương V › Điều 63, đoạn 1",
      "1. Căn cứ lập quy hoạch cấp quốc gia.": "Chương V › Điều 64, khoản 1",
      "a) Chiến lược phát triển kinh tế - xã hội;": "Chương V › Điều 64, khoản 2, điểm a",
      "b) Hiện trạng sử dụng đất.": "Chương V › Điều 64, khoản 2, điểm b",
    });
  });

  it("keeps «Mục» where the draft writes it, and gives a repeated label a number of its own", () => {
    const labels = labelsOf(`LUẬT\n\nChương I\nQUY ĐỊNH CHUNG\n\nMục 1. PHẠM VI\n\nĐiều 1. Phạm vi\n\nNội dung.\n\n1. Một.\n\n1. Một nữa.\n`);
    expect(labels["Mục 1. PHẠM VI"]).toBe("Chương I › Mục 1");
    expect(labels["1. Một."]).toBe("Chương I › Mục 1 › Điều 1, khoản 1");
    expect(labels["1. Một nữa."]).toBe("Chương I › Mục 1 › Điều 1, khoản 1 (2)");
  });

  it("gives every block of the Constitution its own label", () => {
    const rows = documentToBlocks(importStructuredText(readConstitution()).doc, { html: false });
    expect(new Set(rows.map((r) => r.label)).size).toBe(rows.length);
  });
});

describe("labelBlocks", () => {
  const rows = documentToBlocks(importStructuredText(REPORT).doc, { html: false });

  it("gives stored rows the labels publishing gives them", () => {
    expect(labelBlocks(rows)).toEqual(rows.map((r) => r.label));
  });

  it("still writes the earlier scheme, which conference files made from an old template carry", () => {
    const earlier = labelBlocks(rows, "ordinal");
    const byText = Object.fromEntries(rows.map((r, i) => [r.text, earlier[i]]));
    expect(byText).toMatchObject({
      "I. KẾT QUẢ ĐẠT ĐƯỢC": "Phần thứ nhất › Mục I",
      "1. Kinh tế tăng trưởng khá.": "Phần thứ nhất › Mục I › đoạn 1",
      "a) Nông nghiệp theo hướng hàng hóa.": "Phần thứ nhất › Mục I › đoạn 2 › điểm a",
      "3. Tài chính, ngân sách có nhiều tiến bộ.": "Phần thứ nhất › Mục I › đoạn 6",
    });
  });
});
