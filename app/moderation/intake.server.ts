import { randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { getSetting } from "~/platform/settings.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { FLAGS, textFlags } from "./text/flags.ts";
import { fingerprint, isNearDuplicate, type Bands } from "./text/near-duplicate.ts";
import { createProfanityMatcher, parseWordList, STARTER_PROFANITY, type ProfanityMatcher } from "./text/profanity-vi.ts";

// What moderation learns about a comment as it is submitted: its automatic flags, its MinHash bands,
// and the near-duplicate group it joins. Costs one indexed query (comments of the same consultation
// sharing a band), a comparison with the candidates until one is confirmed, and, when a group is
// started or joined, two more statements inside the insert's own transaction.

export const PROFANITY_KEY = "moderation.profanity";
/** Candidates compared at most (a flood of one text gives thousands sharing every band: any of them will do). */
const CANDIDATES = 20;

export interface Screening {
  flags: number;
  bands: Bands;
  groupId: string | null;
  /** Statements that must commit with the comment's insert (group start or join). */
  steps: { sql: string; params: unknown[]; mustChange?: boolean }[];
}

interface Candidate {
  id: string;
  groupId: string | null;
  status: string;
  originalText: string;
}

/**
 * Flags and near-duplicate group of a new comment. `burst` comes from the caller's counters (many
 * comments from one address or one contact in a short time).
 */
export async function screenComment(
  db: Db,
  sql: SqlDriver,
  comment: { consultationId: string; blockKey: string | null; stance: string; text: string; burst: boolean },
  now: Date,
): Promise<Screening> {
  let flags = textFlags(comment.text, await profanityMatcher(db));
  if (comment.burst) flags |= FLAGS.BURST;
  const mine = fingerprint(comment.text);
  const bands = mine.bands;
  // The consultation and the target repeated in each alternative, so that both databases answer with
  // one index range per band ((consultationId, blockKey, bandN)), whatever their statistics.
  const target = comment.blockKey === null ? `"blockKey" IS NULL` : `"blockKey" = ?`;
  const branch = (band: number) => `("consultationId" = ? AND ${target} AND "band${band}" = ?)`;
  const branchParams = (band: number) => [comment.consultationId, ...(comment.blockKey === null ? [] : [comment.blockKey]), bands[band]];
  const candidates = await sql.all<Candidate>(
    `SELECT "id", "groupId", "status", "originalText" FROM "Comment"
     WHERE (${[0, 1, 2, 3].map(branch).join(" OR ")}) AND "stance" = ?
     LIMIT ${CANDIDATES}`,
    [...[0, 1, 2, 3].flatMap(branchParams), comment.stance],
  );
  // The lookup already asked for the same target and stance; confirmed on the texts themselves, a
  // candidate already in a group is preferred.
  const confirmed = (c: Candidate) => isNearDuplicate(mine, c.originalText);
  const match = candidates.find((c) => c.groupId && confirmed(c)) ?? candidates.find((c) => !c.groupId && confirmed(c));
  const screening: Screening = { flags, bands, groupId: null, steps: [] };
  if (!match) return screening;
  screening.flags |= FLAGS.NEAR_DUPLICATE;
  if (match.groupId) {
    screening.groupId = match.groupId;
    screening.steps.push({
      sql: `UPDATE "DuplicateGroup" SET "size" = "size" + 1, "pendingCount" = "pendingCount" + 1, "updatedAt" = ? WHERE "id" = ?`,
      params: [now, match.groupId],
      mustChange: true,
    });
    return screening;
  }
  // The match becomes the group's representative; if another submission grouped it meanwhile, the
  // conditional update changes nothing and the whole insert is retried.
  const first = match;
  screening.groupId = randomUUID();
  screening.steps.push(
    {
      sql: `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "publicCommentId", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?, ?)`,
      params: [
        screening.groupId,
        comment.consultationId,
        comment.blockKey,
        first.id,
        first.status === "PENDING" ? 2 : 1,
        first.status === "APPROVED" ? 1 : 0,
        first.status === "APPROVED" ? first.id : null,
        now,
        now,
      ],
    },
    { sql: `UPDATE "Comment" SET "groupId" = ? WHERE "id" = ? AND "groupId" IS NULL`, params: [screening.groupId, first.id], mustChange: true },
  );
  return screening;
}

const matchers = new WeakMap<Db, { source: string | null; matcher: ProfanityMatcher }>();

/** The profanity list an administrator set, else the shipped starter list. */
export async function profanityMatcher(db: Db): Promise<ProfanityMatcher> {
  const source = await getSetting(db, PROFANITY_KEY);
  const cached = matchers.get(db);
  if (cached && cached.source === source) return cached.matcher;
  const matcher = createProfanityMatcher(source === null ? STARTER_PROFANITY : parseWordList(source));
  matchers.set(db, { source, matcher });
  return matcher;
}
