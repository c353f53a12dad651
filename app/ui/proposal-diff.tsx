import { DiffText } from "./diff-text.tsx";
import { wordDiff } from "~/text/word-diff.ts";

/**
 * "Đề xuất sửa thành": a proposed wording shown as the change it makes to the draft's text (the passage
 * or paragraph it rewrites), through the one diff rendering (DiffText). Without the original (a block
 * no longer found), the proposal as written. Every page that shows an opinion with a proposal uses it
 * (ADR 047).
 */
export function ProposalDiff({ original, proposed }: { original: string | null; proposed: string }) {
  return (
    <div className="proposal">
      <p className="proposal-label">
        <strong>Đề xuất sửa thành</strong>
        {original !== null ? <span className="hint"> (so với văn bản dự thảo: phần thêm được gạch chân, phần bỏ bị gạch ngang)</span> : null}
      </p>
      <p className="proposal-text">{original !== null ? <DiffText segments={wordDiff(original, proposed)} /> : proposed}</p>
    </div>
  );
}
