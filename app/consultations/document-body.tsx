import type { ReactNode } from "react";
import { blockAnchor } from "./urls.ts";
import { formatCount } from "~/platform/format.ts";

export interface BodyBlock {
  key: string;
  kind: string;
  label: string;
  html: string;
}

/**
 * The draft, block by block: each with its permanent link and, in the slot `countSlot` fills,
 * its number of published comments. Rendered once per published version (document-html.server.ts).
 */
export function DocumentBody({ blocks, countSlot }: { blocks: BodyBlock[]; countSlot: (key: string) => ReactNode }) {
  return (
    <>
      {groupListItems(blocks).map((group) =>
        Array.isArray(group) ? (
          <ul key={group[0].key} className="block-list">
            {group.map((block) => (
              <li key={block.key} id={blockAnchor(block.key)} className="block block-list_item">
                <BlockContent block={block} countSlot={countSlot} />
              </li>
            ))}
          </ul>
        ) : (
          <div key={group.key} id={blockAnchor(group.key)} className={`block block-${group.kind}`}>
            <BlockContent block={group} countSlot={countSlot} />
          </div>
        ),
      )}
    </>
  );
}

function BlockContent({ block, countSlot }: { block: BodyBlock; countSlot: (key: string) => ReactNode }) {
  const anchor = blockAnchor(block.key);
  return (
    <>
      <div className="block-text" dangerouslySetInnerHTML={{ __html: block.html }} />
      <p className="block-meta">
        <a className="permalink" href={`#${anchor}`} aria-label={`Liên kết cố định đến ${block.label}`}>
          §
        </a>
        {countSlot(block.key)}
      </p>
    </>
  );
}

export function CommentCount({ count }: { count: number }) {
  return <span className={count > 0 ? "comment-count has-comments" : "comment-count"}>{formatCount(count)} góp ý</span>;
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
