// Public addresses. A block's anchor is built from its stable key, so a link survives new versions.
export const consultationPath = (slug: string) => `/du-thao/${encodeURIComponent(slug)}`;
export const blockAnchor = (key: string) => `p-${key}`;
/** The block key back from an element id made by blockAnchor, or null. */
export const keyFromAnchor = (id: string) => (/^p-[a-z0-9]+$/.test(id) ? id.slice(2) : null);
export const blockPath = (slug: string, key: string) => `${consultationPath(slug)}#${blockAnchor(key)}`;

/** The comment form, for one block or (without a key) the whole draft. */
export const commentFormPath = (slug: string, key?: string | null) =>
  `${consultationPath(slug)}/gop-y${key ? `?doan=${encodeURIComponent(key)}` : ""}`;

/** Published comments on one block or (without a key) on the whole draft. */
export const commentsPath = (slug: string, key?: string | null, page?: number) => {
  const query = new URLSearchParams();
  if (key) query.set("doan", key);
  if (page && page > 1) query.set("trang", String(page));
  const q = query.toString();
  return `${consultationPath(slug)}/y-kien${q ? `?${q}` : ""}`;
};

/** The author's private status link. */
export const receiptPath = (token: string) => `/y-kien/${encodeURIComponent(token)}`;
