// The only time Sotto stores or shows: the UTC day, never anything finer (SECURITY.md §5).

/** "YYYY-MM-DD" for `ms` since the epoch, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC day `days` before `ms`. */
export function utcDayBefore(ms: number, days: number): string {
  return utcDay(ms - days * 86_400_000);
}
