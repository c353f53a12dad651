import { STANCES, type StanceValue } from "../comment-form.ts";
import { formatCount, formatDate } from "~/platform/format.ts";

export interface PublishedComment {
  id: string;
  stance: StanceValue;
  text: string;
  quote: string | null;
  byline: string;
  onBehalfOf: string | null;
  createdAt: Date;
  /** Approved near-duplicates of this comment, shown once. */
  similar?: number;
}

/** Published comments, as the public sees them: stance, shortened name, date, quoted passage, text. */
export function CommentList({ comments }: { comments: PublishedComment[] }) {
  if (comments.length === 0) return <p>Chưa có ý kiến nào được đăng.</p>;
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
            <p className="comment-text">{c.text}</p>
            {c.similar ? <p className="similar-count">và {formatCount(c.similar)} ý kiến tương tự</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
