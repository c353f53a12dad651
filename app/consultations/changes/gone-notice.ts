// An old link to a paragraph this version no longer has (/du-thao/<slug>#p-<key>): the page says, near the
// top, where it can still be read. The blocks gone from the version read travel in the page as JSON (only
// when there are some) and the reading page's script shows the notice for the address's anchor (ADR 045);
// without JavaScript the link simply lands at the top, and the earlier version's own page has the paragraph.
import { blockAnchor, consultationPath, keyFromAnchor } from "../urls.ts";
import { versionPath } from "./paths.ts";

export const GONE_DATA_ID = "doan-da-bo";

export interface GoneData {
  slug: string;
  /** Block key → the last version number that had it. */
  gone: Record<string, number>;
  readingNumber: number;
  /** The published version numbers, oldest first (the last is the current one). */
  numbers: number[];
}

/** The notice for a gone block: its sentence, and the link to the version where it can still be read. */
export function goneNotice({ slug, gone, readingNumber, numbers }: GoneData, key: string) {
  const last = gone[key];
  if (last === undefined) return null;
  const removedIn = numbers.find((n) => n > last);
  return {
    text: last < readingNumber && removedIn !== undefined ? `Đoạn này đã được bỏ ở bản số ${removedIn}; ` : `Đoạn này không có trong bản số ${readingNumber}; `,
    href: `${last === numbers.at(-1) ? consultationPath(slug) : versionPath(slug, last)}#${blockAnchor(key)}`,
    link: `xem ở bản số ${last}`,
  };
}

/** Shows the notice (before the JSON's element) whenever the address's anchor names a gone block. */
export function startGoneNotice(): () => void {
  const source = document.getElementById(GONE_DATA_ID);
  if (!source) return () => {};
  const data = JSON.parse(source.textContent ?? "{}") as GoneData;
  const notice = document.createElement("p");
  notice.className = "notice gone-block";
  notice.setAttribute("role", "status");
  const read = () => {
    const key = keyFromAnchor(decodeURIComponent(location.hash.slice(1)));
    const said = key && !document.getElementById(blockAnchor(key)) ? goneNotice(data, key) : null;
    if (!said) return notice.remove();
    notice.replaceChildren(said.text, Object.assign(document.createElement("a"), { href: said.href, textContent: said.link }), ".");
    if (!notice.isConnected) source.before(notice);
  };
  read();
  window.addEventListener("hashchange", read);
  return () => window.removeEventListener("hashchange", read);
}
