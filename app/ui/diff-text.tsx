import type { DiffSegment } from "~/text/word-diff.ts";

/**
 * A word diff (app/text/word-diff.ts) as text: added words in <ins> (underlined), removed ones in <del>
 * (struck through), readable without colour, and said to screen readers as "[Thêm: …]" / "[Bỏ: …]". The
 * one rendering of a diff: the changes between versions, the review of a revision, a group's members, the
 * audit log's edits, a proposed wording (proposal-diff.tsx).
 */
export function DiffText({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <span className="diff-text">
      {segments.map((s, i) =>
        s.kind === "same" ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === "ins" ? (
          <ins key={i}>
            <span className="visually-hidden">[Thêm: </span>
            {s.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">[Bỏ: </span>
            {s.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </span>
  );
}
