import { STANCES, type StanceValue } from "~/vocabulary/vocabulary.ts";
import { Link } from "@remix-run/react";
import type { CommentOrder } from "~/consultations/urls.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { SupportButton } from "./support-button.tsx";
import type { ShownProposal } from "~/comments/proposal.ts";
import { ProposalDiff } from "~/ui/proposal-diff.tsx";

export interface PublishedComment {
  id: string;
  stance: StanceValue;
  text: string;
  /** "Đề xuất sửa thành", as a diff from the passage or paragraph (ADR 047). */
  proposal?: ShownProposal | null;
  quote: string | null;
  byline: string;
  onBehalfOf: string | null;
  createdAt: Date;
  /** Approved near-duplicates of this comment, shown once. */
  similar?: number;
  /** People who support (đồng tình) the opinion: its group's for a group's shown member (ADR 046). */
  supporters?: number;
  /** Set when written on an earlier version than the one readers see: its number, and whether the paragraph changed since. */
  writtenOn?: { number: number; blockChanged: boolean } | null;
}

/** Where the lists' "Đồng tình" buttons post, and whether the consultation takes supports now (else only the counts show). */
export interface SupportTarget {
  slug: string;
  open: boolean;
}

/** Published comments, as the public sees them: stance, shortened name, date, quoted passage, text, supporters. */
export function CommentList({ comments, support }: { comments: PublishedComment[]; support?: SupportTarget }) {
  if (comments.length === 0) return <p className="comment-list-empty">Chưa có ý kiến nào được đăng.</p>;
  return (
    <ol className="comment-list">
      {comments.map((c) => (
        <li key={c.id}>
          <article className={`comment stance-${c.stance.toLowerCase()}`}>
            <header>
              <span className="badge">{STANCES[c.stance]}</span> <span className="byline">{c.byline}</span>
              {c.onBehalfOf ? <span className="on-behalf"> (thay mặt {c.onBehalfOf})</span> : null}
              {" · "}
              <time dateTime={new Date(c.createdAt).toISOString()}>{formatDate(c.createdAt)}</time>
            </header>
            {c.quote ? (
              <blockquote className="quoted">
                <mark>{c.quote}</mark>
              </blockquote>
            ) : null}
            {c.writtenOn ? (
              <p className="comment-version">
                Góp ý trên bản số {c.writtenOn.number}
                {c.writtenOn.blockChanged ? "; đoạn này đã được sửa từ bản đó" : ""}
              </p>
            ) : null}
            <p className="comment-text">{c.text}</p>
            {c.proposal ? <ProposalDiff proposal={c.proposal} /> : null}
            {c.similar ? <p className="similar-count">và {formatCount(c.similar)} ý kiến tương tự</p> : null}
            {support ? <SupportButton slug={support.slug} commentId={c.id} count={c.supporters ?? 0} open={support.open} /> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

const ORDER_LABELS: Record<CommentOrder, string> = { newest: "Mới nhất", supported: "Nhiều người cùng ý kiến" };

/** The choice of order above a list of published comments: links (the current order is marked, not linked), so it works without JavaScript. */
export function OrderSwitch({ order, to }: { order: CommentOrder; to: (order: CommentOrder) => string }) {
  return (
    <nav className="order-switch" aria-label="Sắp xếp ý kiến">
      <span>Sắp xếp:</span>
      <ul>
        {(Object.keys(ORDER_LABELS) as CommentOrder[]).map((o) => (
          <li key={o}>
            {o === order ? (
              <span aria-current="true">{ORDER_LABELS[o]}</span>
            ) : (
              <Link to={to(o)} preventScrollReset>
                {ORDER_LABELS[o]}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
