import { expect, it } from "vitest";
import type { OrganizationLevel } from "~/organizations/kinds.ts";
import { buildPaths, checkTree, withDescendants, type LocalityLookup, type TreeNode } from "~/organizations/tree.ts";

const lookup: LocalityLookup = {
  name: (code) => ({ "01": "Thành phố Hà Nội", "79": "Thành phố Hồ Chí Minh", "00004": "Phường Ba Đình", "25747": "Phường Thủ Dầu Một" })[code],
  provinceOfCommune: (code) => ({ "00004": "01", "25747": "79" })[code],
};

function tree(rows: [id: string, parent: string | null, level: OrganizationLevel, locality?: string | null, code?: string | null][]) {
  return new Map<string, TreeNode>(
    rows.map(([id, parentId, level, localityCode = null, code = null]) => [
      id,
      { id, name: id.toUpperCase(), code, level, kind: "MTTQ", parentId, localityCode },
    ]),
  );
}

const base = tree([
  ["tw", null, "CENTRAL"],
  ["hn", "tw", "PROVINCE", "01", "HN"],
  ["hn-doan", "hn", "PROVINCE", "01"],
  ["a", "hn", "DISTRICT"],
  ["a1", "a", "COMMUNE", "00004"],
]);

it("builds materialized paths from the root", () => {
  const { paths, cyclic } = buildPaths(base);
  expect(paths.get("a1")).toBe("/tw/hn/a/a1/");
  expect(paths.get("tw")).toBe("/tw/");
  expect(cyclic.size).toBe(0);
});

it("finds cycles, even long ones, and what hangs below them", () => {
  const nodes = tree([
    ["x", "z", "COMMUNE"],
    ["y", "x", "COMMUNE"],
    ["z", "y", "COMMUNE"],
    ["w", "z", "COMMUNE"],
    ["ok", null, "COMMUNE"],
  ]);
  const { paths, cyclic } = buildPaths(nodes);
  expect([...cyclic].sort()).toEqual(["w", "x", "y", "z"]);
  expect(paths.get("ok")).toBe("/ok/");
  expect(checkTree(nodes, new Set(["x"]), lookup)).toEqual([{ id: "x", field: "parentId", message: expect.stringContaining("trực thuộc") }]);
});

it("lists an organization and everything below it", () => {
  expect([...withDescendants(base, ["hn"])].sort()).toEqual(["a", "a1", "hn", "hn-doan"]);
});

it("accepts a good tree", () => {
  expect(checkTree(base, new Set(base.keys()), lookup)).toEqual([]);
});

it("refuses a level above the parent's, localities of the wrong kind and localities outside the parent's", () => {
  const nodes = new Map(base);
  nodes.set("p", { id: "p", name: "P", code: null, level: "PROVINCE", kind: "MTTQ", parentId: "a", localityCode: null });
  nodes.set("d", { id: "d", name: "D", code: null, level: "DISTRICT", kind: "MTTQ", parentId: "hn", localityCode: "01" });
  nodes.set("c", { id: "c", name: "C", code: null, level: "COMMUNE", kind: "MTTQ", parentId: "a", localityCode: "25747" });
  nodes.set("c2", { id: "c2", name: "C2", code: null, level: "COMMUNE", kind: "MTTQ", parentId: "a1", localityCode: "25747" });
  nodes.set("q", { id: "q", name: "Q", code: null, level: "PROVINCE", kind: "MTTQ", parentId: "tw", localityCode: "99" });
  const problems = checkTree(nodes, new Set(["p", "d", "c", "c2", "q"]), lookup);
  expect(problems).toEqual([
    { id: "p", field: "level", message: "Cấp «Tỉnh, thành phố» cao hơn cấp của tổ chức cấp trên «A» (Huyện, quận (cũ))." },
    { id: "d", field: "localityCode", message: expect.stringContaining("không còn cấp huyện") },
    { id: "c", field: "localityCode", message: "Địa bàn Phường Thủ Dầu Một (25747) không thuộc địa bàn Thành phố Hà Nội (01) của tổ chức cấp trên «HN»." },
    { id: "c2", field: "localityCode", message: "Địa bàn Phường Thủ Dầu Một (25747) không thuộc địa bàn Phường Ba Đình (00004) của tổ chức cấp trên «A1»." },
    { id: "q", field: "localityCode", message: expect.stringContaining("«99» không có trong danh mục") },
  ]);
});

it("refuses a code used twice, naming the other organization", () => {
  const nodes = new Map(base);
  nodes.set("dup", { id: "dup", name: "Trùng", code: "HN", level: "COMMUNE", kind: "MTTQ", parentId: "a", localityCode: null });
  expect(checkTree(nodes, new Set(["dup"]), lookup)).toEqual([{ id: "dup", field: "code", message: "Mã «HN» đã dùng cho tổ chức «HN»." }]);
});
