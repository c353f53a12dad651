import { buildConfig, config } from "./config.server.ts";

/**
 * The site's address for links people keep (the private status link): PUBLIC_URL (checked at start:
 * a bad value stops it), as behind a reverse proxy that does not pass the Host header on, else the
 * address the request came to.
 */
export function siteOrigin(request: Request, source?: Record<string, string | undefined>): string {
  return (source ? buildConfig(source) : config()).server.publicUrl ?? new URL(request.url).origin;
}
