import { useEffect } from "react";
import { supportPath } from "~/consultations/urls.ts";
import { supportersLabel } from "~/comments/support-label.ts";
import { enhanceSupportForms, prepareSupport } from "./support-enhancer.ts";

/**
 * The "Đồng tình" button beside a published opinion (ADR 046) as the server renders it: a plain form.
 * support-enhancer.ts sends it in the background (the reading page's script does the same with the
 * forms of its comments panels).
 */
export function SupportButton({ slug, commentId, count, open }: { slug: string; commentId: string; count: number; open: boolean }) {
  useEffect(() => {
    if (!open) return;
    enhanceSupportForms();
    prepareSupport(document);
  }, [open, slug]);

  const label = supportersLabel(count);
  if (!open) return label ? <p className="support-count">{label}</p> : null;
  return (
    <form method="post" action={supportPath(slug, commentId)} className="support">
      <input type="hidden" name="comment" value={commentId} />
      <button type="submit" className="support-button" aria-pressed="false">
        Đồng tình
      </button>
      <span className="support-count" aria-live="polite">
        {label}
      </span>
    </form>
  );
}
