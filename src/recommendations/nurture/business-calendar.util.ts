import Holidays from 'date-holidays';

/**
 * Business days for nurture waits. Public holidays come from `date-holidays` (KR, US, …). For Korea the
 * library lists only one day of Seollal and Chuseok (and its Chuseok is a day early: 2025-10-05,
 * 2026-09-24, while the lunar 8/15 falls on 2025-10-06 and 2026-09-25) and no substitute holidays. For
 * 2025–2028 the three-day lunar holidays therefore come from the table below (KASI lunar calendar), as
 * do substitute and election holidays (Regulation on Holidays of Government Offices, art. 2–3; Public
 * Official Election Act, art. 34). Outside the table the library's day ±1 is used.
 */
const KR_LUNAR: Record<number, string[]> = {
  2025: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-10-05', '2025-10-06', '2025-10-07'],
  2026: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-09-24', '2026-09-25', '2026-09-26'],
  2027: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-09-14', '2027-09-15', '2027-09-16'],
  2028: ['2028-01-26', '2028-01-27', '2028-01-28', '2028-10-02', '2028-10-03', '2028-10-04'],
};

const KR_EXTRA: Record<number, string[]> = {
  2025: ['2025-03-03', '2025-05-06', '2025-06-03', '2025-10-08'],
  2026: ['2026-03-02', '2026-05-25', '2026-06-03', '2026-08-17', '2026-10-05'],
  2027: ['2027-02-09', '2027-08-16', '2027-10-04', '2027-10-11', '2027-12-27'],
  2028: ['2028-04-12', '2028-10-05'],
};

const LUNAR_THREE_DAY = ['설날', '추석', 'Korean New Year', 'Chuseok'];

export class BusinessCalendar {
  private readonly holidays: Holidays;
  private readonly cache = new Map<number, Set<string>>();

  constructor(readonly country: string = 'KR', private readonly weekend: number[] = [0, 6]) {
    this.holidays = new Holidays(country);
  }

  holidaysOf(year: number): Set<string> {
    const cached = this.cache.get(year);
    if (cached) return cached;
    const days = new Set<string>();
    for (const h of this.holidays.getHolidays(year) || []) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const day = h.date.slice(0, 10);
      const lunar = this.country === 'KR' && LUNAR_THREE_DAY.some((n) => h.name.includes(n));
      if (lunar && KR_LUNAR[year]) continue;
      days.add(day);
      if (lunar) {
        days.add(shift(day, -1));
        days.add(shift(day, 1));
      }
    }
    if (this.country === 'KR') for (const d of [...(KR_LUNAR[year] ?? []), ...(KR_EXTRA[year] ?? [])]) days.add(d);
    this.cache.set(year, days);
    return days;
  }

  isBusinessDay(day: string): boolean {
    const d = new Date(`${day}T00:00:00Z`);
    if (this.weekend.includes(d.getUTCDay())) return false;
    return !this.holidaysOf(d.getUTCFullYear()).has(day);
  }

  /** `n` business days after `day` (n = 0: `day` itself if it is one, else the next). */
  addBusinessDays(day: string, n: number): string {
    let cur = day;
    while (!this.isBusinessDay(cur)) cur = shift(cur, 1);
    for (let i = 0; i < n; i++) {
      cur = shift(cur, 1);
      while (!this.isBusinessDay(cur)) cur = shift(cur, 1);
    }
    return cur;
  }
}

export function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
