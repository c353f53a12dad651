import type { TocEntry } from "./toc.ts";
import { blockAnchor } from "./urls.ts";

/** The table of contents of a draft's page, folded: each heading links to its block. */
export function TocNav({ toc }: { toc: TocEntry[] }) {
  if (toc.length === 0) return null;
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <details>
        <summary id="toc-title">Mục lục</summary>
        <ol>
          {toc.map((entry) => (
            <li key={entry.key} className={`toc-level-${entry.level}`}>
              <a href={`#${blockAnchor(entry.key)}`}>{entry.text}</a>
              {entry.articles.length > 0 ? (
                <ol className="toc-articles">
                  {entry.articles.map((a) => (
                    <li key={a.key}>
                      <a href={`#${blockAnchor(a.key)}`}>{a.text}</a>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
