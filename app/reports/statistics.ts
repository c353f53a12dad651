import { type ChannelValue, type StanceValue } from "~/vocabulary/vocabulary.ts";

// The arithmetic of the statistics, kept apart from the SQL so that tests can check it: counts split
// by channel and by stance, the shading of the heat map, percentages, the days of the time series.

export const STANCE_ORDER: readonly StanceValue[] = ["AGREE", "DISAGREE", "OTHER"];
export const CHANNEL_ORDER: readonly ChannelValue[] = ["ONLINE", "CONFERENCE", "LETTER"];

/** How many opinions, and how they split by channel and by stance. */
export interface Split {
  total: number;
  channels: Record<ChannelValue, number>;
  stances: Record<StanceValue, number>;
}

export function emptySplit(): Split {
  return { total: 0, channels: { ONLINE: 0, CONFERENCE: 0, LETTER: 0 }, stances: { AGREE: 0, DISAGREE: 0, OTHER: 0 } };
}

export function addToSplit(split: Split, channel: string, stance: string, n: number): Split {
  split.total += n;
  if (channel in split.channels) split.channels[channel as ChannelValue] += n;
  if (stance in split.stances) split.stances[stance as StanceValue] += n;
  return split;
}

export function mergeSplits(splits: Iterable<Split>): Split {
  const sum = emptySplit();
  for (const s of splits) {
    sum.total += s.total;
    for (const c of CHANNEL_ORDER) sum.channels[c] += s.channels[c];
    for (const st of STANCE_ORDER) sum.stances[st] += s.stances[st];
  }
  return sum;
}

/** One aggregate row: how many opinions of a channel and stance have this key in one dimension. */
export interface CountRow {
  key: string | null;
  channel: string;
  stance: string;
  n: number;
}

/** Rows of one dimension folded into a split per key (null keys under ""). */
export function splitsByKey(rows: Iterable<CountRow>): Map<string, Split> {
  const result = new Map<string, Split>();
  for (const row of rows) {
    const key = row.key ?? "";
    let split = result.get(key);
    if (!split) result.set(key, (split = emptySplit()));
    addToSplit(split, row.channel, row.stance, row.n);
  }
  return result;
}

/** Shade 0 (no opinion) to 5 (the most commented block): square root, so a few hot blocks do not wash out the rest. */
export const SHADES = 5;
export function shadeLevel(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(SHADES, Math.ceil(SHADES * Math.sqrt(n / max))));
}

const percentFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** "45,2%"; "0%" when there is nothing to divide. */
export function percent(n: number, total: number): string {
  return `${percentFormat.format(total > 0 ? (100 * n) / total : 0)}%`;
}

/** The stance shares as whole percentages that add up to 100 (largest remainder), for bars. */
export function stanceShares(split: Split): Record<StanceValue, number> {
  const shares = { AGREE: 0, DISAGREE: 0, OTHER: 0 } as Record<StanceValue, number>;
  if (split.total === 0) return shares;
  const exact = STANCE_ORDER.map((s) => (100 * split.stances[s]) / split.total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - floors[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) if (left-- > 0) floors[i]! += 1;
  STANCE_ORDER.forEach((s, i) => (shares[s] = floors[i]!));
  return shares;
}

export const MAX_DAYS = 400;

/** Every day from the first to the last ("YYYY-MM-DD"), missing days at 0; at most MAX_DAYS (the latest). */
export function fillDays(counts: ReadonlyMap<string, Split>): { day: string; split: Split }[] {
  const days = [...counts.keys()].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  if (days.length === 0) return [];
  const last = Date.parse(`${days.at(-1)}T00:00:00Z`);
  const first = Math.max(Date.parse(`${days[0]}T00:00:00Z`), last - (MAX_DAYS - 1) * 86_400_000);
  const result: { day: string; split: Split }[] = [];
  for (let t = first; t <= last; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    result.push({ day, split: counts.get(day) ?? emptySplit() });
  }
  return result;
}
