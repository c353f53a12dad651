import { describe, expect, it } from "vitest";
import { DISPOSITION_LABELS } from "~/answers/dispositions.ts";
import {
  changesBlockPath,
  describeResponseFilters,
  parseResponseReportQuery,
  responseReportFilePath,
  responseReportPath,
  versionBlockPath,
} from "~/reports/response/filters.ts";

describe("the response report's address", () => {
  it("reads the version, the disposition, the page and one answer", () => {
    expect(parseResponseReportQuery(new URLSearchParams("ban=2&xu-ly=giai-trinh&trang=3"))).toEqual({
      version: 2,
      disposition: "EXPLAINED",
      page: 3,
      answerId: null,
    });
    expect(parseResponseReportQuery(new URLSearchParams("tra-loi=abc123&ban=&xu-ly="))).toEqual({
      version: null,
      disposition: null,
      page: 1,
      answerId: "abc123",
    });
    // A recorded answer's id is a UUID (answers.server.ts).
    const uuid = "019eca93-bef9-4b27-a82b-d688f759b831";
    expect(parseResponseReportQuery(new URLSearchParams(`tra-loi=${uuid}`))?.answerId).toBe(uuid);
  });

  it("refuses what the page does not offer", () => {
    for (const bad of ["ban=0", "ban=hai", "xu-ly=ADOPTED", "xu-ly=tu-choi", "trang=-1", "tra-loi=../x"])
      expect(parseResponseReportQuery(new URLSearchParams(bad)), bad).toBeNull();
  });

  it("writes the filters back the same way, defaults left out", () => {
    const filters = { version: 2, disposition: "PARTLY_ADOPTED" as const };
    const path = responseReportPath("du-thao-a", filters, { page: 2 });
    expect(path).toBe("/du-thao/du-thao-a/tiep-thu-giai-trinh?ban=2&xu-ly=tiep-thu-mot-phan&trang=2");
    expect(parseResponseReportQuery(new URL(path, "http://x").searchParams)).toEqual({ ...filters, page: 2, answerId: null });
    expect(responseReportPath("du-thao-a")).toBe("/du-thao/du-thao-a/tiep-thu-giai-trinh");
    expect(responseReportFilePath("du-thao-a", "docx", { version: null, disposition: "ADOPTED" })).toBe(
      "/du-thao/du-thao-a/tiep-thu-giai-trinh.docx?xu-ly=tiep-thu",
    );
  });

  it("links to a version's paragraph and to its changes", () => {
    expect(versionBlockPath("du-thao-a", 2, "k1")).toBe("/du-thao/du-thao-a/ban/2#p-k1");
    expect(changesBlockPath("du-thao-a", "k1")).toBe("/du-thao/du-thao-a/thay-doi#p-k1");
  });

  it("says the filters in words for the files", () => {
    expect(describeResponseFilters({ version: 1, disposition: "EXPLAINED" }, DISPOSITION_LABELS)).toEqual([
      "Ý kiến viết trên bản số 1",
      "Kết quả xử lý: Giải trình (không tiếp thu)",
    ]);
    expect(describeResponseFilters({ version: null, disposition: null }, DISPOSITION_LABELS)).toEqual([]);
  });
});
