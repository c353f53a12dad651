import { Link } from "@remix-run/react";
import { formatDate } from "~/platform/format.ts";
import { consultationPath } from "../urls.ts";
import { GONE_DATA_ID, type GoneData } from "./gone-notice.ts";
import { changesPath, versionPath } from "./paths.ts";

interface VersionItem {
  id: string;
  number: number;
  publishedAt: Date | string | null;
}

/** "Bản số 2 — công bố ngày 06/12/2026" */
export const versionName = (v: VersionItem) => `Bản số ${v.number}${v.publishedAt ? ` — công bố ngày ${formatDate(v.publishedAt)}` : ""}`;

/** Where a version is read: the draft's own address for the current one, its permanent address otherwise. */
export const readingPath = (slug: string, v: { id: string; number: number }, currentId: string) =>
  v.id === currentId ? consultationPath(slug) : versionPath(slug, v.number);

/**
 * The published versions, newest first, as links (the one being read is marked, not linked): works
 * without JavaScript. Shown only when there is more than one.
 */
export function VersionSwitcher({ slug, versions, readingId, currentId }: { slug: string; versions: VersionItem[]; readingId: string; currentId: string }) {
  if (versions.length < 2) return null;
  const reading = versions.find((v) => v.id === readingId);
  const previous = reading ? versions.filter((v) => v.number < reading.number).at(-1) : undefined;
  const next = reading ? versions.find((v) => v.number > reading.number) : undefined;
  // The changes that made this version, or (for the first) those the next one made.
  const pair = reading && previous ? [previous, reading] : reading && next ? [reading, next] : null;
  return (
    <nav className="version-switcher" aria-labelledby="versions-title">
      <h2 id="versions-title">Các bản dự thảo đã công bố</h2>
      <ul>
        {[...versions].reverse().map((v) => (
          <li key={v.id}>
            {v.id === readingId ? <span aria-current="page">{versionName(v)}</span> : <Link to={readingPath(slug, v, currentId)}>{versionName(v)}</Link>}
            {v.id === currentId ? " (bản mới nhất)" : null}
          </li>
        ))}
      </ul>
      {pair ? (
        <p>
          <Link to={changesPath(slug, pair[0].number, pair[1].number)}>
            Xem những thay đổi của bản số {pair[1].number} so với bản số {pair[0].number}
          </Link>
        </p>
      ) : null}
    </nav>
  );
}

/** The blocks gone from the version read, as JSON for the reading page's script (gone-notice.ts); nothing when none. */
export function GoneBlocks(data: GoneData) {
  if (Object.keys(data.gone).length === 0) return null;
  // In a <script> element "</" must not appear: every "<" is escaped.
  return <script type="application/json" id={GONE_DATA_ID} dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replaceAll("<", "\\u003c") }} />;
}
