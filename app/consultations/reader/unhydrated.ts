// What a reading route exports so that it is not hydrated (ADR 045): its `handle` tells root.tsx to leave
// out Remix's scripts (and load the script the loader names, `readerScript`), and its `clientLoader` turns a
// client-side navigation to it (a hydrated page's <Link>) into a document load, which brings that script.
export const UNHYDRATED = { hydrate: false } as const;

export async function loadAsDocument({ request }: { request: Request }): Promise<never> {
  window.location.assign(request.url);
  return new Promise<never>(() => {});
}

/** What a reading route's loader returns besides its page (script.server.ts reads them from the build). */
export type ReaderAssets = { readerScript: string | null; readerCss: string | null };

/**
 * Whether the page being rendered is an unhydrated one, and then its script and its first-paint CSS (ADR 053),
 * from the matched routes' handles and loader data: root.tsx renders from it, entry.server.tsx allows the
 * inline <style> by the same answer.
 */
export function unhydratedPage(matches: { handle?: unknown; data?: unknown }[]): { script: string | null; css: string | null } | null {
  const match = matches.find((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  if (!match) return null;
  const data = match.data as Partial<ReaderAssets> | undefined;
  return { script: data?.readerScript ?? null, css: data?.readerCss ?? null };
}
