import { DiffText } from "~/ui/diff-text.tsx";
import { formatCount } from "~/platform/format.ts";
import { blockAnchor, consultationPath } from "../urls.ts";
import type { ShownChange } from "./block-diff.ts";
import { versionPath } from "./paths.ts";

/**
 * What changed between two versions, block by block: each changed block with its word-by-word diff,
 * each new and removed block whole, the runs of unchanged blocks as one line. Insertions and deletions
 * are <ins> and <del> (underlined, struck through: readable without colour) with "Thêm:" / "Bỏ:" said to
 * screen readers. Rendered once per pair of versions and page (changes.server.tsx).
 */
export function ChangesBody({ slug, from, to, toIsCurrent, items }: { slug: string; from: number; to: number; toIsCurrent: boolean; items: ShownChange[] }) {
  const inTo = (key: string) => `${toIsCurrent ? consultationPath(slug) : versionPath(slug, to)}#${blockAnchor(key)}`;
  return (
    <ol className="changes-list">
      {items.map((item) =>
        item.kind === "unchanged" ? (
          <li key={`u-${item.firstKey}`} className="change change-unchanged">
            … {formatCount(item.count)} đoạn không đổi …
          </li>
        ) : (
          <li key={item.key} id={blockAnchor(item.key)} className={`change change-${item.kind}`}>
            <p className="change-head">
              <span className="change-kind">{KIND_LABEL[item.kind]}</span> <span className="change-label">{item.label || "Đoạn không có tên"}</span>
            </p>
            {item.kind === "changed" ? (
              <p className="diff-text">
                <DiffText segments={item.segments} />
              </p>
            ) : item.kind === "new" ? (
              <p className="diff-text">
                <DiffText segments={[{ kind: "ins", text: item.text }]} />
              </p>
            ) : (
              <p className="diff-text">
                <DiffText segments={[{ kind: "del", text: item.text }]} />
              </p>
            )}
            <p className="change-links">
              {item.kind === "removed" ? (
                <a href={`${versionPath(slug, from)}#${blockAnchor(item.key)}`}>Xem ở bản số {from}</a>
              ) : (
                <a href={inTo(item.key)}>Xem ở bản số {to}</a>
              )}
            </p>
          </li>
        ),
      )}
    </ol>
  );
}

const KIND_LABEL = { changed: "Đoạn sửa", new: "Đoạn thêm", removed: "Đoạn bỏ" } as const;
