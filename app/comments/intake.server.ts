import { randomUUID } from "node:crypto";
import { joinGroupStep, resubmissionQuery, type DuplicateKey } from "~/comments/comment-store.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { getSetting } from "~/platform/settings.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { startGroupStep } from "./duplicate-groups.server.ts";
import { FLAGS, textFlags } from "./flags.ts";
import { fingerprint, isNearDuplicate, type Bands } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, parseWordList, STARTER_PROFANITY, type ProfanityMatcher } from "~/text/profanity-vi.ts";

// What moderation learns about a comment as it is submitted: its automatic flags, its MinHash bands,
// and the near-duplicate group it joins. Costs one indexed query (comments of the same consultation
// sharing a band), a comparison with the candidates until one is confirmed, and, when a group is
// started or joined, two more statements inside the insert's own transaction.

export const PROFANITY_KEY = "moderation.profanity";
/** Candidates compared at most (a flood of one text gives thousands sharing every band: any of them will do). */
const CANDIDATES = 20;
/** Candidates taken from each band's range: some from each, so one band's chance collisions cannot crowd out the others. */
const PER_BAND = CANDIDATES / 4;

export interface Screening {
  flags: number;
  bands: Bands;
  groupId: string | null;
  /**
   * Statements that must commit with the comment's insert (starting a group). A `groupId` without
   * them is an existing group the comment joins: its counters are recounted once the comment is
   * committed (group-counts.server.ts: groupJoined, or recountGroups inside a transaction).
   */
  steps: { sql: string; params: unknown[]; mustChange?: boolean }[];
  /** The receipt of this form's earlier attempt (the same idempotency key), when the caller asked (screenComment's `resubmission`). */
  retry: string | null;
  /** Whether the same author sent the same text to the same target before, from another form (no receipt: it is not this sender's). */
  duplicate: boolean;
}

interface Candidate {
  id: string;
  groupId: string | null;
  status: string;
  originalText: string;
}

/**
 * Flags and near-duplicate group of a new comment. `burst` comes from the caller's counters (many
 * comments from one address or one contact in a short time). With `resubmission`, the same query
 * also looks for the author's identical comment (one round trip for both: a submission's hot path).
 */
export async function screenComment(
  db: Db,
  sql: SqlDriver,
  comment: { consultationId: string; blockKey: string | null; stance: string; text: string; burst: boolean },
  now: Date,
  resubmission?: Omit<DuplicateKey, "consultationId" | "blockKey">,
): Promise<Screening> {
  let flags = textFlags(comment.text, await profanityMatcher(db));
  if (comment.burst) flags |= FLAGS.BURST;
  const mine = fingerprint(comment.text);
  const bands = mine.bands;
  // One index range per band ((consultationId, blockKey, bandN)), each read only until it has given
  // enough rows: a flood of one text shares every band with thousands of comments, and an OR of the
  // four ranges (a bitmap of all of them on PostgreSQL) grew with the flood.
  const target = comment.blockKey === null ? `"blockKey" IS NULL` : `"blockKey" = ?`;
  const branch = (band: number) =>
    `SELECT 'candidate' AS "kind", "id", "groupId", CAST("status" AS TEXT) AS "status", "originalText" FROM (SELECT "id", "groupId", "status", "originalText" FROM "Comment"
       WHERE "consultationId" = ? AND ${target} AND "band${band}" = ? AND "stance" = ? LIMIT ${PER_BAND}) AS b${band}`;
  const branchParams = (band: number) => [comment.consultationId, ...(comment.blockKey === null ? [] : [comment.blockKey]), bands[band], comment.stance];
  const earlier = resubmission ? resubmissionQuery({ ...resubmission, consultationId: comment.consultationId, blockKey: comment.blockKey }) : null;
  const rows = await sql.all<Candidate & { kind: "candidate" | "retry" | "duplicate" }>(
    [...(earlier ? [earlier.sql] : []), ...[0, 1, 2, 3].map(branch)].join(" UNION ALL "),
    [...(earlier?.params ?? []), ...[0, 1, 2, 3].flatMap(branchParams)],
  );
  const candidates = [...new Map(rows.filter((r) => r.kind === "candidate").map((c) => [c.id, c])).values()];
  // The lookup already asked for the same target and stance; confirmed on the texts themselves, a
  // candidate already in a group is preferred.
  const confirmed = (c: Candidate) => isNearDuplicate(mine, c.originalText);
  const match = candidates.find((c) => c.groupId && confirmed(c)) ?? candidates.find((c) => !c.groupId && confirmed(c));
  const screening: Screening = {
    flags,
    bands,
    groupId: null,
    steps: [],
    retry: rows.find((r) => r.kind === "retry")?.id ?? null,
    duplicate: rows.some((r) => r.kind === "duplicate"),
  };
  if (!match) return screening;
  screening.flags |= FLAGS.NEAR_DUPLICATE;
  if (match.groupId) {
    screening.groupId = match.groupId;
    return screening;
  }
  // The match becomes the group's representative; if another submission grouped it meanwhile, the
  // conditional update changes nothing and the whole insert is retried.
  screening.groupId = randomUUID();
  screening.steps.push(
    startGroupStep(
      {
        id: screening.groupId,
        consultationId: comment.consultationId,
        blockKey: comment.blockKey,
        representativeId: match.id,
        representativeStatus: match.status,
      },
      now,
    ),
    joinGroupStep(screening.groupId, match.id),
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
