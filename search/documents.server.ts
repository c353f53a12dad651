import type { SearchDocument } from "@search/engine.ts";
import type { NewCommentFields } from "@search/outbox/outbox.server.ts";
import { DISPOSITION_LABELS } from "~/answers/dispositions.ts";
import { publicByline } from "~/text/display-name.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { describeLocality, findCommune, findProvince } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";

// Search documents built from the database (search/README.md). The engine never reads the database:
// what it holds is what these functions hand it. Three kinds:
// - a block of any published version of a consultation, id "b_<versionId>_<blockKey>", with its
//   version's number and whether that version is the current one (earlier versions stay searchable);
// - a comment, whatever its status (the engine filters by status), id "c_<commentId>": the text as
//   published (the moderator's edit when there is one), the public byline, the locality's names;
// - an answer of the drafting team (tiếp thu, giải trình), id "a_<answerId>": its disposition's label and
//   explanation, in its section (public once recorded: no status, as a block).
// Contact details (email, phone), the source hash and the receipt token are never read here.
// A consultation in DRAFT is never public (ADR 034): its blocks and comments make no documents (their ids
// are removed); when it leaves DRAFT its published version is announced again and they are added.

export type DocumentsDb = Pick<Db, "answer" | "block" | "comment" | "consultation" | "documentVersion" | "organization">;

/**
 * The reads the documents of given ids need: through Prisma (prismaReader), or through driver SQL inside a
 * transaction (search/postgres/reader.server.ts, for the PostgreSQL engine's writes in the change's own
 * transaction).
 */
export interface DocumentReader {
  consultation(id: string): Promise<(ConsultationInfo & { publishedVersionId: string | null }) | null>;
  organizationName(id: string): Promise<string | null>;
  /** The version's blocks in order; after `afterPosition`, at most `take` of them when given. */
  versionBlocks(versionId: string, afterPosition?: number | null, take?: number): Promise<BlockRow[]>;
  comments(ids: readonly string[]): Promise<CommentRow[]>;
  answers(ids: readonly string[]): Promise<AnswerRow[]>;
  /** The consultation of a version; null for an unknown version. */
  versionConsultation(versionId: string): Promise<string | null>;
  /** The consultation's published versions, by number. */
  publishedVersions(consultationId: string): Promise<VersionRow[]>;
}

export interface BlockRow {
  key: string;
  position: number;
  kind: string;
  level: number;
  text: string;
  label: string;
}

const BLOCK_FIELDS = { key: true, position: true, kind: true, level: true, text: true, label: true } as const;

/** The reads through Prisma (a client or a Prisma transaction). */
export function prismaReader(db: DocumentsDb): DocumentReader {
  return {
    consultation: (id) => db.consultation.findUnique({ where: { id }, select: { slug: true, title: true, status: true, publishedVersionId: true } }),
    organizationName: async (id) => (await db.organization.findUnique({ where: { id }, select: { name: true } }))?.name ?? null,
    versionBlocks: (versionId, afterPosition = null, take) =>
      db.block.findMany({
        where: { versionId, ...(afterPosition === null ? {} : { position: { gt: afterPosition } }) },
        orderBy: { position: "asc" },
        ...(take === undefined ? {} : { take }),
        select: BLOCK_FIELDS,
      }),
    comments: async (ids) => (await db.comment.findMany({ where: { id: { in: [...ids] } }, select: COMMENT_FIELDS })) as CommentRow[],
    answers: async (ids) => (await db.answer.findMany({ where: { id: { in: [...ids] } }, select: ANSWER_FIELDS })) as AnswerRow[],
    versionConsultation: async (versionId) =>
      (await db.documentVersion.findUnique({ where: { id: versionId }, select: { consultationId: true } }))?.consultationId ?? null,
    publishedVersions: (consultationId) =>
      db.documentVersion.findMany({ where: { consultationId, status: "PUBLISHED" }, orderBy: { number: "asc" }, select: VERSION_FIELDS }),
  };
}

/** A Prisma client or transaction, or a reader. */
export type DocumentSource = DocumentsDb | DocumentReader;
const readerOf = (source: DocumentSource): DocumentReader => ("versionBlocks" in source ? source : prismaReader(source));

/** What the index must change: documents to add or replace, and ids to remove. */
export interface DocumentChanges {
  upsert: SearchDocument[];
  remove: string[];
}

export const blockDocumentId = (versionId: string, blockKey: string) => `b_${versionId}_${blockKey}`;
export const commentDocumentId = (commentId: string) => `c_${commentId}`;
export const answerDocumentId = (answerId: string) => `a_${answerId}`;

interface BlockInfo {
  label: string;
  sectionKey: string | null;
  sectionTitle: string | null;
}

interface VersionInfo {
  blocks: Map<string, BlockInfo>;
}

export interface ConsultationInfo {
  slug: string;
  title: string;
  status: string;
}

const MAX_CACHED_VERSIONS = 32;
const MAX_CACHED_NAMES = 1_000;

/** A bounded cache of loads: the least recently used entry goes first; a failed load is forgotten. */
function cachedLoad<V>(cache: Map<string, Promise<V>>, key: string, max: number, load: () => Promise<V>): Promise<V> {
  let found = cache.get(key);
  if (found) {
    cache.delete(key);
  } else {
    found = load();
    found.catch(() => cache.delete(key));
  }
  cache.set(key, found);
  if (cache.size > max) cache.delete(cache.keys().next().value!);
  return found;
}

/**
 * What documents share, read once: a version's block labels and sections (a published version never
 * changes, so this is safe to keep), a consultation's slug and title, an organization's name.
 * Bounded, so a pass over millions of comments keeps flat memory.
 */
export class Lookups {
  private versions = new Map<string, Promise<VersionInfo>>();
  private consultations = new Map<string, Promise<ConsultationInfo | null>>();
  private organizations = new Map<string, Promise<string | null>>();
  /** When each consultation and organization entry was read (only with a `maxAgeMs`). */
  private readAt = new Map<string, number>();

  /** `maxAgeMs`: a consultation's slug, title and status and an organization's name are read again after this long (a long-lived cache). */
  constructor(
    private db: DocumentReader,
    private maxAgeMs = Infinity,
  ) {}

  version(versionId: string): Promise<VersionInfo> {
    return cachedLoad(this.versions, versionId, MAX_CACHED_VERSIONS, () => this.loadVersion(versionId));
  }

  consultation(consultationId: string): Promise<ConsultationInfo | null> {
    this.expire(this.consultations, `c ${consultationId}`, consultationId);
    return cachedLoad(this.consultations, consultationId, MAX_CACHED_NAMES, () => this.db.consultation(consultationId));
  }

  async organizationName(organizationId: string | null): Promise<string | null> {
    if (!organizationId) return null;
    this.expire(this.organizations, `o ${organizationId}`, organizationId);
    return cachedLoad(this.organizations, organizationId, MAX_CACHED_NAMES, () => this.db.organizationName(organizationId));
  }

  /** Forgets an entry read more than maxAgeMs ago. */
  private expire<V>(cache: Map<string, V>, stamp: string, key: string) {
    if (this.maxAgeMs === Infinity) return;
    const now = Date.now();
    const at = this.readAt.get(stamp);
    if (at === undefined || now - at >= this.maxAgeMs || !cache.has(key)) {
      cache.delete(key);
      this.readAt.set(stamp, now);
      if (this.readAt.size > 4 * MAX_CACHED_NAMES) this.readAt.clear();
    }
  }

  private async loadVersion(versionId: string): Promise<VersionInfo> {
    const rows = await this.db.versionBlocks(versionId);
    const sectionOf = sectionOfBlocks(rows);
    const headingText = new Map(rows.map((row) => [row.key, row.text]));
    const blocks = new Map<string, BlockInfo>();
    for (const row of rows) {
      const sectionKey = sectionOf.get(row.key) ?? null;
      blocks.set(row.key, { label: row.label, sectionKey, sectionTitle: sectionKey ? (headingText.get(sectionKey) ?? null) : null });
    }
    return { blocks };
  }
}

const COMMENT_FIELDS = {
  id: true,
  consultationId: true,
  versionId: true,
  blockKey: true,
  sectionKey: true,
  stance: true,
  status: true,
  originalText: true,
  publishedText: true,
  proposedText: true,
  authorName: true,
  provinceCode: true,
  communeCode: true,
  organizationId: true,
  createdAt: true,
} as const;

/** A stored comment's fields its document is made of: a new comment's (NewCommentFields), in any status, published or not. */
export type CommentRow = Omit<NewCommentFields, "stance" | "status" | "publishedText"> & {
  stance: SearchDocument["stance"] & string;
  status: SearchDocument["status"] & string;
  publishedText: string | null;
};

async function commentDocument(lookups: Lookups, c: CommentRow): Promise<SearchDocument | null> {
  // Deleted at its author's request (app/personal-data): no document, so the index removes it.
  if ((c.status as string) === "DELETED") return null;
  const consultation = await lookups.consultation(c.consultationId);
  if (!consultation || consultation.status === "DRAFT") return null;
  const block = c.blockKey ? (await lookups.version(c.versionId)).blocks.get(c.blockKey) : undefined;
  return {
    id: commentDocumentId(c.id),
    kind: "comment",
    consultationId: c.consultationId,
    consultationSlug: consultation.slug,
    consultationTitle: consultation.title,
    blockKey: c.blockKey,
    blockLabel: block?.label ?? null,
    // The section as the comment's own version has it (the key is also stored with the comment).
    sectionKey: block ? block.sectionKey : c.sectionKey,
    sectionTitle: block ? block.sectionTitle : null,
    // A proposed wording is found too, after the opinion and named as such (ADR 047).
    text: `${c.publishedText ?? c.originalText}${c.proposedText ? `\n\nĐề xuất sửa thành: ${c.proposedText}` : ""}`.normalize("NFC"),
    commentId: c.id,
    stance: c.stance,
    status: c.status,
    provinceCode: c.provinceCode,
    provinceName: findProvince(c.provinceCode)?.name ?? null,
    communeCode: c.communeCode,
    communeName: findCommune(c.communeCode)?.name ?? null,
    // The organization that gathered a conference or letter opinion; null for the website.
    organizationId: c.organizationId,
    organizationName: await lookups.organizationName(c.organizationId),
    byline: publicByline(c.authorName, describeLocality(c.provinceCode, c.communeCode)),
    createdAt: c.createdAt.getTime(),
  };
}

async function commentDocuments(lookups: Lookups, rows: CommentRow[]): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (const row of rows) {
    const doc = await commentDocument(lookups, row);
    if (doc) docs.push(doc);
  }
  return docs;
}

/**
 * Documents of comments the caller is about to insert, built from the rows it holds (nothing of the
 * comment is read): what documentsForComments gives once they are stored. For the submissions' grouped
 * statement with the PostgreSQL engine (ADR 055), whose documents are written in that same statement.
 * What the comments share is read through `reader` and kept in `lookups` (newCommentLookups): a published
 * version's blocks for good (it never changes), a consultation's slug, title and status for a few seconds.
 */
export async function documentsForNewComments(lookups: Lookups, rows: readonly CommentRow[]): Promise<SearchDocument[]> {
  return commentDocuments(lookups, [...rows]);
}

/** How long a long-lived lookup keeps a consultation's slug, title and status (as the submission's own cache, submission-cache.server.ts). */
export const NEW_COMMENT_LOOKUP_MAX_AGE_MS = 5_000;

/** What documentsForNewComments keeps between calls: one per reader (a driver), kept by its caller. */
export function newCommentLookups(reader: DocumentReader, maxAgeMs = NEW_COMMENT_LOOKUP_MAX_AGE_MS): Lookups {
  return new Lookups(reader, maxAgeMs);
}

/**
 * The documents of these comments as they are now (any status). Ids of comments that no longer
 * exist come back in `remove`. Duplicate ids are fine.
 */
export async function documentsForComments(source: DocumentSource, ids: readonly string[]): Promise<DocumentChanges> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { upsert: [], remove: [] };
  const db = readerOf(source);
  const rows = await db.comments(unique);
  const upsert = await commentDocuments(new Lookups(db), rows);
  const found = new Set(upsert.map((doc) => doc.commentId));
  return { upsert, remove: unique.filter((id) => !found.has(id)).map(commentDocumentId) };
}

const ANSWER_FIELDS = { id: true, consultationId: true, disposition: true, explanation: true, sectionKey: true, updatedAt: true } as const;

export type AnswerRow = {
  id: string;
  consultationId: string;
  disposition: keyof typeof DISPOSITION_LABELS;
  explanation: string;
  sectionKey: string | null;
  updatedAt: Date;
};

async function answerDocument(db: DocumentReader, lookups: Lookups, a: AnswerRow): Promise<SearchDocument | null> {
  const consultation = await lookups.consultation(a.consultationId);
  if (!consultation || consultation.status === "DRAFT") return null;
  const current = await db.consultation(a.consultationId);
  const section = a.sectionKey && current?.publishedVersionId ? (await lookups.version(current.publishedVersionId)).blocks.get(a.sectionKey) : undefined;
  return {
    id: answerDocumentId(a.id),
    kind: "answer",
    consultationId: a.consultationId,
    consultationSlug: consultation.slug,
    consultationTitle: consultation.title,
    blockKey: null,
    blockLabel: null,
    sectionKey: a.sectionKey,
    sectionTitle: section?.sectionTitle ?? null,
    text: `${DISPOSITION_LABELS[a.disposition]}: ${a.explanation}`.normalize("NFC"),
    ...NOT_A_COMMENT,
    createdAt: a.updatedAt.getTime(),
    disposition: a.disposition,
  };
}

async function answerDocuments(db: DocumentReader, lookups: Lookups, rows: AnswerRow[]): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (const row of rows) {
    const doc = await answerDocument(db, lookups, row);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** The documents of these answers as they are now; ids of answers that no longer exist (or are not public) come back in `remove`. */
export async function documentsForAnswers(source: DocumentSource, ids: readonly string[]): Promise<DocumentChanges> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { upsert: [], remove: [] };
  const db = readerOf(source);
  const rows = await db.answers(unique);
  const upsert = await answerDocuments(db, new Lookups(db), rows);
  const found = new Set(upsert.map((doc) => doc.id));
  return { upsert, remove: unique.map(answerDocumentId).filter((id) => !found.has(id)) };
}

export interface VersionRow {
  id: string;
  consultationId: string;
  number: number;
  publishedAt: Date | null;
  createdAt: Date;
}

/** A block has none of a comment's fields. */
const NOT_A_COMMENT = {
  commentId: null,
  stance: null,
  status: null,
  provinceCode: null,
  provinceName: null,
  communeCode: null,
  communeName: null,
  organizationId: null,
  organizationName: null,
  byline: null,
} as const satisfies Partial<SearchDocument>;

/** One page of a version's blocks (keyset on position), as documents. */
async function blockDocumentsPage(
  db: DocumentReader,
  lookups: Lookups,
  version: VersionRow,
  consultation: ConsultationInfo,
  current: boolean,
  afterPosition: number | null,
  take: number,
) {
  const rows = await db.versionBlocks(version.id, afterPosition, take);
  const info = await lookups.version(version.id);
  const createdAt = (version.publishedAt ?? version.createdAt).getTime();
  const docs = rows.map((row): SearchDocument => {
    const block = info.blocks.get(row.key);
    return {
      id: blockDocumentId(version.id, row.key),
      kind: "block",
      consultationId: version.consultationId,
      consultationSlug: consultation.slug,
      consultationTitle: consultation.title,
      blockKey: row.key,
      blockLabel: block?.label ?? null,
      sectionKey: block?.sectionKey ?? null,
      sectionTitle: block?.sectionTitle ?? null,
      text: row.text.normalize("NFC"),
      ...NOT_A_COMMENT,
      // The version's publication time: of two blocks with the same text, the newer version's (the
      // current one) wins the engines' last tie-break, so it comes first.
      createdAt,
      versionNumber: version.number,
      currentVersion: current,
    };
  });
  return { docs, lastPosition: rows.at(-1)?.position ?? null };
}

const VERSION_FIELDS = { id: true, consultationId: true, number: true, publishedAt: true, createdAt: true } as const;

/** Every block of a version, as documents, in pages of `take` (keyset on position). */
async function* versionBlockDocuments(
  db: DocumentReader,
  lookups: Lookups,
  version: VersionRow,
  consultation: ConsultationInfo,
  current: boolean,
  take: number,
): AsyncGenerator<SearchDocument[]> {
  for (let after: number | null = null; ;) {
    const page = await blockDocumentsPage(db, lookups, version, consultation, current, after, take);
    if (page.docs.length) yield page.docs;
    if (page.lastPosition === null || page.docs.length < take) break;
    after = page.lastPosition;
  }
}

/**
 * What publishing a version changes: the blocks of EVERY published version of its consultation are
 * upserted, each with its version's number and whether that version is the current one (publishing
 * version 2 turns version 1's blocks into "not current"; they stay searchable, ADR 040). The answer
 * depends only on the database as it is now, so a stale or repeated outbox row gives the right result
 * too. A consultation in DRAFT (or with no current version) removes every published version's blocks instead.
 * An unknown version (its consultation deleted) changes nothing.
 */
export async function documentsForVersion(source: DocumentSource, versionId: string): Promise<DocumentChanges> {
  const db = readerOf(source);
  const consultationId = await db.versionConsultation(versionId);
  if (!consultationId) return { upsert: [], remove: [] };
  const consultation = await db.consultation(consultationId);
  if (!consultation) return { upsert: [], remove: [] };
  const published = await db.publishedVersions(consultationId);
  const upsert: SearchDocument[] = [];
  const remove: string[] = [];
  // Never public (or nothing published for readers): every published version's blocks leave the index.
  if (consultation.status === "DRAFT" || !consultation.publishedVersionId) {
    for (const hidden of published) {
      const keys = await db.versionBlocks(hidden.id);
      remove.push(...keys.map((row) => blockDocumentId(hidden.id, row.key)));
    }
    return { upsert, remove };
  }
  const lookups = new Lookups(db);
  for (const each of published) {
    for await (const docs of versionBlockDocuments(db, lookups, each, consultation, each.id === consultation.publishedVersionId, 1_000)) upsert.push(...docs);
  }
  return { upsert, remove };
}

/** What a batch of outbox rows changes: each named comment, version or answer once, built as it is now. */
export async function documentsForRows(
  source: DocumentSource,
  rows: ReadonlyArray<{ kind: string; entityId: string }>,
): Promise<{ changes: DocumentChanges[]; unknown: number }> {
  const comments = new Set<string>();
  const versions = new Set<string>();
  const answers = new Set<string>();
  let unknown = 0;
  for (const row of rows) {
    if (row.kind === "comment") comments.add(row.entityId);
    else if (row.kind === "version") versions.add(row.entityId);
    else if (row.kind === "answer") answers.add(row.entityId);
    else unknown++;
  }
  const db = readerOf(source);
  const changes: DocumentChanges[] = [];
  if (comments.size) changes.push(await documentsForComments(db, [...comments]));
  for (const versionId of versions) changes.push(await documentsForVersion(db, versionId));
  if (answers.size) changes.push(await documentsForAnswers(db, [...answers]));
  return { changes, unknown };
}

/**
 * Every document the index should hold, in batches of at most `batchSize`: the blocks of every
 * published version of each public consultation, then every comment, then every answer. Streams with keyset pagination
 * (consultations by id, blocks by position, comments by id), so memory stays flat whatever the size.
 */
export async function* allDocuments(db: DocumentsDb, batchSize = 500): AsyncGenerator<SearchDocument[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, not ${batchSize}`);
  const reader = prismaReader(db);
  const lookups = new Lookups(reader);

  let afterConsultation: string | undefined;
  for (;;) {
    const consultations = await db.consultation.findMany({
      where: { publishedVersionId: { not: null }, status: { not: "DRAFT" }, ...(afterConsultation ? { id: { gt: afterConsultation } } : {}) },
      orderBy: { id: "asc" },
      take: 100,
      select: { id: true, slug: true, title: true, status: true, publishedVersionId: true },
    });
    if (consultations.length === 0) break;
    afterConsultation = consultations.at(-1)!.id;
    for (const consultation of consultations) {
      const versions = await db.documentVersion.findMany({
        where: { consultationId: consultation.id, status: "PUBLISHED" },
        orderBy: { number: "asc" },
        select: VERSION_FIELDS,
      });
      for (const version of versions) {
        yield* versionBlockDocuments(reader, lookups, version, consultation, version.id === consultation.publishedVersionId, batchSize);
      }
    }
  }

  let afterComment: string | undefined;
  for (;;) {
    const rows = (await db.comment.findMany({
      where: afterComment ? { id: { gt: afterComment } } : {},
      orderBy: { id: "asc" },
      take: batchSize,
      select: COMMENT_FIELDS,
    })) as CommentRow[];
    if (rows.length === 0) break;
    afterComment = rows.at(-1)!.id;
    const docs = await commentDocuments(lookups, rows);
    if (docs.length) yield docs;
    if (rows.length < batchSize) break;
  }

  let afterAnswer: string | undefined;
  for (;;) {
    const rows = (await db.answer.findMany({
      where: afterAnswer ? { id: { gt: afterAnswer } } : {},
      orderBy: { id: "asc" },
      take: batchSize,
      select: ANSWER_FIELDS,
    })) as AnswerRow[];
    if (rows.length === 0) break;
    afterAnswer = rows.at(-1)!.id;
    const docs = await answerDocuments(reader, lookups, rows);
    if (docs.length) yield docs;
    if (rows.length < batchSize) break;
  }
}

/** How many documents allDocuments will yield (for a progress bar; may change while it runs). */
export async function countAllDocuments(db: DocumentsDb): Promise<number> {
  const [blocks, comments, answers] = await Promise.all([
    db.block.count({
      where: { version: { status: "PUBLISHED", consultation: { publishedVersionId: { not: null }, status: { not: "DRAFT" } } } },
    }),
    db.comment.count({ where: { status: { not: "DELETED" }, consultation: { status: { not: "DRAFT" } } } }),
    db.answer.count({ where: { consultation: { status: { not: "DRAFT" } } } }),
  ]);
  return blocks + comments + answers;
}
