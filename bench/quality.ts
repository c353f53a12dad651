// bench:quality — how right the figures moderators act on are (issue 16), on labelled real text.
// Prints progress, then, last line, one JSON object:
//   grouping_recall, false_grouping_rate, grouping_set_size, grouping_distinct_size: bench/quality-grouping.ts
//   no_diacritics_recall, no_diacritics_precision, no_diacritics_set_size, no_diacritics_positives: bench/quality-diacritics.ts
// Goals: grouping_recall ≥ 0.99, false_grouping_rate 0; no_diacritics_recall ≥ 0.95, no_diacritics_precision ≥ 0.98.
import { measureNoDiacritics } from "./quality-diacritics.ts";
import { measureGrouping } from "./quality-grouping.ts";

const started = Date.now();
console.log("Near-duplicate groups: the labelled set through submitComment on a throwaway SQLite database…");
const grouping = await measureGrouping((line) => console.log(line));
console.log(
  `  recall ${(grouping.grouping_recall * 100).toFixed(2)}% of ${grouping.grouping_set_size} variants, ` +
    `false grouping ${(grouping.false_grouping_rate * 100).toFixed(2)}% of ${grouping.grouping_distinct_size} distinct comments ` +
    `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
console.log("No-diacritics warning: the labelled texts of tests/fixtures/no-diacritics…");
const diacritics = await measureNoDiacritics();
console.log(
  `  recall ${(diacritics.no_diacritics_recall * 100).toFixed(1)}% of ${diacritics.no_diacritics_positives} texts without diacritics, ` +
    `precision ${(diacritics.no_diacritics_precision * 100).toFixed(1)}% (${diacritics.no_diacritics_set_size} texts in all)`,
);
console.log(JSON.stringify({ ...grouping, ...diacritics }));
