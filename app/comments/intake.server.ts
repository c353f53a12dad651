import { randomUUID } from "node:crypto";
import { commentGroup, joinGroupStep, moveIntoGroup, resubmissionQuery, type DuplicateKey } from "~/comments/comment-store.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { getSetting } from "~/platform/settings.server.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";
import { createGroupRow, earliestGroup, mergedGroupSettled, startedGroupSupportsStep, startGroupStep } from "./duplicate-groups.server.ts";
import { FLAGS, textFlags } from "./flags.ts";
import { fingerprint, isNearDuplicate, type Bands, type Fingerprint } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, parseWordList, STARTER_PROFANITY, type ProfanityMatcher } from "~/text/profanity-vi.ts";
import { wordMemo } from "~/text/word-memo.ts";

// What moderation learns about a comment as it is submitted: its automatic flags, its MinHash bands,
// and the near-duplicate group it joins. Costs one indexed query (comments of the same consultation
// sharing a band), a comparison with the candidates until one is confirmed, and, when a group is
// started or joined, two more statements inside the insert's own transaction.

export const PROFANITY_KEY = "moderation.profanity";
/** Candidates compared at most (a flood of one text gives thousands sharing every band: any of them will do). */
const CANDIDATES = 20;
/** Candidates taken from each band's range: some from each, so one band's chance collisions cannot crowd out the others. */
const PER_BAND = CANDIDATES / 4;

/**
 * The fingerprints of the texts this process compared lately. A band's range gives its oldest rows first, so
 * during a campaign every submission is compared with the same few candidates, twice (screening, then settling
 * its group after the insert) and its own text fingerprinted twice: up to 42 fingerprints of the same texts
 * per submission, most of the app's text analysis (ADR 066). A stored text never changes (an erased comment's
 * is emptied: another text). Bounded: 1,000 texts of up to the longest comment allowed.
 */
const printOf = wordMemo(fingerprint, 1_000, 10_000);

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
  /**
   * Whether the comment also matches comments outside the group it gets (another group, or an
   * ungrouped one besides the one it starts a group with): settleGroup must bring them together.
   */
  unsettled: boolean;
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
  comment: { consultationId: string; blockKey: string | null; stance: string; text: string; proposal?: string | null; burst: boolean },
  now: Date,
  resubmission?: Omit<DuplicateKey, "consultationId" | "blockKey">,
): Promise<Screening> {
  const matcher = await profanityMatcher(db);
  let flags = textFlags(comment.text, matcher);
  // A proposed wording is published with the opinion: a link or a rude word in it is flagged the same way.
  if (comment.proposal) flags |= textFlags(comment.proposal, matcher) & (FLAGS.LINK | FLAGS.PROFANITY);
  if (comment.burst) flags |= FLAGS.BURST;
  const mine = printOf(comment.text);
  const bands = mine.bands;
  const earlier = resubmission ? resubmissionQuery({ ...resubmission, consultationId: comment.consultationId, blockKey: comment.blockKey }) : null;
  const rows = await candidateRows(sql, comment, bands, earlier);
  const candidates = [...new Map(rows.filter((r) => r.kind === "candidate").map((c) => [c.id, c])).values()];
  // The lookup already asked for the same target and stance; confirmed on the texts themselves, a
  // candidate already in a group is preferred.
  const matches = candidates.filter((c) => isNearDuplicate(mine, printOf(c.originalText)));
  const match = matches.find((c) => c.groupId) ?? matches[0];
  const screening: Screening = {
    flags,
    bands,
    groupId: null,
    steps: [],
    retry: rows.find((r) => r.kind === "retry")?.id ?? null,
    duplicate: rows.some((r) => r.kind === "duplicate"),
    unsettled: matches.some((c) => c.groupId !== (match?.groupId ?? null) || (!c.groupId && c !== match)),
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
    startedGroupSupportsStep({ id: screening.groupId, representativeId: match.id }),
  );
  return screening;
}

type Target = { consultationId: string; blockKey: string | null; stance: string };

/**
 * The comments of the same consultation, target and stance sharing a band with `bands`, at most
 * PER_BAND from each band's index range (and, with `earlier`, that query's rows, in the same round trip).
 */
function candidateRows(
  sql: Pick<SqlTx, "all" | "provider">,
  comment: Target,
  bands: Bands,
  earlier: { sql: string; params: unknown[] } | null = null,
): Promise<(Candidate & { kind: "candidate" | "retry" | "duplicate" })[]> {
  // One index range per band ((consultationId, blockKey, bandN)), each read only until it has given
  // enough rows: a flood of one text shares every band with thousands of comments, and an OR of the
  // four ranges (a bitmap of all of them on PostgreSQL) grew with the flood.
  const target = comment.blockKey === null ? `"blockKey" IS NULL` : `"blockKey" = ?`;
  const branch = (band: number) =>
    `SELECT 'candidate' AS "kind", "id", "groupId", CAST("status" AS TEXT) AS "status", "originalText" FROM (SELECT "id", "groupId", "status", "originalText" FROM "Comment"
       WHERE "consultationId" = ? AND ${target} AND "band${band}" = ? AND "stance" = ? LIMIT ${PER_BAND}) AS b${band}`;
  const branchParams = (band: number) => [comment.consultationId, ...(comment.blockKey === null ? [] : [comment.blockKey]), bands[band], comment.stance];
  return sql.all([...(earlier ? [earlier.sql] : []), ...[0, 1, 2, 3].map(branch)].join(" UNION ALL "), [
    ...(earlier?.params ?? []),
    ...[0, 1, 2, 3].flatMap(branchParams),
  ]);
}

/** A stored comment whose group is settled (settleGroup). */
export interface SettledComment extends Target {
  id: string;
  text: string;
  /** The group screening gave it (null: none). */
  groupId: string | null;
}

/**
 * After a comment is committed: makes its group the one group of every comment it matches, whatever
 * the order and timing of their arrival (ADR 041). Its matches are looked up again (one read, the
 * screening's lookup); when they all sit in its group, nothing more happens. Otherwise, in one
 * transaction serialized per consultation, target and stance (PostgreSQL: an advisory lock; SQLite:
 * one writer), the lookup is repeated and the comment, its ungrouped matches and the members of
 * every group they are in become one group: the earliest created of those groups (a new one when
 * none), its representative the earliest member, the member the public sees the earliest approved
 * one. Decisions taken stay; the counters are recounted. Of two comments submitted at the same
 * moment, the one committed second finds the first in this lookup: they end in one group.
 * Resolves with the comment's group.
 */
export async function settleGroup(sql: SqlDriver, comment: SettledComment, now: Date): Promise<string | null> {
  const mine = printOf(comment.text);
  const matches = await confirmedMatches(sql, comment, mine);
  if (matches.every((c) => c.groupId !== null && c.groupId === comment.groupId)) return comment.groupId;
  return sql.transaction((tx) => regroup(tx, comment, mine, now));
}

/** A failed settling leaves the comment stored in the group screening gave it; the next near-duplicate settles them. */
export function logSettleFailure(error: unknown): null {
  console.error("Không gộp được nhóm ý kiến trùng lặp", error);
  return null;
}

/** settleGroup inside the caller's transaction (a conference import: its own rows are not yet committed). */
export function settleGroupIn(tx: SqlTx, comment: SettledComment, now: Date): Promise<string | null> {
  return regroup(tx, comment, printOf(comment.text), now);
}

async function confirmedMatches(sql: Pick<SqlTx, "all" | "provider">, comment: SettledComment, mine: Fingerprint): Promise<Candidate[]> {
  const rows = await candidateRows(sql, comment, mine.bands);
  const candidates = [...new Map(rows.filter((c) => c.id !== comment.id).map((c) => [c.id, c])).values()];
  return candidates.filter((c) => isNearDuplicate(mine, printOf(c.originalText)));
}

async function regroup(tx: SqlTx, comment: SettledComment, mine: Fingerprint, now: Date): Promise<string | null> {
  if (tx.provider === "postgresql") {
    await tx.all(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`duplicate-group:${comment.consultationId}:${comment.blockKey ?? ""}:${comment.stance}`]);
  }
  const matches = await confirmedMatches(tx, comment, mine);
  const own = await commentGroup(tx, comment.id);
  if (own === undefined || !matches.length) return own ?? null; // erased meanwhile, or nothing to join
  const groups = [...new Set([own, ...matches.map((c) => c.groupId)].filter((g): g is string => g !== null))];
  const loose = [comment.id, ...matches.filter((c) => !c.groupId).map((c) => c.id)];
  if (groups.length === 1 && own === groups[0] && loose.length === 1) return own;
  return mergeIntoGroup(tx, { consultationId: comment.consultationId, blockKey: comment.blockKey, groups, ids: loose }, now);
}

/**
 * The comments `ids` and every member of `groups` become one group: the earliest created of `groups`
 * (a new one when there is none), which then has its earliest member as representative and its
 * earliest approved member for the public; the other groups go. Members keep their status.
 */
async function mergeIntoGroup(
  tx: SqlTx,
  merge: { consultationId: string; blockKey: string | null; groups: string[]; ids: string[] },
  now: Date,
): Promise<string> {
  let target = await earliestGroup(tx, merge.groups);
  if (!target) {
    target = randomUUID();
    await createGroupRow(tx, { id: target, consultationId: merge.consultationId, blockKey: merge.blockKey, representativeId: merge.ids[0]! }, now);
  }
  const others = merge.groups.filter((g) => g !== target);
  await moveIntoGroup(tx, target, { groups: others, ids: merge.ids }, FLAGS.NEAR_DUPLICATE);
  await mergedGroupSettled(tx, target, others, now);
  return target;
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
