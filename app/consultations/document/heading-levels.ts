// A draft's headings as a page's outline: the drafting team picks heading levels for their look (a
// "Chương" as h2, an "Điều" as h5), but on a page they follow the page's own <h1> and may go down one
// level at a time only (WCAG 1.3.1, axe-core's heading-order): a heading deeper than the one before it by
// more than one level is shown one level below it. Going back up is free. On the reading page only the
// tag changes; the block's kind (data-kind) keeps its styling. The editor page keeps the team's tags and
// gives the outline level as aria-level (ADR 057).

const HEADING = /^<h([1-6])\b([^>]*)>([\s\S]*)<\/h\1>$/;

/**
 * The outline level of each heading, given the levels the team wrote them at (in document order): a
 * heading sits one level below the nearest heading before it that the team wrote at a higher level (so
 * sibling "Điều" stay siblings whatever level they were written at), and never deeper than 6.
 */
export function outlineLevels(written: readonly number[], pageLevel = 1): number[] {
  const open: { written: number; shown: number }[] = [];
  return written.map((level) => {
    while (open.length > 0 && open.at(-1)!.written >= level) open.pop();
    const shown = Math.min(6, (open.at(-1)?.shown ?? pageLevel) + 1);
    open.push({ written: level, shown });
    return shown;
  });
}

/** The blocks with their heading tags renumbered by outlineLevels (other blocks untouched). */
export function levelHeadings<T extends { html: string }>(blocks: T[], pageLevel = 1): T[] {
  const headings = blocks.map((block) => HEADING.exec(block.html.trim()));
  const found = headings.filter((heading) => heading !== null);
  const levels = outlineLevels(
    found.map((heading) => Number(heading[1])),
    pageLevel,
  );
  let next = 0;
  return blocks.map((block, i) => {
    const heading = headings[i];
    if (!heading) return block;
    const level = levels[next++];
    return level === Number(heading[1]) ? block : { ...block, html: `<h${level}${heading[2]}>${heading[3]}</h${level}>` };
  });
}
