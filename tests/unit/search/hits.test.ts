import { describe, expect, it } from "vitest";
import type { SearchDocument, SearchHit } from "@search/engine.ts";
import { versionPath } from "~/consultations/changes/paths.ts";
import { presentHit } from "~/search/hits.ts";
import { versionLabel } from "~/search/labels.ts";
import { searchDocument } from "../../support/search/documents.ts";

// What the page shows of a paragraph found in one of a draft's versions (app/search/hits.ts): the
// version's label, and a link to where that version's paragraph is read.

const SLUG = "du-thao-bao-cao";
const blockHit = (fields: Partial<SearchDocument>): SearchHit => {
  const document = searchDocument({
    id: "b_v1_k7",
    kind: "block",
    text: "Phát triển kinh tế số.",
    consultationSlug: SLUG,
    blockKey: "k7",
    blockLabel: "Phần thứ nhất › đoạn 2",
    ...fields,
  });
  return { id: document.id, kind: document.kind, document, snippet: "Phát triển <mark>kinh tế số</mark>.", score: 1 };
};

describe("versionLabel", () => {
  it("names the version, and says which one is current", () => {
    expect(versionLabel(1, false)).toBe("Bản số 1");
    expect(versionLabel(2, true)).toBe("Bản số 2 (bản hiện hành)");
  });
});

describe("a paragraph hit", () => {
  it("of an earlier version: labelled with its number, linked to that version's own address at the paragraph", () => {
    const hit = presentHit(blockHit({ versionNumber: 1, currentVersion: false }));
    expect(hit).toMatchObject({ versionLabel: "Bản số 1", earlierVersion: 1, blockHref: `/du-thao/${SLUG}/ban/1#p-k7` });
    expect(hit.blockHref).toBe(`${versionPath(SLUG, 1)}#p-k7`);
  });

  it("of the current version: labelled current, linked to the draft as it reads now", () => {
    const hit = presentHit(blockHit({ id: "b_v2_k7", versionNumber: 2, currentVersion: true }));
    expect(hit).toMatchObject({ versionLabel: "Bản số 2 (bản hiện hành)", earlierVersion: null, blockHref: `/du-thao/${SLUG}#p-k7` });
  });

  it("indexed before versions were labelled: no label, the draft's current link", () => {
    expect(presentHit(blockHit({}))).toMatchObject({ versionLabel: null, earlierVersion: null, blockHref: `/du-thao/${SLUG}#p-k7` });
  });

  it("comments and answers carry no version label, whatever their document says", () => {
    const comment = searchDocument({
      id: "c_1",
      kind: "comment",
      text: "Ý kiến.",
      consultationSlug: SLUG,
      blockKey: "k7",
      versionNumber: 1,
      currentVersion: false,
    });
    const hit = presentHit({ id: comment.id, kind: "comment", document: comment, snippet: "Ý kiến.", score: 1 });
    expect(hit).toMatchObject({ versionLabel: null, earlierVersion: null, blockHref: `/du-thao/${SLUG}#p-k7` });
  });
});
