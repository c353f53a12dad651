import type { SearchDocument, SearchQuery } from "@search/engine.ts";

/** A document with every field the interface has; what is not given is null (or a comment's defaults). */
export function searchDocument(fields: Partial<SearchDocument> & Pick<SearchDocument, "id" | "kind" | "text">): SearchDocument {
  const isComment = fields.kind === "comment";
  return {
    consultationId: "ct-bao-cao",
    consultationSlug: "du-thao-bao-cao-chinh-tri",
    consultationTitle: "Dự thảo Báo cáo chính trị",
    blockKey: null,
    blockLabel: null,
    sectionKey: null,
    sectionTitle: null,
    commentId: isComment ? fields.id.replace(/^c_/, "") : null,
    stance: isComment ? "OTHER" : null,
    status: isComment ? "APPROVED" : null,
    provinceCode: null,
    provinceName: null,
    communeCode: null,
    communeName: null,
    organizationId: null,
    organizationName: null,
    byline: null,
    createdAt: Date.UTC(2025, 9, 15),
    ...fields,
  };
}

/** A query with the public's defaults (approved comments, page 1 of 20, no facets), overridden by `fields`. */
export function searchQuery(q: string, fields: Partial<Omit<SearchQuery, "q">> = {}): SearchQuery {
  return { q, page: 1, perPage: 20, facets: [], ...fields, filters: { statuses: ["APPROVED"], ...fields.filters } };
}
