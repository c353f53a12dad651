import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";

// The project's Node (ADR 031): one exact Node 24 LTS version in .node-version, fetched from the npm registry by
// scripts/use-node.sh, which CI sources before `npm ci` and `npm test`, and `engines` declares no less than it.
const root = process.cwd();
const pinned = readFileSync(join(root, ".node-version"), "utf8").trim();
const parse = (v: string) => v.replace(/^v/, "").split(".").map(Number);
const atLeast = (a: number[], b: number[]) => (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2]);

describe("the project's Node", () => {
  it("is one exact Node 24 version, the lowest that package.json's engines admit, and the one running these tests", () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    const engines = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines.node as string;
    const range = engines.match(/^>=(\d+\.\d+\.\d+) <(\d+)$/);
    expect(range, `engines.node "${engines}"`).not.toBeNull();
    expect(range![1]).toBe(pinned);
    expect(Number(range![2])).toBe(parse(pinned)[0] + 1);
    expect(parse(process.versions.node)[0]).toBe(parse(pinned)[0]);
    expect(atLeast(parse(process.versions.node), parse(pinned))).toBe(true);
  });

  it("scripts/use-node.sh puts that Node first on PATH and points node-gyp at its headers", () => {
    // A PATH without any earlier copy, so the script has to add it (it downloads from the npm registry only once).
    const path = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => !dir.includes("gopy-node"))
      .join(delimiter);
    const out = execFileSync("sh", ["-c", '. scripts/use-node.sh && node -p process.version && printf "%s\\n" "$npm_config_nodedir"'], {
      cwd: root,
      env: { ...process.env, PATH: path, npm_config_nodedir: "" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [version, nodedir] = out.trim().split("\n");
    expect(version).toBe(`v${pinned}`);
    expect(nodedir).toMatch(new RegExp(`gopy-node/${pinned.replace(/\./g, "\\.")}$`));
    expect(existsSync(join(nodedir, "include", "node", "node.h"))).toBe(true);
    expect(existsSync(join(nodedir, "include", "node", "node_api.h"))).toBe(true);
  }, 180_000);

  it("sourced outside the repository root, it fails and says where to run it", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "gopy-node-"));
    try {
      const run = spawnSync("sh", ["-c", `. "${join(root, "scripts", "use-node.sh")}"`], { cwd: elsewhere, encoding: "utf8" });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain("hãy chạy lệnh này từ thư mục gốc của dự án");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
