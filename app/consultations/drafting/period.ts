// The comment period's two instants as the drafting team types and reads them: in Viet Nam's time
// (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving since 1975) whatever the server's zone;
// stored in UTC. The form uses <input type="datetime-local"> ("2026-12-10T08:00"); typed text in
// the Vietnamese order ("10/12/2026 08:00") is read too, for browsers that show a plain text box.

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const DATE_TIME_HINT = "ngày/tháng/năm giờ:phút, ví dụ 10/12/2026 08:00";

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const VIETNAMESE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+|\s*[-,]\s*)(\d{1,2})[:hg](\d{2})$/i;
const TIME_FIRST = /^(\d{1,2})[:hg](\d{2})(?:,?\s+|\s*[-,]\s*)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i;

/** An instant from a time typed in Viet Nam's time; null when it is not a real date and time. */
export function parseVietnamDateTime(text: string): Date | null {
  const value = text.trim();
  let parts: [number, number, number, number, number] | null = null;
  let m = ISO_LOCAL.exec(value);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  m = parts ? null : VIETNAMESE.exec(value);
  if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4]), Number(m[5])];
  m = parts ? null : TIME_FIRST.exec(value);
  if (m) parts = [Number(m[5]), Number(m[4]), Number(m[3]), Number(m[1]), Number(m[2])];
  if (!parts) return null;
  const [year, month, day, hour, minute] = parts;
  if (year < 2000 || year > 2999 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  // 31/02 would roll over into March: not a real date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - VIETNAM_OFFSET_MS);
}

/** The value of an <input type="datetime-local"> showing this instant in Viet Nam's time ("" for none). */
export function toDateTimeInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  const local = new Date(new Date(date).getTime() + VIETNAM_OFFSET_MS);
  return local.toISOString().slice(0, 16);
}
