import { isBaseUrl } from "./env-values.ts";

/**
 * The site's address for links people keep (the private status link): PUBLIC_URL when it is a valid
 * base address (the mail settings' rule), as behind a reverse proxy that does not pass the Host header
 * on, else the address the request came to.
 */
export function siteOrigin(request: Request, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL?.trim();
  if (configured && isBaseUrl(configured)) return configured.replace(/\/+$/, "");
  return new URL(request.url).origin;
}
