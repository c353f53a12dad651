// A draft's headings as a page's outline: the drafting team picks heading levels for their look (a
// "Chương" as h2, an "Điều" as h5), but on the reading page they follow the page's own <h1> and may go
// down one level at a time only (WCAG 1.3.1, axe-core's heading-order): a heading deeper than the one
// before it by more than one level is shown one level below it. Going back up is free. Only the tag
// changes; the block's kind (data-kind) keeps its styling.

const HEADING = /^<h([1-6])\b([^>]*)>([\s\S]*)<\/h\1>$/;

/**
 * The blocks with their heading tags renumbered so that, after the page's h1, no level is skipped: a
 * heading sits one level below the nearest heading before it that the team wrote at a higher level
 * (so sibling "Điều" stay siblings whatever level they were written at).
 */
export function levelHeadings<T extends { html: string }>(blocks: T[], pageLevel = 1): T[] {
  const open: { written: number; shown: number }[] = [];
  return blocks.map((block) => {
    const heading = HEADING.exec(block.html.trim());
    if (!heading) return block;
    const written = Number(heading[1]);
    while (open.length > 0 && open.at(-1)!.written >= written) open.pop();
    const level = Math.min(6, (open.at(-1)?.shown ?? pageLevel) + 1);
    open.push({ written, shown: level });
    return level === written ? block : { ...block, html: `<h${level}${heading[2]}>${heading[3]}</h${level}>` };
  });
}
