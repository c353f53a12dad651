import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS } from "~/audit/actions.ts";
import { AUDIT_SENTENCES, describeAudit, type AuditRow } from "~/audit-log/sentences.ts";

const row = (fields: Partial<AuditRow>): AuditRow => ({
  action: "approve",
  actorName: "Trần Thị Bình",
  commentId: null,
  groupId: null,
  subject: null,
  before: null,
  after: null,
  note: null,
  ...fields,
});

/** Every action name the code writes: `action: "…"` and `audit("…")` in the files that append audit rows. */
function actionsInCode(dir = "app"): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "generated") found.push(...actionsInCode(path));
      continue;
    }
    if (!/\.tsx?$/.test(name)) continue;
    const text = readFileSync(path, "utf8");
    if (!/appendAudit/.test(text)) continue;
    for (const m of text.matchAll(/\baction: "([a-z][a-z-]*)"|\baudit\("([a-z][a-z-]*)"|"(org-(?:create|update))"/g)) found.push(m[1] ?? m[2] ?? m[3]!);
  }
  return [...new Set(found)].sort();
}

/** Letters of an English code or JSON on a page: a lowercase-hyphen code, a key in quotes, braces. */
const RAW = /[{}]|"[a-zA-Z]+":|\b[a-z]+-[a-z]+\b|\b[A-Z]{2,}_[A-Z]+\b|\b(ADMIN|MODERATOR|OPEN|CLOSED|DRAFT|SCHEDULED)\b/;

describe("audit sentences", () => {
  it("has a sentence for every action the code writes and every action the filter lists", () => {
    const inCode = actionsInCode();
    expect(inCode.length).toBeGreaterThan(25);
    expect(inCode.filter((a) => !AUDIT_SENTENCES[a])).toEqual([]);
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((a) => !AUDIT_SENTENCES[a])).toEqual([]);
  });

  it("reads a decision as a sentence linked to the comment, an edit as a word diff", () => {
    const approved = describeAudit(row({ commentId: "c1" }), new Map());
    expect(approved).toMatchObject({ text: "Trần Thị Bình đã duyệt ý kiến.", href: "/quan-tri/kiem-duyet?comment=c1", changes: [] });
    const edited = describeAudit(
      row({ action: "edit", commentId: "c1", before: "Đề nghị bổ sung chỉ tiêu.", after: "Đề nghị bổ sung chỉ tiêu cụ thể." }),
      new Map(),
    );
    expect(edited.changes).toHaveLength(1);
    expect(edited.changes[0]!.diff!.filter((s) => s.kind === "ins").map((s) => s.text.trim())).toEqual(["cụ thể"]);
    const rejected = describeAudit(row({ action: "reject", commentId: "c1", after: "Không liên quan" }), new Map());
    expect(rejected.changes).toEqual([{ label: "Lý do", before: null, after: "Không liên quan", diff: null }]);
  });

  it("names and links the account, the consultation, the organization; codes and JSON come out in words", () => {
    const names = new Map([
      ["user:u1", "Lê Văn Cường (cuong@example.vn)"],
      ["consultation:d1", "Dự thảo Báo cáo chính trị"],
      ["organization:o1", "Ủy ban MTTQ tỉnh Hòa Sơn"],
    ]);
    const role = describeAudit(row({ action: "role-change", subject: "user:u1", before: "MODERATOR", after: "ADMIN" }), names);
    expect(role.text).toBe("Trần Thị Bình đã đổi vai trò của tài khoản «Lê Văn Cường (cuong@example.vn)».");
    expect(role.href).toBe("/quan-tri/tai-khoan/u1");
    expect(role.changes).toEqual([{ label: "Nội dung", before: "Biên tập viên (kiểm duyệt)", after: "Quản trị viên", diff: expect.any(Array) }]);
    const created = describeAudit(
      row({
        action: "user-create",
        subject: "user:u1",
        after: JSON.stringify({ email: "cuong@example.vn", name: "Lê Văn Cường", role: "ORG_REP", organizationId: "o1", active: true }),
      }),
      names,
    );
    expect(created.changes.map((c) => `${c.label}: ${c.after}`)).toEqual([
      "Thư điện tử: cuong@example.vn",
      "Tên: Lê Văn Cường",
      "Vai trò: Đại diện tổ chức",
      "Tổ chức: Ủy ban MTTQ tỉnh Hòa Sơn",
      "Đang hoạt động: có",
    ]);
    const closed = describeAudit(
      row({
        action: "draft-close",
        subject: "consultation:d1",
        before: JSON.stringify({ status: "OPEN", closesAt: "2026-12-01T10:00:00.000Z" }),
        after: JSON.stringify({ status: "CLOSED", closesAt: "2026-11-26T08:00:00.000Z" }),
      }),
      names,
    );
    expect(closed).toMatchObject({ text: "Trần Thị Bình đã kết thúc lấy ý kiến đợt lấy ý kiến «Dự thảo Báo cáo chính trị».", href: "/quan-tri/du-thao/d1" });
    expect(closed.changes.map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual([
      "Trạng thái: Đang lấy ý kiến → Đã kết thúc",
      "Kết thúc lấy ý kiến: 17:00 01/12/2026 → 15:00 26/11/2026",
    ]);
    for (const d of [role, created, closed]) for (const c of d.changes) expect(`${d.text} ${c.before ?? ""} ${c.after ?? ""}`).not.toMatch(RAW);
  });

  it("says something in Vietnamese for an action it does not know, and links nothing for answers", () => {
    const unknown = describeAudit(row({ action: "future-thing", subject: "thing:1", actorName: null }), new Map());
    expect(unknown.text).toBe("Hệ thống (tự động hoặc dòng lệnh) đã thực hiện một thao tác khác trên một đối tượng khác.");
    expect(unknown.text).not.toMatch(RAW);
    const answer = describeAudit(row({ action: "answer", subject: "answer:a1", after: JSON.stringify({ count: 3, disposition: "Tiếp thu" }) }), new Map());
    expect(answer).toMatchObject({ text: "Trần Thị Bình đã trả lời 3 ý kiến: Tiếp thu.", href: null });
    // As recordAnswer writes it: the explanation as `after`, the disposition and count in the note.
    const recorded = describeAudit(
      row({
        action: "answer",
        subject: "answer:a1",
        after: "Ban soạn thảo đã bổ sung.",
        note: "Tiếp thu một phần; 1.240 ý kiến; chuyển 3 ý kiến từ câu trả lời cũ",
      }),
      new Map(),
    );
    expect(recorded.text).toBe("Trần Thị Bình đã trả lời 1.240 ý kiến: Tiếp thu một phần (chuyển 3 ý kiến từ câu trả lời cũ).");
    expect(describeAudit(row({ action: "answer-correct", subject: "answer:a1" }), new Map())).toMatchObject({
      text: "Trần Thị Bình đã sửa câu trả lời.",
      href: null,
    });
  });
});
