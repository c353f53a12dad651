import type { JSONContent } from "@tiptap/core";
import type { Db } from "~/platform/db.server.ts";
import { documentToBlocks } from "../document/blocks.ts";
import { newBlockId } from "../document/extensions.ts";
import { matchBlocks, type BlockMatch, type MatchReport } from "./match.ts";

// An imported revision (a new .docx, every block id new) brought onto the version it revises: each
// block matched to an old one takes the old key, so the comments on it stay attached (ADR 037).

/** What is stored in DocumentVersion.matchReport: per block of the copy, how it was matched. */
export interface StoredMatchReport {
  basedOnId: string;
  blocks: StoredMatch[];
  removed: string[];
}

export type StoredMethod = BlockMatch["method"] | "manual";

export interface StoredMatch {
  key: string;
  method: StoredMethod;
  oldKey?: string;
  score?: number;
}

export function isStoredMatchReport(value: unknown): value is StoredMatchReport {
  const report = value as StoredMatchReport | null;
  return !!report && typeof report.basedOnId === "string" && Array.isArray(report.blocks) && Array.isArray(report.removed);
}

/** Block ids of a document renamed (block-level nodes only, found where documentToBlocks finds them). */
export function renameBlocks(doc: JSONContent, renames: ReadonlyMap<string, string>): JSONContent {
  const walk = (node: JSONContent): JSONContent => {
    if (node.type === "heading" || node.type === "paragraph" || node.type === "table") {
      const id = node.attrs?.id;
      return typeof id === "string" && renames.has(id) ? { ...node, attrs: { ...node.attrs, id: renames.get(id) } } : node;
    }
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  return walk(doc);
}

function stored(basedOnId: string, report: MatchReport): StoredMatchReport {
  return {
    basedOnId,
    blocks: report.blocks.map(({ key, method, oldKey, score }) => ({ key, method, ...(oldKey ? { oldKey } : {}), ...(score !== undefined ? { score } : {}) })),
    removed: report.removed,
  };
}

/**
 * The imported document matched to the consultation's published version: its content with the
 * matched blocks' ids replaced by the old keys, the version it revises and the match report. Null
 * when nothing is published yet (the import is the first version).
 */
export async function prepareRevision(
  db: Db,
  consultationId: string,
  doc: JSONContent,
): Promise<{ content: JSONContent; basedOnId: string; matchReport: StoredMatchReport } | null> {
  const consultation = await db.consultation.findUnique({ where: { id: consultationId }, select: { publishedVersionId: true } });
  const basedOnId = consultation?.publishedVersionId;
  if (!basedOnId) return null;
  const old = await db.block.findMany({
    where: { versionId: basedOnId },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, number: true, label: true, text: true },
  });
  const report = matchBlocks(old, documentToBlocks(doc, { html: false }));
  const renames = new Map(report.blocks.filter((b) => b.key !== b.newKey).map((b) => [b.newKey, b.key]));
  return { content: renameBlocks(doc, renames), basedOnId, matchReport: stored(basedOnId, report) };
}

export type Correction = { kind: "detach"; key: string } | { kind: "attach"; key: string; oldKey: string };

/**
 * A correction of the matches applied to the copy's content and report: "detach" gives a block a
 * new id (its old key becomes removed), "attach" gives a new block the key of a removed old block.
 * Null with a message when the blocks named are not (or no longer) what the correction needs.
 */
export function applyCorrection(
  content: JSONContent,
  report: StoredMatchReport,
  correction: Correction,
  state: { copyKeys: ReadonlySet<string>; oldKeys: ReadonlySet<string> },
): { content: JSONContent; report: StoredMatchReport; note: string } | { error: string } {
  const { copyKeys, oldKeys } = state;
  if (!copyKeys.has(correction.key)) return { error: "Không còn đoạn này trong bản làm việc: trang đã cũ, hãy tải lại." };
  const entries = report.blocks.filter((b) => b.key !== correction.key);
  const removed = report.removed.filter((key) => copyKeys.has(key) === false);
  if (correction.kind === "detach") {
    if (!oldKeys.has(correction.key)) return { error: "Đoạn này không gắn với đoạn nào của bản đang công bố." };
    const fresh = newBlockId();
    return {
      content: renameBlocks(content, new Map([[correction.key, fresh]])),
      report: { ...report, blocks: [...entries, { key: fresh, method: "manual" }], removed: unique([...removed, correction.key]) },
      note: `Tách đoạn ${correction.key} khỏi đoạn cũ cùng mã (đoạn mới mã ${fresh})`,
    };
  }
  if (oldKeys.has(correction.key)) return { error: "Đoạn này đã gắn với một đoạn của bản đang công bố; hãy tách nó trước." };
  if (!oldKeys.has(correction.oldKey) || copyKeys.has(correction.oldKey)) {
    return { error: "Đoạn cũ được chọn không còn là đoạn bị bỏ: trang đã cũ, hãy tải lại." };
  }
  return {
    content: renameBlocks(content, new Map([[correction.key, correction.oldKey]])),
    report: {
      ...report,
      blocks: [...entries, { key: correction.oldKey, method: "manual", oldKey: correction.oldKey }],
      removed: removed.filter((key) => key !== correction.oldKey),
    },
    note: `Gắn đoạn ${correction.key} vào đoạn cũ ${correction.oldKey}`,
  };
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
