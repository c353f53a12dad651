import { formatDateTime } from "~/platform/format.ts";

/**
 * "Thời gian lấy ý kiến: 08:00 10/12/2026 đến 17:00 20/12/2026 · Còn 3 ngày", in Viet Nam's time.
 * `timeLeft` comes from the loader (timeLeftText), so the server and the browser show the same words.
 */
export function PeriodLine({ opensAt, closesAt, timeLeft }: { opensAt: Date | string | null; closesAt: Date | string | null; timeLeft?: string | null }) {
  if (!opensAt && !closesAt) return null;
  const at = (d: Date | string) => <time dateTime={new Date(d).toISOString()}>{formatDateTime(d)}</time>;
  return (
    <span className="period">
      {opensAt && closesAt ? (
        <>
          Thời gian lấy ý kiến: {at(opensAt)} đến {at(closesAt)}
        </>
      ) : opensAt ? (
        <>Lấy ý kiến từ {at(opensAt)}</>
      ) : (
        <>Lấy ý kiến đến {at(closesAt!)}</>
      )}
      {timeLeft ? (
        <>
          {" · "}
          <strong className="time-left">{timeLeft}</strong>
        </>
      ) : null}
    </span>
  );
}
