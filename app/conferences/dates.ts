// Dates as people write them in Vietnamese spreadsheets and forms: 25/11/2026, 5/1/2026,
// 2026-11-25, or an Excel date (a serial number of days, or a Date from the workbook). A date
// with no time is kept as noon in Viet Nam (05:00 UTC), so it is the same calendar day in UTC and
// in Viet Nam time whichever a report groups by.

export type CalendarDate = { year: number; month: number; day: number };

export const DATE_FORMAT_HINT = "ngày/tháng/năm (ví dụ 25/11/2026) hoặc năm-tháng-ngày (2026-11-25)";

/** Is this year, month and day a real date of the Gregorian calendar? */
function isRealDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was (so serials from 61 on are one day ahead). */
export function fromExcelSerial(serial: number): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  const days = Math.floor(serial) - 25_569; // 25569 = 1970-01-01
  const date = new Date(days * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** A date from text: d/m/yyyy (also with "-" or "."), yyyy-mm-dd; a 2-digit year is refused (which century?). */
export function parseDateText(text: string): CalendarDate | null {
  const value = text.trim();
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  let date: CalendarDate | null = null;
  if (match) date = { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) };
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // A number typed into a CSV cell that Excel would have shown as a date.
  if (!date && /^\d{5}(?:\.\d+)?$/.test(value)) date = fromExcelSerial(Number(value));
  return date && isRealDate(date) ? date : null;
}

/** A date from a spreadsheet cell (text, an Excel serial number, or a Date the workbook reader made). */
export function parseDateCell(value: unknown): CalendarDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Workbook readers give a date cell as midnight UTC of that day.
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value === "number") return fromExcelSerial(value);
  if (typeof value === "string") return parseDateText(value);
  return null;
}

/** The stored instant of a calendar date: noon in Viet Nam (UTC+7). */
export function toStoredDate({ year, month, day }: CalendarDate): Date {
  return new Date(Date.UTC(year, month - 1, day, 5));
}

/** Today's calendar date in Viet Nam. */
export function todayInVietnam(now: Date): CalendarDate {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function formatCalendarDate({ year, month, day }: CalendarDate): string {
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** Why a date cannot be the day an opinion was given, or null when it can. */
export function dateProblem(date: CalendarDate, now: Date): string | null {
  if (date.year < 2000) return `Ngày ${formatCalendarDate(date)} quá xa trong quá khứ: vui lòng kiểm tra lại năm.`;
  if (compareDates(date, todayInVietnam(now)) > 0) return `Ngày ${formatCalendarDate(date)} chưa đến: vui lòng kiểm tra lại.`;
  return null;
}
