/** Time as SLB and the inventory show it. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** ISO 8601 UTC without milliseconds, like SLB's `ExpireTime`: `2024-11-21T06:04:25Z`. */
export function isoSeconds(date: Date): string {
  // toISOString always ends ".sssZ" (extended years included): cut it rather than match it.
  return `${date.toISOString().slice(0, -5)}Z`;
}

/** Whole days from `now` until `date`, rounded down (negative once `date` has passed). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

/** Whether `date` is less than `days` days after `now`. */
export function withinDays(date: Date, now: Date, days: number): boolean {
  return date.getTime() - now.getTime() < days * DAY_MS;
}
