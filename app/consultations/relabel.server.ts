import { announce } from "@search/outbox/outbox.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { labelBlocks } from "./document/blocks.ts";

// Labels are written once, when a version is published (Block.label). When the way labels are written
// changes (issue 16: the draft's own numbers, "Phần thứ nhất › I › 3" instead of "… › Mục I › đoạn 6"),
// the published versions' rows are written again from the same blocks, so receipts, the queue, search,
// reports and the conference template all show the new labels. Run on every start (prisma/setup.ts,
// `npm run db:relabel`): rows already right are only read.

export interface RelabelResult {
  versions: number;
  blocks: number;
}

/** Rewrites the label of every published block whose label differs from the current scheme's. */
export async function relabelPublishedBlocks(db: Db, now = new Date()): Promise<RelabelResult> {
  const versions = await db.documentVersion.findMany({ where: { status: "PUBLISHED" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const result: RelabelResult = { versions: 0, blocks: 0 };
  for (const version of versions) {
    const rows = await db.block.findMany({
      where: { versionId: version.id },
      orderBy: { position: "asc" },
      select: { id: true, kind: true, number: true, level: true, text: true, label: true },
    });
    const labels = labelBlocks(rows);
    const changed = rows.flatMap((row, i) => (row.label === labels[i] ? [] : [{ id: row.id, label: labels[i]! }]));
    if (changed.length === 0) continue;
    await db.$transaction(
      async (tx) => {
        for (const row of changed) await tx.block.update({ where: { id: row.id }, data: { label: row.label } });
        // The search index holds the labels too: its documents of this version are rebuilt.
        await announce(tx, "version", version.id, now);
      },
      { timeout: 120_000 },
    );
    result.versions += 1;
    result.blocks += changed.length;
  }
  return result;
}
