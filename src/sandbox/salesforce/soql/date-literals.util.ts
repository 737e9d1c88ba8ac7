/**
 * Ranges for SOQL date literals (SOQL and SOSL Reference, "Date Formats and Date Literals"), evaluated in
 * GMT (the sandbox users' time zone). Each literal is a half-open range [start, end) in epoch seconds; a
 * comparison `field = LAST_N_DAYS:7` means start <= value < end, `>` means value >= end, `<` means
 * value < start. Weeks start on Sunday (en_US locale); quarters are calendar quarters.
 */
const DAY = 86400;

function utcMidnight(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1) / 1000;
}

export function dateLiteralRange(name: string, n: number | null, nowSeconds: number): [number, number] {
  const today = utcMidnight(nowSeconds);
  const d = new Date(today * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const weekStart = today - d.getUTCDay() * DAY;
  const q = Math.floor(m / 3) * 3;
  const k = n ?? 0;
  switch (name) {
    case 'TODAY': return [today, today + DAY];
    case 'YESTERDAY': return [today - DAY, today];
    case 'TOMORROW': return [today + DAY, today + 2 * DAY];
    case 'THIS_WEEK': return [weekStart, weekStart + 7 * DAY];
    case 'LAST_WEEK': return [weekStart - 7 * DAY, weekStart];
    case 'NEXT_WEEK': return [weekStart + 7 * DAY, weekStart + 14 * DAY];
    case 'THIS_MONTH': return [monthStart(y, m), monthStart(y, m + 1)];
    case 'LAST_MONTH': return [monthStart(y, m - 1), monthStart(y, m)];
    case 'NEXT_MONTH': return [monthStart(y, m + 1), monthStart(y, m + 2)];
    case 'THIS_QUARTER': return [monthStart(y, q), monthStart(y, q + 3)];
    case 'LAST_QUARTER': return [monthStart(y, q - 3), monthStart(y, q)];
    case 'NEXT_QUARTER': return [monthStart(y, q + 3), monthStart(y, q + 6)];
    case 'THIS_YEAR': return [monthStart(y, 0), monthStart(y + 1, 0)];
    case 'LAST_YEAR': return [monthStart(y - 1, 0), monthStart(y, 0)];
    case 'NEXT_YEAR': return [monthStart(y + 1, 0), monthStart(y + 2, 0)];
    // "LAST_90_DAYS: starts with the current day and continues for the past 90 days" (includes today).
    case 'LAST_90_DAYS': return [today - 90 * DAY, today + DAY];
    case 'NEXT_90_DAYS': return [today + DAY, today + 91 * DAY];
    case 'LAST_N_DAYS': return [today - k * DAY, today + DAY];
    case 'NEXT_N_DAYS': return [today + DAY, today + (k + 1) * DAY];
    case 'N_DAYS_AGO': return [today - k * DAY, today - (k - 1) * DAY];
    case 'LAST_N_WEEKS': return [weekStart - 7 * k * DAY, weekStart];
    case 'NEXT_N_WEEKS': return [weekStart + 7 * DAY, weekStart + 7 * (k + 1) * DAY];
    case 'N_WEEKS_AGO': return [weekStart - 7 * k * DAY, weekStart - 7 * (k - 1) * DAY];
    case 'LAST_N_MONTHS': return [monthStart(y, m - k), monthStart(y, m)];
    case 'NEXT_N_MONTHS': return [monthStart(y, m + 1), monthStart(y, m + 1 + k)];
    case 'N_MONTHS_AGO': return [monthStart(y, m - k), monthStart(y, m - k + 1)];
    case 'LAST_N_YEARS': return [monthStart(y - k, 0), monthStart(y, 0)];
    case 'NEXT_N_YEARS': return [monthStart(y + 1, 0), monthStart(y + 1 + k, 0)];
    case 'N_YEARS_AGO': return [monthStart(y - k, 0), monthStart(y - k + 1, 0)];
    default: throw new Error(`Unknown date literal ${name}`);
  }
}

export function secondsToDateString(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
