// Public addresses. A block's anchor is built from its stable key, so a link survives new versions.
export const consultationPath = (slug: string) => `/du-thao/${encodeURIComponent(slug)}`;
export const blockAnchor = (key: string) => `p-${key}`;
/** The block key back from an element id made by blockAnchor, or null. */
export const keyFromAnchor = (id: string) => (/^p-[a-z0-9]+$/.test(id) ? id.slice(2) : null);
export const blockPath = (slug: string, key: string) => `${consultationPath(slug)}#${blockAnchor(key)}`;

/** The comment form, for one block or (without a key) the whole draft. */
export const commentFormPath = (slug: string, key?: string | null) => `${consultationPath(slug)}/gop-y${key ? `?doan=${encodeURIComponent(key)}` : ""}`;

/**
 * The reading page's short link to a block's comment form (`?gop-y=K`): the page answers it with a 303 to
 * commentFormPath, so each of a draft's thousands of blocks carries a few bytes, not the form's full address.
 */
export const COMMENT_ON_BLOCK = "gop-y";
export const commentOnBlockQuery = (key: string) => `${COMMENT_ON_BLOCK}=${encodeURIComponent(key)}`;

/** The orders of published comments, as the address says them (`sap-xep`); the first is the default. */
export const COMMENT_ORDERS = { newest: "moi-nhat", supported: "cung-y-kien" } as const;
export type CommentOrder = keyof typeof COMMENT_ORDERS;

/** The order an address's `sap-xep` names; a missing or unknown word is the default order. */
export const commentOrderOf = (word: string | null): CommentOrder =>
  (Object.keys(COMMENT_ORDERS) as CommentOrder[]).find((order) => COMMENT_ORDERS[order] === word) ?? "newest";

/** Says the order in a published-comments query (the default order is not said). */
const sayOrder = (query: URLSearchParams, order: CommentOrder) => (order === "newest" ? query.delete("sap-xep") : query.set("sap-xep", COMMENT_ORDERS[order]));

/** A passage of a block's text, by its offsets (`tu`, `den` in an address). */
export interface PassageRange {
  start: number;
  end: number;
}

/** Published comments on one block or (without a key) on the whole draft; with `passage`, those on passages overlapping it. */
export const commentsPath = (slug: string, key?: string | null, page?: number, order: CommentOrder = "newest", passage?: PassageRange | null) => {
  const query = new URLSearchParams();
  if (key) query.set("doan", key);
  if (key && passage) {
    query.set("tu", String(passage.start));
    query.set("den", String(passage.end));
  }
  sayOrder(query, order);
  if (page && page > 1) query.set("trang", String(page));
  const q = query.toString();
  return `${consultationPath(slug)}/y-kien${q ? `?${q}` : ""}`;
};

/** The published comments on a marked passage of a block (ADR 048). */
export const passageCommentsPath = (slug: string, key: string, passage: PassageRange) => commentsPath(slug, key, 1, "newest", passage);

/** A published-comments address (as made by commentsPath) in another order, from its first page. */
export const withCommentOrder = (href: string, order: CommentOrder) => {
  const url = new URL(href, "http://localhost");
  url.searchParams.delete("trang");
  sayOrder(url.searchParams, order);
  return `${url.pathname}${url.search}`;
};

/** Supporting (đồng tình) a published opinion: the small page (and the button's form without JavaScript); `.json` for the button with it. */
export const supportPath = (slug: string, commentId?: string) =>
  `${consultationPath(slug)}/dong-tinh${commentId ? `?y-kien=${encodeURIComponent(commentId)}` : ""}`;

/** The author's private status link. */
export const receiptPath = (token: string) => `/y-kien/${encodeURIComponent(token)}`;
/** Where an accepted comment's form sends its author: the receipt, saying it was just received. */
export const newReceiptPath = (token: string) => `${receiptPath(token)}?moi=1`;

/** The public response report of a consultation ("Báo cáo tiếp thu, giải trình ý kiến"). */
export const responseReportPath = (slug: string) => `${consultationPath(slug)}/tiep-thu-giai-trinh`;

/** Where an author who lost their private links asks for them by email. */
export const recoveryPath = "/y-kien/khoi-phuc";
