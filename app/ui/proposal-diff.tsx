import type { DiffSegment } from "~/text/word-diff.ts";
import { DiffText } from "./diff-text.tsx";

/**
 * "Đề xuất sửa thành": a proposed wording shown as the change it makes to the draft's text (the passage
 * or paragraph it rewrites), through the one diff rendering (DiffText); the diff is computed on the
 * server (app/comments/proposal.ts shownProposal), so no page ships the diff code. Without a diff (the
 * original not found), the proposal as written. Every page that shows an opinion's proposal uses it (ADR 047).
 */
export function ProposalDiff({ proposal }: { proposal: { text: string; diff: readonly DiffSegment[] | null } }) {
  return (
    <div className="proposal">
      <p className="proposal-label">
        <strong>Đề xuất sửa thành</strong>
        {proposal.diff ? <span className="hint"> (so với văn bản dự thảo: phần thêm được gạch chân, phần bỏ bị gạch ngang)</span> : null}
      </p>
      <p className="proposal-text">{proposal.diff ? <DiffText segments={proposal.diff} /> : proposal.text}</p>
    </div>
  );
}
