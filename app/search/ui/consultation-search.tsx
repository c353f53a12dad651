import { MAX_QUERY_LENGTH, SEARCH_PATH } from "../query.ts";

/**
 * The search box on a draft's page: a plain GET form to /tim-kiem with the draft chosen. Static
 * markup (no state, nothing personal), so the draft page stays cacheable as a whole (ADR 004).
 */
export function ConsultationSearch({ consultationId }: { consultationId: string }) {
  return (
    <form role="search" method="get" action={SEARCH_PATH} className="consultation-search" aria-label="Tìm trong dự thảo này">
      <input type="hidden" name="consultation" value={consultationId} />
      <label htmlFor="consultation-search-q">Tìm trong dự thảo và các ý kiến</label>
      <div className="search-row">
        <input id="consultation-search-q" type="search" name="q" maxLength={MAX_QUERY_LENGTH} required />
        <button type="submit" className="secondary">
          Tìm
        </button>
      </div>
    </form>
  );
}
