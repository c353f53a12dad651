import { expect, it } from "vitest";
import { buildTemplate } from "~/conferences/template.server.ts";
import { unzip } from "../../support/reports/unzip.ts";

// The conference template's drop-down lists (issue 17): each column's validation is one range, and no
// two ranges overlap (Excel calls a workbook with overlapping validations damaged and drops them).

/** The cells an sqref names, as [column, first row, last row] per range ("A2:A1001 C4"). */
function ranges(sqref: string): [string, number, number][] {
  return sqref.split(" ").map((part) => {
    const [from, to = from] = part.split(":") as [string, string?];
    const a = /^([A-Z]+)(\d+)$/.exec(from)!;
    const b = /^([A-Z]+)(\d+)$/.exec(to)!;
    expect(a[1]).toBe(b[1]); // the template's validations are single columns
    return [a[1]!, Number(a[2]), Number(b[2])];
  });
}

it("writes one validation per column, rows 2 to 1,001, none overlapping another", async () => {
  const blocks = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, label: `Điều ${i + 1}`, text: `Nội dung điều ${i + 1} của dự thảo luật.` }));
  const template = await buildTemplate({ consultationTitle: "Dự thảo Luật Đất đai (sửa đổi)", blocks, charLimit: 2000 });
  const sheet = unzip(template).get("xl/worksheets/sheet1.xml")!.toString("utf8");
  const found = [...sheet.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap((m) => ranges(m[1]!));
  expect(found).toEqual([
    ["A", 2, 1001],
    ["B", 2, 1001],
  ]);
  for (const [i, [column, from, to]] of found.entries()) {
    for (const [other, otherFrom, otherTo] of found.slice(i + 1)) {
      expect(column === other && from <= otherTo && otherFrom <= to, `${column}${from}:${column}${to} overlaps ${other}${otherFrom}:${other}${otherTo}`).toBe(
        false,
      );
    }
  }
  // The label list points at the instructions sheet's labels: the whole draft, then the 30 blocks.
  expect(sheet).toMatch(/<formula1>&apos;Hướng dẫn&apos;!\$A\$(\d+):\$A\$(\d+)<\/formula1>/);
  const [, first, last] = /\$A\$(\d+):\$A\$(\d+)/.exec(sheet)!;
  expect(Number(last) - Number(first)).toBe(30);
  expect(sheet).toContain("<formula1>&quot;Tán thành,Không tán thành,Ý kiến khác&quot;</formula1>");
});
