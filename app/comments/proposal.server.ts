import type { Db } from "~/platform/db.server.ts";
import { proposalOriginal } from "./proposal.ts";

interface WithProposal {
  id: string;
  versionId: string;
  blockKey: string | null;
  quote: string | null;
  proposedText: string | null;
}

/**
 * What each opinion's proposal rewrites (ADR 047), by the opinion's id: its quoted passage, or the
 * paragraph as it was in the version the author read (one query for all the paragraphs a page needs).
 * Opinions without a proposal are left out.
 */
export async function proposalOriginals(db: Pick<Db, "block">, rows: readonly WithProposal[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const proposing = rows.filter((r) => r.proposedText !== null);
  const paragraphs = proposing.filter((r) => r.quote === null && r.blockKey !== null);
  const blocks = paragraphs.length
    ? await db.block.findMany({
        where: { OR: [...new Map(paragraphs.map((r) => [`${r.versionId}|${r.blockKey}`, { versionId: r.versionId, key: r.blockKey! }])).values()] },
        select: { versionId: true, key: true, text: true },
      })
    : [];
  const texts = new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, b.text]));
  for (const r of proposing) {
    const original = proposalOriginal({ quote: r.quote, blockText: r.blockKey ? (texts.get(`${r.versionId}|${r.blockKey}`) ?? null) : null });
    if (original !== null) out.set(r.id, original);
  }
  return out;
}
