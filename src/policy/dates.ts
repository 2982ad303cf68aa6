// Whole UTC calendar days, the only clock the policy rules know. Acceptances expire on a date
// (00:00 UTC, trivy's rule) and "expires in N days" is a difference of dates, so every rule here
// works on day numbers (days since 1970-01-01 UTC). Today is always handed in by the caller,
// as a `YYYY-MM-DD` text or a `Date`; nothing here reads the clock.

/** Today as the caller hands it in: a `YYYY-MM-DD` date or an instant (its UTC date is used). */
export type Today = string | Date;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number of a real calendar date written exactly `YYYY-MM-DD`, else undefined
 * (`2027-02-30`, `2027-3-31` and `2027-03-31T00:00Z` are not).
 */
export function parseDay(text: string): number | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? Math.round(date.getTime() / DAY_MS) : undefined;
}

/** Today's day number. Throws on a date that is not one: the caller's mistake, never input. */
export function dayOf(today: Today): number {
  if (typeof today === 'string') {
    const day = parseDay(today);
    if (day === undefined) throw new Error(`today must be a YYYY-MM-DD date, not "${today}"`);
    return day;
  }
  const ms = today.getTime();
  if (!Number.isFinite(ms)) throw new Error('today is an invalid Date');
  return Math.floor(ms / DAY_MS);
}

/** A day number written `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
