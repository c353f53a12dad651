export const STAFF_HOME = "/quan-tri";

/**
 * Where to go after signing in: only a path of this site under /quan-tri (never another origin,
 * "//host", a backslash trick or a scheme); anything else gives null.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex -- a path with a control character is refused
  if (!next || next.length > 2000 || !next.startsWith("/") || /[\\\u0000-\u001f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, "http://noi-bo.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://noi-bo.invalid") return null;
  if (url.pathname !== STAFF_HOME && !url.pathname.startsWith(`${STAFF_HOME}/`)) return null;
  return url.pathname + url.search + url.hash;
}
