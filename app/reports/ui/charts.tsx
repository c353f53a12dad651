import { CHANNELS, STANCES } from "~/vocabulary/vocabulary.ts";
import { formatCount } from "~/platform/format.ts";
import { CHANNEL_ORDER, percent, STANCE_ORDER, stanceShares, type Split } from "../statistics.ts";

// Charts as SVG, rendered with the page (server and browser alike: no chart library, no script
// needed). Each picture has a text alternative, and the numbers are always in a table beside it.

export const STANCE_COLORS = { AGREE: "#2e7d32", DISAGREE: "#c62828", OTHER: "#5466b8" } as const;
export const CHANNEL_COLORS = { ONLINE: "#1a5fb4", CONFERENCE: "#a50e0e", LETTER: "#8a6100" } as const;

export function stanceSummary(split: Split): string {
  if (split.total === 0) return "Chưa có ý kiến";
  return STANCE_ORDER.map((s) => `${STANCES[s]} ${formatCount(split.stances[s])} (${percent(split.stances[s], split.total)})`).join(", ");
}

/** A thin bar split into the three stances; the numbers in words for screen readers. */
export function StanceBar({
  split,
  width = 100,
  height = 10,
  className = "stance-bar",
}: {
  split: Split;
  width?: number;
  height?: number;
  className?: string;
}) {
  const shares = stanceShares(split);
  let x = 0;
  return (
    <svg
      className={className}
      viewBox={`0 0 100 ${height}`}
      width={width}
      height={height}
      preserveAspectRatio="none"
      role="img"
      aria-label={stanceSummary(split)}
    >
      <title>{stanceSummary(split)}</title>
      <rect x="0" y="0" width="100" height={height} fill="#e8eaed" />
      {STANCE_ORDER.map((s) => {
        const rect = shares[s] > 0 ? <rect key={s} x={x} y="0" width={shares[s]} height={height} fill={STANCE_COLORS[s]} /> : null;
        x += shares[s];
        return rect;
      })}
    </svg>
  );
}

function Legend({ items }: { items: [label: string, color: string][] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {items.map(([label, color]) => (
        <li key={label}>
          {/* An SVG fill, not a style attribute: the Content-Security-Policy allows no inline styles. */}
          <svg className="swatch" viewBox="0 0 1 1">
            <rect width="1" height="1" fill={color} />
          </svg>{" "}
          {label}
        </li>
      ))}
    </ul>
  );
}

export const StanceLegend = () => <Legend items={STANCE_ORDER.map((s) => [STANCES[s], STANCE_COLORS[s]])} />;
export const ChannelLegend = () => <Legend items={CHANNEL_ORDER.map((c) => [CHANNELS[c], CHANNEL_COLORS[c]])} />;

function shorten(text: string, max: number) {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Horizontal bars, one per row: the label on its own line above the bar (long Vietnamese names stay
 * readable on a 360 px phone), the bar split by channel, the count at its end.
 */
export function BarChart({ rows, title, max = 12 }: { rows: { label: string; split: Split }[]; title: string; max?: number }) {
  const shown = rows.slice(0, max);
  const top = Math.max(1, ...shown.map((r) => r.split.total));
  const rowHeight = 38;
  const width = 320;
  const barWidth = 250;
  const height = shown.length * rowHeight + 4;
  const description = shown.map((r) => `${r.label}: ${formatCount(r.split.total)}`).join("; ");
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${description}`}>
      <title>{title}</title>
      {shown.map((row, i) => {
        const y = i * rowHeight;
        let x = 0;
        return (
          <g key={`${row.label}-${i}`}>
            <text x="0" y={y + 13} className="bar-label">
              {shorten(row.label, 44)}
            </text>
            {CHANNEL_ORDER.map((c) => {
              const w = (barWidth * row.split.channels[c]) / top;
              const rect = w > 0 ? <rect key={c} x={x} y={y + 19} width={w} height="13" fill={CHANNEL_COLORS[c]} /> : null;
              x += w;
              return rect;
            })}
            <text x={Math.min(x + 4, barWidth + 4)} y={y + 30} className="bar-value">
              {formatCount(row.split.total)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Opinions per day: a bar per day stacked by channel. The bars are an SVG stretched to the width;
 * the scale and the dates are HTML around it, so they stay readable from a phone to a wide screen.
 */
export function TimeSeries({ days }: { days: { day: string; split: Split }[] }) {
  if (days.length === 0) return null;
  const width = 1000;
  const height = 200;
  const top = Math.max(1, ...days.map((d) => d.split.total));
  const step = width / days.length;
  const barWidth = Math.max(1, step * 0.8);
  const busiest = days.reduce((a, b) => (b.split.total > a.split.total ? b : a));
  const label = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  const middle = days[Math.floor((days.length - 1) / 2)]!;
  return (
    <div className="time-series">
      <div className="time-series-scale" aria-hidden="true">
        <span>{formatCount(top)}</span>
        <span>{formatCount(Math.round(top / 2))}</span>
        <span>0</span>
      </div>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Số ý kiến theo ngày, từ ${label(days[0]!.day)} đến ${label(days.at(-1)!.day)}; nhiều nhất ${formatCount(busiest.split.total)} ý kiến ngày ${label(busiest.day)}.`}
      >
        <title>Số ý kiến theo ngày</title>
        {[0, height / 2, height].map((y) => (
          <line key={y} x1="0" x2={width} y1={y} y2={y} className="grid" vectorEffect="non-scaling-stroke" />
        ))}
        {days.map((d, i) => {
          let y = height;
          return (
            <g key={d.day}>
              <title>{`${label(d.day)}: ${formatCount(d.split.total)} ý kiến`}</title>
              {CHANNEL_ORDER.map((c) => {
                const h = (height * d.split.channels[c]) / top;
                if (h <= 0) return null;
                y -= h;
                return <rect key={c} x={i * step + (step - barWidth) / 2} y={y} width={barWidth} height={h} fill={CHANNEL_COLORS[c]} />;
              })}
            </g>
          );
        })}
      </svg>
      <div className="time-series-dates" aria-hidden="true">
        <span>{label(days[0]!.day)}</span>
        {days.length > 2 ? <span>{label(middle.day)}</span> : null}
        <span>{label(days.at(-1)!.day)}</span>
      </div>
    </div>
  );
}
