// Small pieces of the configuration's checks (app/platform/config.server.ts): blank values, the site's
// address and the search server's.

/** For zod's preprocess: an empty or blank variable counts as unset. */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Whether the text is an http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== null;
}

/** A site's base address (PUBLIC_URL): http(s), with no query, fragment or credentials. */
export function isBaseUrl(value: string): boolean {
  const url = parseHttpUrl(value);
  return url !== null && !url.search && !url.hash && !url.username && !url.password;
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
