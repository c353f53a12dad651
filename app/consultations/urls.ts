// Public addresses. A block's anchor is built from its stable key, so a link survives new versions.
export const consultationPath = (slug: string) => `/du-thao/${encodeURIComponent(slug)}`;
export const blockAnchor = (key: string) => `p-${key}`;
/** The block key back from an element id made by blockAnchor, or null. */
export const keyFromAnchor = (id: string) => (/^p-[a-z0-9]+$/.test(id) ? id.slice(2) : null);
export const blockPath = (slug: string, key: string) => `${consultationPath(slug)}#${blockAnchor(key)}`;

/** The comment form, for one block or (without a key) the whole draft. */
export const commentFormPath = (slug: string, key?: string | null) =>
  `${consultationPath(slug)}/gop-y${key ? `?doan=${encodeURIComponent(key)}` : ""}`;

/** The orders of published comments, as the address says them (`sap-xep`); the first is the default. */
export const COMMENT_ORDERS = { newest: "moi-nhat", supported: "cung-y-kien" } as const;
export type CommentOrder = keyof typeof COMMENT_ORDERS;

/** Published comments on one block or (without a key) on the whole draft. */
export const commentsPath = (slug: string, key?: string | null, page?: number, order: CommentOrder = "newest") => {
  const query = new URLSearchParams();
  if (key) query.set("doan", key);
  if (order !== "newest") query.set("sap-xep", COMMENT_ORDERS[order]);
  if (page && page > 1) query.set("trang", String(page));
  const q = query.toString();
  return `${consultationPath(slug)}/y-kien${q ? `?${q}` : ""}`;
};

/** A published-comments address (as made by commentsPath) in another order, from its first page. */
export const withCommentOrder = (href: string, order: CommentOrder) => {
  const url = new URL(href, "http://localhost");
  url.searchParams.delete("trang");
  if (order === "newest") url.searchParams.delete("sap-xep");
  else url.searchParams.set("sap-xep", COMMENT_ORDERS[order]);
  return `${url.pathname}${url.search}`;
};

/** The author's private status link. */
export const receiptPath = (token: string) => `/y-kien/${encodeURIComponent(token)}`;
