import { STANCES } from "~/vocabulary/vocabulary.ts";
import type { ReactNode } from "react";
import { formatCount } from "~/platform/format.ts";
import { blockAnchor, commentFormPath, commentsPath } from "./urls.ts";

export interface BodyBlock {
  key: string;
  kind: string;
  label: string;
  html: string;
}

/** A note under a block, linking elsewhere: "Đã sửa so với bản số 1". */
export interface BlockMark {
  href: string;
  text: string;
}

interface BodyOptions {
  slug: string;
  countSlot: (key: string) => ReactNode;
  /** An earlier version: read, not commented on (no "Góp ý" links). */
  readOnly?: boolean;
  marks?: Map<string, BlockMark>;
}

export interface StanceCounts {
  total: number;
  AGREE: number;
  DISAGREE: number;
  OTHER: number;
}

/**
 * The draft, block by block: each with its permanent link, a "Góp ý" link and, in the slot
 * `countSlot` fills, its published comments per stance. Rendered once per published version
 * (document-html.server.tsx); the counts are filled in per request.
 */
export function DocumentBody({ blocks, ...options }: BodyOptions & { blocks: BodyBlock[] }) {
  return (
    <>
      {groupListItems(blocks).map((group) =>
        Array.isArray(group) ? (
          <ul key={group[0].key} className="block-list">
            {group.map((block) => (
              <li key={block.key} id={blockAnchor(block.key)} className="block block-list_item">
                <BlockContent block={block} {...options} />
              </li>
            ))}
          </ul>
        ) : (
          <div key={group.key} id={blockAnchor(group.key)} className={`block block-${group.kind}`}>
            <BlockContent block={group} {...options} />
          </div>
        ),
      )}
    </>
  );
}

/** A label as a screen reader should say it: "Chương I, Điều 2, khoản 1" rather than reading out each "›". */
export const spokenLabel = (label: string) => label.replaceAll(" › ", ", ");

function BlockContent({ slug, block, countSlot, readOnly, marks }: BodyOptions & { block: BodyBlock }) {
  const anchor = blockAnchor(block.key);
  const spoken = spokenLabel(block.label);
  const mark = marks?.get(block.key);
  return (
    <>
      <div className="block-text" dangerouslySetInnerHTML={{ __html: block.html }} />
      <p className="block-meta">
        <a className="permalink" href={`#${anchor}`} aria-label={`Liên kết cố định đến ${spoken}`}>
          §
        </a>
        {/* The block's name, unseen, so a screen reader's list of links tells hundreds of them apart. */}
        {readOnly ? null : (
          <a className="comment-action" href={commentFormPath(slug, block.key)}>
            Góp ý<span className="visually-hidden"> về {spoken}</span>
          </a>
        )}
        <a className="comment-link" href={commentsPath(slug, block.key)}>
          {countSlot(block.key)}
          <span className="visually-hidden"> về {spoken}</span>
        </a>
        {mark ? (
          <a className="changed-mark" href={mark.href}>
            {mark.text}
            <span className="visually-hidden">: {spoken}</span>
          </a>
        ) : null}
      </p>
    </>
  );
}

/** "12 ý kiến · 8 tán thành · 3 không tán thành · 1 ý kiến khác" */
export function CommentCount({ counts }: { counts: StanceCounts }) {
  if (counts.total === 0) return <span className="comment-count">0 ý kiến</span>;
  return (
    <span className="comment-count has-comments">
      {formatCount(counts.total)} ý kiến
      {(["AGREE", "DISAGREE", "OTHER"] as const)
        .filter((stance) => counts[stance] > 0)
        .map((stance) => (
          <span key={stance} className={`stance-count stance-${stance.toLowerCase()}`}>
            {" · "}
            {formatCount(counts[stance])} {STANCES[stance].toLowerCase()}
          </span>
        ))}
    </span>
  );
}

/** Consecutive list items become one <ul>. */
function groupListItems(blocks: BodyBlock[]): (BodyBlock | BodyBlock[])[] {
  const out: (BodyBlock | BodyBlock[])[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (block.kind === "list_item") {
      if (Array.isArray(last)) last.push(block);
      else out.push([block]);
    } else out.push(block);
  }
  return out;
}
