import { blockAnchor } from "./urls.ts";
import { formatCount } from "~/platform/format.ts";

export interface PageBlock {
  key: string;
  kind: string;
  label: string;
  html: string;
  approvedComments: number;
}

/** The draft, block by block: each with its permanent link and its number of published comments. */
export function DocumentBody({ blocks }: { blocks: PageBlock[] }) {
  const groups = groupListItems(blocks);
  return (
    <div className="document-body">
      {groups.map((group) =>
        Array.isArray(group) ? (
          <ul key={group[0].key} className="block-list">
            {group.map((block) => (
              <li key={block.key} id={blockAnchor(block.key)} className="block block-list_item">
                <BlockContent block={block} />
              </li>
            ))}
          </ul>
        ) : (
          <div key={group.key} id={blockAnchor(group.key)} className={`block block-${group.kind}`}>
            <BlockContent block={group} />
          </div>
        ),
      )}
    </div>
  );
}

function BlockContent({ block }: { block: PageBlock }) {
  const anchor = blockAnchor(block.key);
  return (
    <>
      <div className="block-text" dangerouslySetInnerHTML={{ __html: block.html }} />
      <p className="block-meta">
        <a className="permalink" href={`#${anchor}`} aria-label={`Liên kết cố định đến ${block.label}`}>
          §
        </a>
        <span className={block.approvedComments > 0 ? "comment-count has-comments" : "comment-count"}>
          {formatCount(block.approvedComments)} góp ý
        </span>
      </p>
    </>
  );
}

/** Consecutive list items become one <ul>. */
function groupListItems(blocks: PageBlock[]): (PageBlock | PageBlock[])[] {
  const out: (PageBlock | PageBlock[])[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (block.kind === "list_item") {
      if (Array.isArray(last)) last.push(block);
      else out.push([block]);
    } else out.push(block);
  }
  return out;
}
