// Public addresses. A block's anchor is built from its stable key, so a link survives new versions.
export const consultationPath = (slug: string) => `/du-thao/${encodeURIComponent(slug)}`;
export const blockAnchor = (key: string) => `p-${key}`;
export const blockPath = (slug: string, key: string) => `${consultationPath(slug)}#${blockAnchor(key)}`;
