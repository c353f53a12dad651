import type { Db } from "~/platform/db.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { DRAFT_FILE_LAYOUT, draftFileName } from "./draft-file.ts";
import { DRAFT_FORMATS, type DraftFormat } from "./paths.ts";
import { draftFile } from "./files.server.ts";

// The answer to a download of a published version (ADR 049): the file with its type, its Vietnamese name
// (filename*=UTF-8''…), an ETag naming the version and layout, and caching: the current version's address
// changes meaning when a new version is published (5 minutes), an earlier version's never does (a day).

const notFound = (message: string) =>
  new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** `number` undefined: the version readers comment on now. */
export async function serveDraftFile(db: Db, request: Request, slug: string, format: DraftFormat, number?: number): Promise<Response> {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: { id: true, status: true, publishedVersion: { select: { id: true, number: true, title: true, publishedAt: true } } },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersion) return notFound("Không tìm thấy dự thảo.");
  const version =
    number === undefined || number === consultation.publishedVersion.number
      ? consultation.publishedVersion
      : await db.documentVersion.findFirst({
          where: { consultationId: consultation.id, number, status: "PUBLISHED" },
          select: { id: true, number: true, title: true, publishedAt: true },
        });
  if (!version) return notFound(`Dự thảo không có bản số ${number} đã công bố.`);
  const etag = `"${version.id}-${format}-${DRAFT_FILE_LAYOUT}"`;
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": number === undefined ? "public, max-age=300" : "public, max-age=86400",
  });
  if (
    request.headers
      .get("If-None-Match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });
  const file = await draftFile(db, version.id, format);
  headers.set("Content-Type", DRAFT_FORMATS[format].type);
  headers.set("Content-Length", String(file.size));
  headers.set("Content-Disposition", contentDisposition(draftFileName(version, format)));
  return new Response(file.bytes, { headers });
}

/** A route's loader: the slug and (for an earlier version) the number from the address, checked. */
export function draftFileLoader(db: () => Db, format: DraftFormat) {
  return ({ params, request }: { params: Record<string, string | undefined>; request: Request }) => {
    const slug = params.slug ?? "";
    if (!slug || slug.length > 100) return notFound("Không tìm thấy dự thảo.");
    if (params.number === undefined) return serveDraftFile(db(), request, slug, format);
    const number = Number(params.number);
    if (!/^[1-9][0-9]{0,5}$/.test(params.number)) return notFound("Không tìm thấy bản dự thảo.");
    return serveDraftFile(db(), request, slug, format, number);
  };
}
