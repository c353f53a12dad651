import type { MouseEvent, ReactNode } from "react";

/**
 * A link to a field of the form, for messages above it. Without JavaScript it follows the fragment;
 * with it, it focuses the field (which scrolls it into view): a fragment navigation would make Remix
 * forget the action's answer, and the message with it.
 */
export function FieldLink({ id, children }: { id: string; children: ReactNode }) {
  const focus = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <a href={`#${id}`} onClick={focus}>
      {children}
    </a>
  );
}
