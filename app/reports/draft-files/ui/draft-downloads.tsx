import { draftFilePath } from "../paths.ts";

/**
 * "Tải về bản số 2: Word (.docx) · PDF": the version on the page as files, for the page's header. Plain
 * links (the files are not pages), each at least 44 px tall. `earlier`: the page is an earlier version's
 * own, so the links name that version's address.
 */
export function DraftDownloads({ slug, number, earlier = false }: { slug: string; number: number; earlier?: boolean }) {
  const at = earlier ? number : undefined;
  return (
    <p className="draft-downloads">
      <span>Tải về bản số {number}:</span>{" "}
      <a href={draftFilePath(slug, "docx", at)} download>
        Word (.docx)
      </a>{" "}
      <a href={draftFilePath(slug, "pdf", at)} download>
        PDF
      </a>
    </p>
  );
}
