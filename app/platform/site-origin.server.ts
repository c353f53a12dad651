/**
 * The site's address for links people keep (the private status link): PUBLIC_URL when it is set, as
 * behind a reverse proxy that does not pass the Host header on, else the address the request came to.
 */
export function siteOrigin(request: Request, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "http:" || url.protocol === "https:") return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      // not a URL: the mail settings' check names it (notifications/mail-config.server.ts)
    }
  }
  return new URL(request.url).origin;
}
