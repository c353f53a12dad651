import type { Db } from "~/platform/db.server.ts";
import { publicStateChanged } from "~/platform/public-state.server.ts";

/**
 * After a consultation's state or settings changed in this process: the cached public pages (home, the
 * draft's pages) and the comment form's cached settings are forgotten, so this process shows the change
 * at once. Other processes see it within their page cache's TTL (PAGE_CACHE_SECONDS) and the 5 s of the
 * submission cache; changes that come with time (opening, closing) are exact everywhere (ADR 034).
 */
export function forgetPublicState(db: Db): void {
  publicStateChanged(db);
}
