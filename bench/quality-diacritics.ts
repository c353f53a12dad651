import { readdirSync, readFileSync } from "node:fs";
import { looksWithoutDiacritics } from "~/text/diacritics.ts";

/**
 * The no-diacritics half of bench:quality: recall and precision of looksWithoutDiacritics on the labelled
 * texts of tests/fixtures/no-diacritics (README there: sources, licences, how each file was made).
 */

export interface LabelledText {
  /** True when the text is Vietnamese written without diacritics (the warning should show). */
  withoutDiacritics: boolean;
  text: string;
  /** The file it comes from. */
  source: string;
}

const SET_DIR = new URL("../tests/fixtures/no-diacritics/", import.meta.url);

/** Every labelled text: one per line "label<TAB>text" in the .tsv files, label 1 or 0; "#" lines are comments. */
export function readNoDiacriticsSet(): LabelledText[] {
  const texts: LabelledText[] = [];
  for (const file of readdirSync(SET_DIR)
    .filter((name) => name.endsWith(".tsv"))
    .sort()) {
    for (const line of readFileSync(new URL(file, SET_DIR), "utf8").split("\n")) {
      if (line === "" || line.startsWith("#")) continue;
      const match = /^([01])\t(.+)$/.exec(line);
      if (!match) throw new Error(`${file}: not "label<TAB>text": ${line}`);
      texts.push({ withoutDiacritics: match[1] === "1", text: match[2]!, source: file });
    }
  }
  return texts;
}

export interface NoDiacriticsFigures {
  no_diacritics_recall: number;
  no_diacritics_precision: number;
  no_diacritics_set_size: number;
  no_diacritics_positives: number;
}

/** Recall and precision of the warning on the labelled set, with the set's sizes. */
export async function measureNoDiacritics(): Promise<NoDiacriticsFigures> {
  const set = readNoDiacriticsSet();
  let truePositives = 0;
  let flagged = 0;
  let positives = 0;
  for (const { withoutDiacritics, text } of set) {
    const flag = looksWithoutDiacritics(text);
    if (withoutDiacritics) positives++;
    if (flag) flagged++;
    if (flag && withoutDiacritics) truePositives++;
  }
  return {
    no_diacritics_recall: positives === 0 ? 0 : truePositives / positives,
    no_diacritics_precision: flagged === 0 ? 0 : truePositives / flagged,
    no_diacritics_set_size: set.length,
    no_diacritics_positives: positives,
  };
}
