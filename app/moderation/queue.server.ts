import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import { sqlDate, type SqlDriver } from "~/platform/sql.server.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import { sectionHeadings } from "~/consultations/sections.ts";
import { FLAGS, flagNames, type FlagName } from "~/comments/flags.ts";
import { wordDiff, type DiffSegment } from "~/text/word-diff.ts";
import { shownProposal } from "~/comments/proposal.ts";

// The moderation queue: one query on the driver (flags are a bit set, which Prisma cannot filter),
// keyset-paginated on (createdAt, id) so that page 100 costs what page 1 costs, then one round of
// lookups for what the page shows beside each comment (block text, group size, who holds a claim).

export const QUEUE_PAGE_SIZE = 25;
export const AGES = {
  "1h": { label: "Chờ quá 1 giờ", ms: 3_600_000 },
  "24h": { label: "Chờ quá 24 giờ", ms: 86_400_000 },
  "3d": { label: "Chờ quá 3 ngày", ms: 3 * 86_400_000 },
} as const;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A keyset page's cursor in the address, "<createdAt ISO>|<id>" (the queue's, the answers' list); malformed → none. */
export const keysetCursor = z
  .string()
  .max(100)
  .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);

/** The queue's filters, from the query string; anything unknown or malformed is dropped, never an error. */
export const queueFiltersSchema = z.object({
  consultation: id.optional().catch(undefined),
  /** One comment, whatever its status (the audit log links here). */
  comment: id.optional().catch(undefined),
  section: id.optional().catch(undefined),
  stance: z.enum(["AGREE", "DISAGREE", "OTHER"]).optional().catch(undefined),
  status: z.enum(["PENDING", "APPROVED", "REJECTED"]).catch("PENDING"),
  flag: z
    .enum(Object.keys(FLAGS) as [FlagName, ...FlagName[]])
    .optional()
    .catch(undefined),
  age: z
    .enum(Object.keys(AGES) as [keyof typeof AGES, ...(keyof typeof AGES)[]])
    .optional()
    .catch(undefined),
  order: z.enum(["oldest", "newest"]).catch("oldest"),
  view: z.enum(["items", "groups"]).catch("items"),
  after: keysetCursor,
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

const STATUS_LITERAL = { PENDING: "PENDING", APPROVED: "APPROVED", REJECTED: "REJECTED" } as const;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  return queueFiltersSchema.parse(Object.fromEntries(params));
}

interface QueueRow {
  id: string;
  consultationId: string;
  versionId: string;
  blockKey: string | null;
  quote: string | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  originalText: string;
  publishedText: string | null;
  proposedText: string | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
  rejectReason: string | null;
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  occupation: string | null;
  ageGroup: string | null;
  onBehalfOf: string | null;
  flags: number;
  groupId: string | null;
  claimedById: string | null;
  claimedUntil: unknown;
  createdAt: unknown;
  decidedAt: unknown;
  decidedById: string | null;
  channel: "ONLINE" | "CONFERENCE" | "LETTER";
}

const COLUMNS = `"id", "consultationId", "versionId", "blockKey", "quote", "stance", "originalText", "publishedText", "proposedText",
  "status", "rejectReason", "authorName", "authorEmail", "authorPhone", "provinceCode", "communeCode", "occupation", "ageGroup",
  "onBehalfOf", "flags", "groupId", "claimedById", "claimedUntil", "createdAt", "decidedAt", "decidedById", "channel"`;

/**
 * The queue page's statement for these filters: its text (`?` placeholders) and values. Status and flag are
 * written into the text (both come from fixed lists, never from the request's text), so that PostgreSQL's
 * reusable plan can use the partial index of each flag; the planner knows how often each flag bit is set
 * from the statistics of migration 20261231090000 (without them it takes a flag for 99.5% of rows, and the
 * reusable plan of consultation + stance + flag read the consultation's whole pending range).
 */
export function queueStatement(provider: SqlDriver["provider"], filters: QueueFilters, now = new Date()): { text: string; params: unknown[] } {
  const where: string[] = filters.comment ? [`"id" = ?`] : [`"status" = '${STATUS_LITERAL[filters.status]}'`];
  const params: unknown[] = filters.comment ? [filters.comment] : [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filters.consultation) add(`"consultationId" = ?`, filters.consultation);
  if (filters.section) add(`"sectionKey" = ?`, filters.section);
  if (filters.stance) add(`"stance" = ?`, filters.stance);
  if (filters.flag) add(`("flags" & ${Number(FLAGS[filters.flag])}) <> 0`);
  if (filters.age) add(`"createdAt" < ?`, new Date(now.getTime() - AGES[filters.age].ms));
  const ascending = filters.order === "oldest";
  if (filters.after) {
    const [at, afterId] = filters.after.split("|");
    add(`("createdAt", "id") ${ascending ? ">" : "<"} (?, ?)`, new Date(at!), afterId);
  }
  const direction = ascending ? "ASC" : "DESC";
  // SQLite without statistics prefers the status index and sorts; the flag's partial index is named.
  const table =
    provider === "sqlite" && filters.flag && filters.status === "PENDING"
      ? `"Comment" INDEXED BY "Comment_pending_flag${Number(FLAGS[filters.flag])}_idx"`
      : `"Comment"`;
  return {
    text: `SELECT ${COLUMNS} FROM ${table} WHERE ${where.join(" AND ")} ORDER BY "createdAt" ${direction}, "id" ${direction} LIMIT ${QUEUE_PAGE_SIZE + 1}`,
    params,
  };
}

/** One page of the queue, with what a moderator needs beside each comment. */
export async function listQueue(db: Db, sql: SqlDriver, filters: QueueFilters, viewer: { id: string; seesContacts: boolean }, now = new Date()) {
  const statement = queueStatement(sql.provider, filters, now);
  const rows = await sql.all<QueueRow>(statement.text, statement.params);
  const more = rows.length > QUEUE_PAGE_SIZE;
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const details = await pageDetails(db, page);
  const items = page.map((row) => {
    const claimedUntil = row.claimedUntil ? sqlDate(row.claimedUntil) : null;
    const claimActive = row.claimedById && claimedUntil && claimedUntil > now;
    const group = row.groupId ? details.groups.get(row.groupId) : undefined;
    return {
      id: row.id,
      consultation: details.consultations.get(row.consultationId) ?? null,
      block: row.blockKey ? (details.blocks.get(`${row.versionId}|${row.blockKey}`) ?? null) : null,
      blockKey: row.blockKey,
      quote: row.quote,
      stance: row.stance,
      originalText: row.originalText,
      publishedText: row.publishedText,
      proposal: shownProposal(row.quote ?? (row.blockKey ? details.blocks.get(`${row.versionId}|${row.blockKey}`)?.text : null), row.proposedText),
      status: row.status,
      rejectReason: row.rejectReason,
      author: {
        name: row.authorName,
        email: viewer.seesContacts ? row.authorEmail : null,
        phone: viewer.seesContacts ? row.authorPhone : null,
        locality: describeLocality(row.provinceCode, row.communeCode).join(", "),
        occupation: row.occupation,
        ageGroup: row.ageGroup,
        onBehalfOf: row.onBehalfOf,
      },
      flags: flagNames(row.flags),
      channel: row.channel,
      group: group ? { id: row.groupId!, size: group.size, pending: group.pendingCount } : null,
      claim: claimActive ? { byMe: row.claimedById === viewer.id, by: details.users.get(row.claimedById!) ?? "?", until: claimedUntil } : null,
      createdAt: sqlDate(row.createdAt),
      decidedAt: row.decidedAt ? sqlDate(row.decidedAt) : null,
      decidedBy: row.decidedById ? (details.users.get(row.decidedById) ?? null) : null,
    };
  });
  const last = page.at(-1);
  return { items, next: more && last ? `${sqlDate(last.createdAt).toISOString()}|${last.id}` : null };
}
export type QueueItem = Awaited<ReturnType<typeof listQueue>>["items"][number];

async function pageDetails(db: Db, rows: QueueRow[]) {
  const unique = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
  const blockKeys = rows.filter((r) => r.blockKey);
  const [blocks, groups, users, consultations] = await Promise.all([
    blockKeys.length
      ? db.block.findMany({
          where: { OR: blockKeys.map((r) => ({ versionId: r.versionId, key: r.blockKey! })) },
          select: { versionId: true, key: true, label: true, text: true },
        })
      : [],
    db.duplicateGroup.findMany({ where: { id: { in: unique(rows.map((r) => r.groupId)) } }, select: { id: true, size: true, pendingCount: true } }),
    db.user.findMany({ where: { id: { in: unique(rows.flatMap((r) => [r.claimedById, r.decidedById])) } }, select: { id: true, name: true } }),
    db.consultation.findMany({ where: { id: { in: unique(rows.map((r) => r.consultationId)) } }, select: { id: true, title: true, slug: true } }),
  ]);
  return {
    blocks: new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, { label: b.label, text: b.text }])),
    groups: new Map(groups.map((g) => [g.id, g])),
    users: new Map(users.map((u) => [u.id, u.name])),
    consultations: new Map(consultations.map((c) => [c.id, c])),
  };
}

/** Members a group card lists (the rest: "và N ý kiến khác"). */
export const GROUP_MEMBERS_SHOWN = 20;

/** A member of a group as its card lists it: what differs from the representative marked. */
export interface GroupMember {
  id: string;
  status: string;
  createdAt: Date;
  /**
   * The member's text against the representative's: "ins" what it adds, "del" what it leaves out. Empty when
   * the card need not show it again: the text is the representative's (`same`) or an earlier member's (`repeats`).
   */
  diff: DiffSegment[];
  /** Its text is the representative's, to the letter. */
  same: boolean;
  /** Its text is that of the card's member at this place (1-based), whose diff is shown there. */
  repeats: number | null;
}

export interface MemberRow {
  groupId: string;
  id: string;
  status: string;
  createdAt: unknown;
  originalText: string;
}

/**
 * The first GROUP_MEMBERS_SHOWN members of each group other than its representative, oldest first: one
 * statement for the page, each group's part one range of the partial index ("groupId", "createdAt", "id")
 * (migration 20261223090000), so a group of 100,000 costs its card what a group of 3 does.
 */
async function groupMemberRows(sql: SqlDriver, groups: { id: string; representativeId: string }[]) {
  if (!groups.length) return new Map<string, MemberRow[]>();
  const part = (i: number) =>
    `SELECT * FROM (SELECT "groupId", "id", "status", "createdAt", "originalText" FROM "Comment" WHERE "groupId" = ? AND "id" <> ?
     ORDER BY "createdAt", "id" LIMIT ${GROUP_MEMBERS_SHOWN}) AS "m${i}"`;
  // UNION ALL promises no order: the outer ORDER BY puts each group's members oldest first again.
  const rows = await sql.all<MemberRow>(
    `${groups.map((_, i) => part(i)).join(" UNION ALL ")} ORDER BY "groupId", "createdAt", "id"`,
    groups.flatMap((g) => [g.id, g.representativeId]),
  );
  const byGroup = new Map<string, MemberRow[]>(groups.map((g) => [g.id, []]));
  for (const row of rows) byGroup.get(row.groupId)?.push(row);
  return byGroup;
}

/**
 * A member's text marked against its representative's, remembered across requests: both texts never change
 * (an erased text is another text, so another key), and the groups page shows the same members to every
 * moderator after every decision. Bounded: at MEMO_LIMIT pairs it starts afresh (a page holds at most
 * QUEUE_PAGE_SIZE × GROUP_MEMBERS_SHOWN = 1,250).
 */
const MEMO_LIMIT = 5_000;
let marked = new Map<string, Map<string, DiffSegment[]>>();
let markedCount = 0;
export function markedAgainst(representative: string, text: string): DiffSegment[] {
  let byText = marked.get(representative);
  let diff = byText?.get(text);
  if (diff) return diff;
  diff = wordDiff(representative, text);
  if (markedCount >= MEMO_LIMIT) {
    marked = new Map();
    markedCount = 0;
    byText = undefined;
  }
  if (!byText) marked.set(representative, (byText = new Map()));
  byText.set(text, diff);
  markedCount++;
  return diff;
}

/**
 * A card's members with their differences from the representative's text; and how many more there are.
 * Each wording is marked and shown once: a campaign's members repeat a few (3 to 8 among the first 50 of each
 * of the 25 largest groups at 1,000,000 opinions), so a page marks and renders about 130 texts, not 1,250.
 * A member with the representative's text says so; one with an earlier member's text points to it.
 */
export function groupMembers(rows: MemberRow[], size: number, representative: string) {
  const firstWith = new Map<string, number>();
  const members: GroupMember[] = rows.map((m, i) => {
    const member = { id: m.id, status: m.status, createdAt: sqlDate(m.createdAt) };
    const diff = markedAgainst(representative, m.originalText);
    if (diff.every((d) => d.kind === "same")) return { ...member, diff: [], same: true, repeats: null };
    const earlier = firstWith.get(m.originalText);
    if (earlier !== undefined) return { ...member, diff: [], same: false, repeats: earlier + 1 };
    firstWith.set(m.originalText, i);
    return { ...member, diff, same: false, repeats: null };
  });
  return { members, more: Math.max(0, size - 1 - members.length) };
}

/** Near-duplicate groups with pending members, largest first. */
export async function listGroups(db: Db, sql: SqlDriver, filters: QueueFilters, now = new Date()) {
  const groups = await db.duplicateGroup.findMany({
    where: { pendingCount: { gt: 0 }, ...(filters.consultation ? { consultationId: filters.consultation } : {}) },
    orderBy: [{ pendingCount: "desc" }, { createdAt: "asc" }],
    take: QUEUE_PAGE_SIZE,
  });
  const [representatives, users, memberRows] = await Promise.all([
    db.comment.findMany({
      where: { id: { in: groups.map((g) => g.representativeId) } },
      select: { id: true, originalText: true, stance: true, blockKey: true, versionId: true, consultation: { select: { title: true } } },
    }),
    db.user.findMany({ where: { id: { in: groups.flatMap((g) => (g.claimedById ? [g.claimedById] : [])) } }, select: { id: true, name: true } }),
    groupMemberRows(sql, groups),
  ]);
  const byId = new Map(representatives.map((c) => [c.id, c]));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const blocks = await db.block.findMany({
    where: { OR: representatives.filter((c) => c.blockKey).map((c) => ({ versionId: c.versionId, key: c.blockKey! })) },
    select: { versionId: true, key: true, label: true },
  });
  const labels = new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, b.label]));
  const listed = groups.map((g) => groupMembers(memberRows.get(g.id) ?? [], g.size, byId.get(g.representativeId)?.originalText ?? ""));
  return groups.map((g, i) => {
    const rep = byId.get(g.representativeId);
    const claimActive = g.claimedById && g.claimedUntil && g.claimedUntil > now;
    return {
      id: g.id,
      size: g.size,
      pending: g.pendingCount,
      approved: g.approvedCount,
      /** People who support (đồng tình) the group's published opinion (ADR 046). */
      supporters: g.supportCount,
      text: rep?.originalText ?? "",
      stance: rep?.stance ?? "OTHER",
      consultationTitle: rep?.consultation.title ?? "",
      blockLabel: rep?.blockKey ? (labels.get(`${rep.versionId}|${rep.blockKey}`) ?? null) : null,
      claim: claimActive ? { by: names.get(g.claimedById!) ?? "?", until: g.claimedUntil! } : null,
      createdAt: g.createdAt,
      members: listed[i]!.members,
      moreMembers: listed[i]!.more,
    };
  });
}

/** What the filter bar offers: consultations, and the sections of the chosen one. */
export async function filterOptions(db: Db, consultationId: string | undefined) {
  const consultations = await db.consultation.findMany({
    where: { publishedVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, publishedVersionId: true },
  });
  const chosen = consultations.find((c) => c.id === consultationId);
  const sections = chosen
    ? sectionHeadings(
        await db.block.findMany({
          where: { versionId: chosen.publishedVersionId! },
          orderBy: { position: "asc" },
          select: { key: true, kind: true, level: true, text: true },
        }),
      )
    : [];
  const reasons = await db.rejectReason.findMany({ where: { active: true }, orderBy: { position: "asc" }, select: { id: true, label: true } });
  return {
    consultations: consultations.map((c) => ({ id: c.id, title: c.title })),
    sections: sections.map((s) => ({ key: s.key, text: s.text, level: s.level })),
    reasons,
  };
}
