// What a reading route exports so that it is not hydrated (ADR 045): its `handle` tells root.tsx to leave
// out Remix's scripts (and load the script the loader names, `readerScript`), and its `clientLoader` turns a
// client-side navigation to it (a hydrated page's <Link>) into a document load, which brings that script.
export const UNHYDRATED = { hydrate: false } as const;

export async function loadAsDocument({ request }: { request: Request }): Promise<never> {
  window.location.assign(request.url);
  return new Promise<never>(() => {});
}
