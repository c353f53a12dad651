import { beforeAll, expect, it } from "vitest";
import { labelBlocks } from "~/consultations/document/blocks.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { relabelPublishedBlocks } from "~/consultations/relabel.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Existing data is migrated: blocks published with the earlier labels ("… › Mục I › đoạn 6") get the
// draft's own numbers, the search index is told, and a second run changes nothing.

const DRAFT = [
  "DỰ THẢO BÁO CÁO",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "I. KẾT QUẢ ĐẠT ĐƯỢC",
  "1. Kinh tế tăng trưởng khá.",
  "2. Các ngành đều phát triển.",
  "a) Nông nghiệp.",
  "b) Công nghiệp.",
  "3. Tài chính có nhiều tiến bộ.",
].join("\n\n");

describeEachDatabase("relabelling published blocks", (ctx) => {
  let versionId: string;

  beforeAll(async () => {
    const { consultation } = await createConsultationFromText(ctx.db, { slug: "nhan-cu", status: "OPEN" }, DRAFT);
    versionId = consultation.versions[0]!.id;
    // The rows as the earlier scheme wrote them.
    const rows = await ctx.db.block.findMany({ where: { versionId }, orderBy: { position: "asc" } });
    const earlier = labelBlocks(rows, "ordinal");
    for (const [i, row] of rows.entries()) await ctx.db.block.update({ where: { id: row.id }, data: { label: earlier[i]! } });
  });

  it("rewrites the earlier labels in the draft's numbering, announces the version to search, and is idempotent", async () => {
    const item3 = () => ctx.db.block.findFirstOrThrow({ where: { versionId, text: "3. Tài chính có nhiều tiến bộ." } });
    expect((await item3()).label).toBe("Phần thứ nhất › Mục I › đoạn 5");
    const outboxBefore = await ctx.db.searchOutbox.count({ where: { kind: "version", entityId: versionId } });

    const first = await relabelPublishedBlocks(ctx.db);
    expect(first.versions).toBe(1);
    expect(first.blocks).toBeGreaterThanOrEqual(6);
    expect((await item3()).label).toBe("Phần thứ nhất › I › 3");
    const point = await ctx.db.block.findFirstOrThrow({ where: { versionId, text: "a) Nông nghiệp." } });
    expect(point.label).toBe("Phần thứ nhất › I › 2 › a");
    expect(await ctx.db.searchOutbox.count({ where: { kind: "version", entityId: versionId } })).toBe(outboxBefore + 1);

    expect(await relabelPublishedBlocks(ctx.db)).toEqual({ versions: 0, blocks: 0 });
    expect(await ctx.db.searchOutbox.count({ where: { kind: "version", entityId: versionId } })).toBe(outboxBefore + 1);
  });
});
