import type { DiffSegment } from "~/text/word-diff.ts";

/** A word diff (app/text/word-diff.ts) as text: removed words struck through in <del>, added ones in <ins>. */
export function DiffText({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <span className="diff-text">
      {segments.map((s, i) =>
        s.kind === "ins" ? <ins key={i}>{s.text}</ins> : s.kind === "del" ? <del key={i}>{s.text}</del> : <span key={i}>{s.text}</span>,
      )}
    </span>
  );
}
