import type { ReactNode } from "react";

/**
 * A table wider than a phone scrolls sideways inside this region instead of widening the page. The
 * region is in the tab order, so that a keyboard can scroll it with the arrow keys, and is named by the
 * heading or caption it belongs to (`labelledBy`, an element's id) or by `label`.
 */
export function TableScroll({
  labelledBy,
  label,
  children,
}: { children: ReactNode } & ({ labelledBy: string; label?: never } | { label: string; labelledBy?: never })) {
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-labelledby={labelledBy} aria-label={label}>
      {children}
    </div>
  );
}
