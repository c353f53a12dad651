// The one small interface every search engine implements (embedded in-process, PostgreSQL, or Meilisearch),
// and the shapes that cross it. Pure types and constants: no I/O here.
//
// Documents are of three kinds: a block of a published draft version, a comment, and an answer of the
// drafting team (tiếp thu, giải trình; public once recorded, like a block: no status). The app builds
// them from the database (search/documents.server.ts) and hands them to the engine; the engine never
// reads the database itself.

export const DOCUMENT_KINDS = ["block", "comment", "answer"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type CommentStatusValue = "PENDING" | "APPROVED" | "REJECTED";
export type StanceValue = "AGREE" | "DISAGREE" | "OTHER";

export interface SearchDocument {
  /** Unique across kinds: "b_<versionId>_<blockKey>", "c_<commentId>" or "a_<answerId>" (Meilisearch ids allow [A-Za-z0-9_-]). */
  id: string;
  kind: DocumentKind;
  consultationId: string;
  consultationSlug: string;
  consultationTitle: string;
  /** The stable block key (anchor p-<key>); null for a comment on the whole draft. */
  blockKey: string | null;
  /** Where the block sits, e.g. "Phần thứ nhất › I › đoạn 2"; null for the whole draft. */
  blockLabel: string | null;
  /** Key and heading text of the section (top-two-level heading) the block belongs to. */
  sectionKey: string | null;
  sectionTitle: string | null;
  /** The searchable text (NFC): the block's text, or the comment as published (edited text if edited). */
  text: string;
  /** Comments only. */
  commentId: string | null;
  stance: StanceValue | null;
  status: CommentStatusValue | null;
  provinceCode: string | null;
  /** The province's name, for display and facets (e.g. "Thành phố Hà Nội"). */
  provinceName: string | null;
  /** Administrative units after the 2025 reform have no district tier; the commune takes its place. */
  communeCode: string | null;
  communeName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  /** Public byline (shortened name, locality) for comments; null for blocks. */
  byline: string | null;
  /** Epoch milliseconds: the comment's submission time, the version's publication time, the answer's last change. */
  createdAt: number;
  /** Answers, and comments that have one: the disposition (ADOPTED, …); absent or null otherwise. */
  disposition?: string | null;
  /** Blocks: the number of their version (1, 2, …; every published version keeps its blocks); absent or null otherwise. */
  versionNumber?: number | null;
  /** Blocks: whether their version is the consultation's current one (false: an earlier version); absent or null otherwise. */
  currentVersion?: boolean | null;
}

/** Attributes a search can filter on and count (facets). */
export const FACETS = ["kind", "consultationId", "sectionKey", "stance", "status", "provinceCode", "communeCode", "organizationId"] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchQuery {
  /** What the person typed (already length-limited and NFC-normalized by the caller); "" lists everything matching the filters. */
  q: string;
  filters: {
    kind?: DocumentKind;
    consultationId?: string;
    sectionKey?: string;
    stance?: StanceValue;
    /** Statuses a comment may have to be returned. The PUBLIC passes ["APPROVED"]; staff may pass more. Blocks and answers have no status and always pass. */
    statuses: CommentStatusValue[];
    provinceCode?: string;
    communeCode?: string;
    organizationId?: string;
    /** Leaves out the blocks of earlier versions (currentVersion false); comments, answers and current blocks pass. */
    currentOnly?: boolean;
    /** Inclusive range on createdAt, epoch ms. */
    from?: number;
    to?: number;
  };
  /** 1-based. */
  page: number;
  perPage: number;
  /** Which facet counts to return (computed over all matches of q and the filters except the facet's own filter is fine either way; document which). */
  facets: Facet[];
}

export interface SearchHit {
  id: string;
  kind: DocumentKind;
  document: SearchDocument;
  /** The text with matched words wrapped in <mark>…</mark>, everything else HTML-escaped, cropped around the best match (≈ 240 chars). */
  snippet: string;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching documents (may be an estimate for Meilisearch: say so with `totalIsEstimate`). */
  total: number;
  totalIsEstimate: boolean;
  /** The engine stopped counting at `total` (PostgreSQL, ADR 051): there are more; the facets count those `total`. */
  totalIsCapped?: boolean;
  facets: Partial<Record<Facet, Record<string, number>>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch" | "postgres";
  /** Adds or replaces documents (idempotent). */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id (missing ids are fine). */
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Full rebuild from a stream of batches: the old index keeps answering until the new one is
   * complete, then replaces it (Meilisearch: index swap). `onProgress(done)` after each batch.
   */
  rebuild(batches: AsyncIterable<SearchDocument[]>, onProgress?: (done: number) => void): Promise<void>;
  /** Whether the engine answers; never throws. */
  health(): Promise<{ ok: boolean; message?: string }>;
}

/** Thrown by an engine that cannot answer (down, timed out): the page says search is unavailable. */
export class SearchUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SearchUnavailableError";
  }
}
