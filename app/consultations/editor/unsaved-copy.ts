import type { JSONContent } from "@tiptap/core";

// What the person typed and the server has not acknowledged, kept in this browser (localStorage) when a
// save is refused or fails and when the page is left with changes unsaved: after a reload, the page
// offers it back (download it, or take it up again when nobody saved since). Nothing is sent anywhere.

export interface UnsavedCopy {
  /** The revision the copy was edited from. */
  revision: number;
  /** When it was kept (ms since the epoch). */
  keptAt: number;
  doc: JSONContent;
}

const keyOf = (versionId: string) => `gopy:ban-lam-viec:${versionId}`;

export function keepUnsaved(storage: Storage | undefined, versionId: string, copy: UnsavedCopy): boolean {
  try {
    storage?.setItem(keyOf(versionId), JSON.stringify(copy));
    return storage !== undefined;
  } catch {
    // Full or disabled storage: the download offered on the page still works.
    return false;
  }
}

export function readUnsaved(storage: Storage | undefined, versionId: string): UnsavedCopy | null {
  try {
    const raw = storage?.getItem(keyOf(versionId));
    if (!raw) return null;
    const copy = JSON.parse(raw) as UnsavedCopy;
    return typeof copy.revision === "number" && typeof copy.keptAt === "number" && copy.doc?.type === "doc" ? copy : null;
  } catch {
    return null;
  }
}

export function dropUnsaved(storage: Storage | undefined, versionId: string): void {
  try {
    storage?.removeItem(keyOf(versionId));
  } catch {
    // nothing kept, nothing to drop
  }
}

/** A web page of the copy (opens in a browser or in Word), as a file to download. */
export function unsavedCopyFile(title: string, bodyHtml: string, keptAt: Date): { name: string; html: string } {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const stamp = keptAt.toISOString().slice(0, 16).replace(":", "h").replace("T", " ");
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escape(title)} (bản chưa lưu)</title></head>
<body><p><em>Bản chưa lưu của bản làm việc «${escape(title)}», giữ lúc ${escape(keptAt.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }))}.</em></p>
${bodyHtml}
</body></html>
`;
  return { name: `Bản chưa lưu - ${stamp.replace(/[\\/:*?"<>|]/g, "-")}.html`, html };
}

/** Starts the download of a file made in the page. */
export function downloadFile(name: string, text: string, type = "text/html;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
