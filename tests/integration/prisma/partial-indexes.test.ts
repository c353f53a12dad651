import { expect, it } from "vitest";
import { describeEachDatabase } from "../../support/test-db.ts";

// The moderation queue reads pending flagged comments through partial indexes that the models cannot
// describe (migration 20261126170000_queue_indexes). A later SQLite migration that rebuilds the Comment
// table drops them unless it makes them again: every migrated database must still have all seven.
const FLAG_BITS = [1, 2, 4, 8, 16, 32, 64];

describeEachDatabase("partial indexes after every migration", (ctx) => {
  it("keeps the queue's partial index of each flag", async () => {
    const rows =
      ctx.provider === "sqlite"
        ? await ctx.sql.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Comment'`, [])
        : await ctx.sql.all<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'Comment'`, []);
    const names = new Set(rows.map((r) => r.name));
    for (const bit of FLAG_BITS) expect(names, `Comment_pending_flag${bit}_idx`).toContain(`Comment_pending_flag${bit}_idx`);
  });

  it("indexes only the opinions that quote a passage or name an organization, a conference or an answer (ADR 060)", async () => {
    const rows =
      ctx.provider === "sqlite"
        ? await ctx.sql.all<{ name: string; definition: string | null }>(
            `SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Comment'`,
            [],
          )
        : await ctx.sql.all<{ name: string; definition: string | null }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'Comment'`,
            [],
          );
    const definition = new Map(rows.map((r) => [r.name, (r.definition ?? "").replace(/[()"]/g, "")]));
    const partial = {
      Comment_consultationId_status_quoteStart_quoteEnd_blockKey_idx: "quoteStart",
      Comment_organizationId_idx: "organizationId",
      Comment_conferenceId_idx: "conferenceId",
      Comment_answerId_idx: "answerId",
    };
    for (const [name, column] of Object.entries(partial)) expect(definition.get(name), name).toMatch(new RegExp(`WHERE ${column} IS NOT NULL$`));
  });
});
