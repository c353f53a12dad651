import { randomUUID } from "node:crypto";
import { appendAudit } from "~/audit/audit.server.ts";
import { detectSpreadsheet } from "~/files/detect.ts";
import type { Db } from "~/platform/db.server.ts";
import { parseImportCsv, type RowError } from "./import-rows.ts";
import { applyChanges, CONFLICT_MESSAGE, isConflict, loadTree, TRANSACTION_OPTIONS, type Actor, type PlannedChange } from "./tree.server.ts";

// Importing the organizations tree from CSV: every row checked, then the whole tree the file would
// give, then everything written in one transaction, or nothing. A row whose code exists updates
// that organization; parents may come after their children in the file.

export type ImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; formError?: string; errors: RowError[] };

export async function importOrganizations(db: Db, actor: Actor, file: { name: string; bytes: Uint8Array }): Promise<ImportResult> {
  const detected = detectSpreadsheet(file.bytes);
  if (!detected.ok) return { ok: false, formError: detected.message, errors: [] };
  if (detected.kind !== "csv") {
    return { ok: false, formError: "Danh sách tổ chức cần ở dạng CSV. Trong Excel, chọn Lưu thành (Save As) › CSV UTF-8 (Comma delimited).", errors: [] };
  }
  const parsed = await parseImportCsv(detected.text);
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;

  try {
    return await db.$transaction(async (tx) => {
      const tree = await loadTree(tx);
      const byCode = new Map([...tree.values()].filter((o) => o.code !== null).map((o) => [o.code!, o]));
      const idOf = new Map(rows.map((row) => [row.code, byCode.get(row.code)?.id ?? randomUUID()]));
      const lineOf = new Map(rows.map((row) => [idOf.get(row.code)!, row.line]));
      const errors: RowError[] = [];
      const changes: PlannedChange[] = [];
      let unchanged = 0;
      for (const row of rows) {
        const parentId = row.parentCode === null ? null : (idOf.get(row.parentCode) ?? byCode.get(row.parentCode)?.id);
        if (parentId === undefined) {
          errors.push({ line: row.line, messages: [`Không tìm thấy mã cấp trên «${row.parentCode}» trong tệp hay trong cây tổ chức.`] });
          continue;
        }
        const values = { name: row.name, code: row.code, level: row.level, kind: row.kind, parentId, localityCode: row.localityCode };
        const id = idOf.get(row.code)!;
        const old = tree.get(id);
        if (old && (Object.keys(values) as (keyof typeof values)[]).every((key) => old[key] === values[key])) unchanged++;
        else changes.push({ id, values });
      }
      if (errors.length) return { ok: false as const, errors };
      if (!changes.length) return { ok: true as const, created: 0, updated: 0, unchanged };

      const result = await applyChanges(tx, changes, tree);
      if (!result.ok) {
        for (const problem of result.problems) {
          // A problem of an organization not in the file (it sits below one the file moves) goes to that row.
          let id: string | null = problem.id;
          while (id !== null && !lineOf.has(id)) id = result.after.get(id)?.parentId ?? null;
          const line = id === null ? 0 : lineOf.get(id)!;
          const name = result.after.get(problem.id)?.name ?? "";
          const message = lineOf.has(problem.id) ? problem.message : `Tổ chức trực thuộc «${name}»: ${problem.message}`;
          const entry = errors.find((e) => e.line === line);
          if (entry) entry.messages.push(message);
          else errors.push({ line, messages: [message] });
        }
        errors.sort((a, b) => a.line - b.line);
        return { ok: false as const, errors };
      }
      const codes = (ids: string[]) => ids.map((id) => result.after.get(id)?.code);
      await appendAudit(tx, {
        action: "org-import",
        actorId: actor.id,
        subject: `file:${file.name}`,
        after: JSON.stringify({ created: codes(result.created), updated: codes(result.updated) }),
        note: `Nhập tệp «${file.name}»: ${result.created.length} tổ chức mới, ${result.updated.length} cập nhật, ${unchanged} không đổi.`,
      });
      return { ok: true as const, created: result.created.length, updated: result.updated.length, unchanged };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isConflict(error)) return { ok: false, formError: CONFLICT_MESSAGE, errors: [] };
    throw error;
  }
}
