import { TOC_ID, type TocEntry } from "./toc.ts";
import { blockAnchor } from "./urls.ts";

/**
 * The table of contents of a draft's page: each heading links to its block. On a phone it is folded at
 * the top (a <details>, working without JavaScript; the page's script adds a "Mục lục" button that is
 * always at hand); from 1024 px it stands beside the text, sticky, scrolling by itself, its current entry
 * marked (reader/navigation.ts).
 */
export function TocNav({ toc }: { toc: TocEntry[] }) {
  if (toc.length === 0) return null;
  return (
    <nav className="toc" id={TOC_ID} aria-labelledby="toc-title">
      <details>
        <summary id="toc-title">Mục lục</summary>
        <div className="toc-scroll">
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
        </div>
      </details>
    </nav>
  );
}
