/** Timestamp formats that the store writes. */

/** A source of the current time, replaceable in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Formats `date` as ISO 8601 UTC with milliseconds: `2026-01-05T10:00:00.000Z`. */
export function isoTimestamp(date: Date): string {
  return date.toISOString();
}

/** Formats `date` for a file name, with no characters that Windows rejects: `2026-01-05T10-00-00-000Z`. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Formats the local calendar date of `date` as `YYYY-MM-DD`. */
export function localDate(date: Date): string {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');

  return `${year}-${month}-${day}`;
}
