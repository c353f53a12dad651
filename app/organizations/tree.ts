import { LEVEL_LABELS, LEVEL_RANK, localityShape, type OrganizationLevel } from "./kinds.ts";

// The rules of the organizations tree, on rows in memory: materialized paths, cycles, levels,
// localities, codes. Creating, editing, moving and importing all build the tree as it would be
// after the change and ask this module what is wrong with it before anything is written.

export interface TreeNode {
  id: string;
  name: string;
  code: string | null;
  level: OrganizationLevel;
  kind: string;
  parentId: string | null;
  localityCode: string | null;
}

export type TreeField = "parentId" | "level" | "localityCode" | "code";
export interface TreeProblem {
  id: string;
  field: TreeField;
  message: string;
}

/** What the rules need to know about localities (app/localities on the server, a fake in tests). */
export interface LocalityLookup {
  /** The name of a known province (2 digits) or commune (5 digits), else undefined. */
  name(code: string): string | undefined;
  /** The province of a known commune. */
  provinceOfCommune(code: string): string | undefined;
}

/** "/<root>/…/<id>/" for every node; ids on a cycle (or under one) have no path. */
export function buildPaths(nodes: ReadonlyMap<string, TreeNode>): { paths: Map<string, string>; cyclic: Set<string> } {
  const paths = new Map<string, string>();
  const cyclic = new Set<string>();
  for (const start of nodes.keys()) {
    if (paths.has(start) || cyclic.has(start)) continue;
    // Walk up to a node whose path is known (or the root), then come back down.
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: string | null = start;
    let base = "/";
    let broken = false;
    while (current !== null) {
      const known = paths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (cyclic.has(current) || onChain.has(current)) {
        broken = true;
        break;
      }
      chain.push(current);
      onChain.add(current);
      const parentId: string | null = nodes.get(current)?.parentId ?? null;
      // A missing parent is reported by checkTree; the node is treated as a root meanwhile.
      current = parentId !== null && nodes.has(parentId) ? parentId : null;
    }
    if (broken) {
      for (const id of chain) cyclic.add(id);
      continue;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base = `${base}${chain[i]}/`;
      paths.set(chain[i]!, base);
    }
  }
  return { paths, cyclic };
}

/** The ids of `roots` and of everything below them. */
export function withDescendants(nodes: ReadonlyMap<string, TreeNode>, roots: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  const result = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

/** The province a locality code lies in: itself for a province, its province for a commune. */
function provinceOf(code: string, lookup: LocalityLookup): string | undefined {
  return localityShape(code) === "province" ? code : lookup.provinceOfCommune(code);
}

function describe(code: string, lookup: LocalityLookup): string {
  const name = lookup.name(code);
  return name ? `${name} (${code})` : code;
}

/** The locality rule of one level: which code shape it takes, or why it takes none. */
function localityRule(node: TreeNode, lookup: LocalityLookup): string | null {
  const code = node.localityCode;
  if (code === null) return null;
  switch (node.level) {
    case "CENTRAL":
      return "Tổ chức cấp trung ương không gắn với một địa bàn: để trống địa bàn.";
    case "DISTRICT":
      return "Từ ngày 01/07/2025 không còn cấp huyện trong danh mục địa bàn: để trống địa bàn của tổ chức cấp huyện.";
    case "PROVINCE":
      return localityShape(code) === "province" && lookup.name(code)
        ? null
        : `Mã tỉnh, thành phố «${code}» không có trong danh mục (2 chữ số, ví dụ 01 là Thành phố Hà Nội).`;
    case "COMMUNE":
      return localityShape(code) === "commune" && lookup.name(code)
        ? null
        : `Mã xã, phường «${code}» không có trong danh mục (5 chữ số, ví dụ 00004 là Phường Ba Đình).`;
  }
}

/**
 * What is wrong with the tree for the `affected` nodes (those changed and everything below them):
 * a missing parent, a cycle, a child above its parent's level, a locality of the wrong kind, unknown,
 * or outside the locality of the nearest organization above that has one; and codes used twice.
 */
export function checkTree(nodes: ReadonlyMap<string, TreeNode>, affected: ReadonlySet<string>, lookup: LocalityLookup): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const { cyclic } = buildPaths(nodes);
  for (const id of affected) {
    const node = nodes.get(id);
    if (!node) continue;
    const parent = node.parentId === null ? null : nodes.get(node.parentId);
    if (node.parentId !== null && !parent) {
      problems.push({ id, field: "parentId", message: "Không tìm thấy tổ chức cấp trên." });
      continue;
    }
    if (cyclic.has(id)) {
      problems.push({ id, field: "parentId", message: "Tổ chức cấp trên không được là chính tổ chức này hoặc một tổ chức trực thuộc nó." });
      continue;
    }
    if (parent && LEVEL_RANK[node.level] < LEVEL_RANK[parent.level]) {
      problems.push({
        id,
        field: "level",
        message: `Cấp «${LEVEL_LABELS[node.level]}» cao hơn cấp của tổ chức cấp trên «${parent.name}» (${LEVEL_LABELS[parent.level]}).`,
      });
    }
    const rule = localityRule(node, lookup);
    if (rule) {
      problems.push({ id, field: "localityCode", message: rule });
      continue;
    }
    if (node.localityCode === null) continue;
    let above = parent;
    while (above && above.localityCode === null) above = above.parentId === null ? undefined : nodes.get(above.parentId);
    if (!above?.localityCode) continue;
    const inside =
      localityShape(above.localityCode) === "commune" ? node.localityCode === above.localityCode : provinceOf(node.localityCode, lookup) === above.localityCode;
    if (!inside) {
      problems.push({
        id,
        field: "localityCode",
        message: `Địa bàn ${describe(node.localityCode, lookup)} không thuộc địa bàn ${describe(above.localityCode, lookup)} của tổ chức cấp trên «${above.name}».`,
      });
    }
  }
  const byCode = new Map<string, TreeNode>();
  for (const node of nodes.values()) {
    if (node.code === null) continue;
    const first = byCode.get(node.code);
    if (!first) byCode.set(node.code, node);
    else {
      const repeated = affected.has(node.id) ? node : first;
      const other = repeated === node ? first : node;
      problems.push({ id: repeated.id, field: "code", message: `Mã «${node.code}» đã dùng cho tổ chức «${other.name}».` });
    }
  }
  return problems;
}
