import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { listPublishedComments } from "~/comments/public.server.ts";
import { readDraft } from "~/consultations/changes/versions.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { contentHash } from "~/text/fold.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { openDraftFromText, publishRevision, withText } from "../../support/versions.ts";

// The passages commented on, marked in the draft's text (ADR 048), on both databases: only approved
// comments count, only the version commented on is marked, a passage edited away is no longer marked,
// and a mark's link lists exactly the comments it counts.

const DRAFT = [
  "DỰ THẢO NGHỊ QUYẾT THỬ ĐOẠN TRÍCH",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "1. Kinh tế tăng trưởng khá, lạm phát được kiểm soát.",
  "2. Văn hóa, xã hội có nhiều tiến bộ; đời sống Nhân dân được cải thiện.",
].join("\n\n");

type Status = "APPROVED" | "PENDING" | "REJECTED";

async function quoteComment(db: Db, at: { consultationId: string; versionId: string; blockKey: string; blockText: string }, quote: string, status: Status) {
  const start = at.blockText.indexOf(quote);
  expect(start).toBeGreaterThan(-1);
  const text = `Ý kiến về «${quote}» ${randomBytes(3).toString("hex")}`;
  const row = await db.comment.create({
    data: {
      consultationId: at.consultationId,
      versionId: at.versionId,
      blockKey: at.blockKey,
      quote,
      quoteStart: start,
      quoteEnd: start + quote.length,
      stance: "OTHER",
      originalText: text,
      status,
      authorName: "Lê Thị Hoa",
      consentAt: new Date(),
      contentHash: contentHash(text),
      receiptToken: randomBytes(24).toString("base64url"),
    },
  });
  return row.id;
}

/** The marks of one block in a page's body: [passage range, the count's name, its link] in order. */
function marksIn(html: string, key: string) {
  const start = html.indexOf(`id="p-${key}"`);
  expect(start).toBeGreaterThan(-1);
  const block = html.slice(start, html.indexOf('<a href="?gop-y=', start));
  return [...block.matchAll(/<a class="passage-count" href="([^"]+)" data-passage="([^"]+)" data-n="([^"]+)" aria-label="([^"]+)"><\/a>/g)].map((m) => ({
    range: m[2],
    name: m[4],
    href: m[1].replaceAll("&amp;", "&"),
  }));
}

const textBetween = (html: string, range: string) =>
  [...html.matchAll(new RegExp(`<mark class="passage" data-passage="${range}">([^<]*)</mark>`, "g"))].map((m) => m[1]).join("");

describeEachDatabase("consultations: the passages commented on, marked in the text", (ctx) => {
  const slug = `doan-trich-${randomBytes(3).toString("hex")}`;
  let consultationId: string;
  const blocks = { economy: { key: "", text: "" }, society: { key: "", text: "" } };
  let pendingId: string;

  beforeAll(async () => {
    const { versionId, blocks: rows, ...opened } = await openDraftFromText(ctx.db, slug, DRAFT);
    consultationId = opened.consultationId;
    const economy = rows.find((b) => b.text.startsWith("1."))!;
    const society = rows.find((b) => b.text.startsWith("2."))!;
    blocks.economy = { key: economy.key, text: economy.text };
    blocks.society = { key: society.key, text: society.text };
    const on = (b: { key: string; text: string }) => ({ consultationId, versionId, blockKey: b.key, blockText: b.text });

    // The economy block: one passage that survives the edit below, one that does not.
    await quoteComment(ctx.db, on(economy), "Kinh tế tăng trưởng", "APPROVED");
    await quoteComment(ctx.db, on(economy), "lạm phát được kiểm soát", "APPROVED");
    // The society block: two comments on one passage and one on an overlapping passage (one mark of 3),
    // a separate passage, and comments not published (never counted).
    await quoteComment(ctx.db, on(society), "xã hội có nhiều tiến bộ", "APPROVED");
    await quoteComment(ctx.db, on(society), "xã hội có nhiều tiến bộ", "APPROVED");
    await quoteComment(ctx.db, on(society), "tiến bộ; đời sống", "APPROVED");
    await quoteComment(ctx.db, on(society), "được cải thiện", "APPROVED");
    pendingId = await quoteComment(ctx.db, on(society), "Văn hóa", "PENDING");
    await quoteComment(ctx.db, on(society), "Nhân dân", "REJECTED");

    // Version 2 rewrites the end of the economy block: the second passage is no longer in its text.
    await publishRevision(ctx.db, consultationId, (nodes) =>
      nodes.map((n) => (n.attrs?.id === economy.key ? withText(n, "1. Kinh tế tăng trưởng khá, lạm phát ở mức thấp.") : n)),
    );
  });

  it("marks the approved passages in the version commented on, overlapping ones as one mark with their comments counted", async () => {
    const page = (await readDraft(ctx.db, slug))!;
    expect(page.version.number).toBe(2);
    const society = marksIn(page.bodyHtml, blocks.society.key);
    expect(society.map((m) => m.name)).toEqual(["Đoạn trích có 3 ý kiến", "Đoạn trích có 1 ý kiến"]);
    expect(textBetween(page.bodyHtml, society[0].range)).toBe("xã hội có nhiều tiến bộ; đời sống");
    expect(textBetween(page.bodyHtml, society[1].range)).toBe("được cải thiện");
    expect(page.bodyHtml).not.toContain(">Văn hóa</mark>");
    expect(page.bodyHtml).not.toContain(">Nhân dân</mark>");

    // Written on version 1: still marked where the text is unchanged, not where it was edited away.
    const economy = marksIn(page.bodyHtml, blocks.economy.key);
    expect(economy.map((m) => [textBetween(page.bodyHtml, m.range), m.name])).toEqual([["Kinh tế tăng trưởng", "Đoạn trích có 1 ý kiến"]]);
  });

  it("marks nothing on an earlier version's page", async () => {
    const first = (await readDraft(ctx.db, slug, 1))!;
    expect(first.version.number).toBe(1);
    expect(first.bodyHtml).toContain("lạm phát được kiểm soát");
    expect(first.bodyHtml).not.toContain("<mark");
    expect(first.bodyHtml).not.toContain("passage-count");
  });

  it("a mark's link lists exactly the comments it counts", async () => {
    const page = (await readDraft(ctx.db, slug))!;
    const [merged] = marksIn(page.bodyHtml, blocks.society.key);
    const url = new URL(merged.href, "http://localhost");
    expect(url.pathname).toBe(`/du-thao/${slug}/y-kien`);
    expect(url.searchParams.get("doan")).toBe(blocks.society.key);
    const passage = { start: Number(url.searchParams.get("tu")), end: Number(url.searchParams.get("den")), blockText: blocks.society.text };
    const list = await listPublishedComments(ctx.db, consultationId, blocks.society.key, 1, "newest", passage);
    expect(list.total).toBe(3);
    expect(list.comments.map((c) => c.quote).sort()).toEqual(["tiến bộ; đời sống", "xã hội có nhiều tiến bộ", "xã hội có nhiều tiến bộ"]);
    expect(list.passage).toEqual({ start: passage.start, end: passage.end });
    // The block's own list still has all its published comments.
    expect((await listPublishedComments(ctx.db, consultationId, blocks.society.key, 1)).total).toBe(4);

    // The passage edited away: its comment is not listed under the range it had.
    const current = await ctx.db.block.findFirstOrThrow({ where: { key: blocks.economy.key, versionId: page.version.id } });
    const old = blocks.economy.text.indexOf("lạm phát được kiểm soát");
    const stale = await listPublishedComments(ctx.db, consultationId, blocks.economy.key, 1, "newest", { start: old, end: old + 23, blockText: current.text });
    expect(stale.total).toBe(0);
  });

  it("follows approvals on the next request: the body is not re-rendered, the marks are", async () => {
    await ctx.db.comment.update({ where: { id: pendingId }, data: { status: "APPROVED" } });
    const page = (await readDraft(ctx.db, slug))!;
    const society = marksIn(page.bodyHtml, blocks.society.key);
    expect(society.map((m) => [textBetween(page.bodyHtml, m.range), m.name])).toEqual([
      ["Văn hóa", "Đoạn trích có 1 ý kiến"],
      ["xã hội có nhiều tiến bộ; đời sống", "Đoạn trích có 3 ý kiến"],
      ["được cải thiện", "Đoạn trích có 1 ý kiến"],
    ]);
    await ctx.db.comment.update({ where: { id: pendingId }, data: { status: "REJECTED" } });
    expect(marksIn((await readDraft(ctx.db, slug))!.bodyHtml, blocks.society.key)).toHaveLength(2);
  });
});
