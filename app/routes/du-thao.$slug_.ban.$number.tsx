import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BodySlot } from "~/consultations/body-slot.tsx";
import { DraftDownloads } from "~/reports/draft-files/ui/draft-downloads.tsx";
import { readDraft } from "~/consultations/changes/versions.server.ts";
import { GoneBlocks, VersionSwitcher } from "~/consultations/changes/version-switcher.tsx";
import { TocNav } from "~/consultations/toc-nav.tsx";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { cacheablePageHeaders } from "~/platform/page-cache.server.ts";
import { deliverBody } from "~/platform/page-slot.ts";
import { readerAssets } from "~/consultations/reader/script.server.ts";
import { loadAsDocument, UNHYDRATED } from "~/consultations/reader/unhydrated.ts";

// An earlier published version at its own permanent address (/du-thao/<slug>/ban/1), read-only: the
// same body and anchors as the draft's page, no comment forms (ADR 038).
const paramsSchema = z.object({ slug: z.string().min(1).max(100), number: z.coerce.number().int().min(1).max(100_000) });

export const headers: HeadersFunction = cacheablePageHeaders;

// Not hydrated, like the draft's page (ADR 045).
export const handle = UNHYDRATED;
export const clientLoader = loadAsDocument;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `Bản số ${data.version.number} — ${data.consultation.title} — Góp ý dự thảo` }] : [{ title: "Không tìm thấy bản dự thảo" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success || String(parsed.data.number) !== params.number) throw new Response("Không tìm thấy", { status: 404 });
  const page = await readDraft(getDb(), parsed.data.slug, parsed.data.number);
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  // The version readers comment on has one address: the draft's own.
  if (page.version.id === page.currentVersion.id) throw redirect(consultationPath(page.consultation.slug));
  const { consultation, version, currentVersion, versions, gone, toc } = page;
  const shown = { slug: consultation.slug, title: consultation.title, publicStatus: consultation.publicStatus };
  // An earlier version's page changes only when another version is published (that forgets every page).
  return data({
    consultation: shown,
    version,
    currentVersion,
    versions,
    gone,
    toc,
    bodyHtml: deliverBody(context, page.bodyHtml),
    ...readerAssets(),
  });
}

export default function EarlierVersionPage() {
  const { consultation, version, currentVersion, versions, gone, toc, bodyHtml } = useLoaderData<typeof loader>();
  const current = consultation.publicStatus === "open" ? "bản đang lấy ý kiến" : "bản mới nhất";
  return (
    <article className="consultation earlier-version">
      <header className="consultation-header">
        <h1>{consultation.title}</h1>
        <p className="notice version-notice" role="note">
          Đây là bản số {version.number}; {current} là <Link to={consultationPath(consultation.slug)}>bản số {currentVersion.number}</Link>. Bản này chỉ để đọc:
          góp ý trên bản số {currentVersion.number}.
        </p>
        <DraftDownloads slug={consultation.slug} number={version.number} earlier />
      </header>
      <GoneBlocks slug={consultation.slug} gone={gone} readingNumber={version.number} numbers={versions.map((v) => v.number)} />
      <VersionSwitcher slug={consultation.slug} versions={versions} readingId={version.id} currentId={currentVersion.id} />
      <TocNav toc={toc} />
      <BodySlot html={bodyHtml} />
    </article>
  );
}
