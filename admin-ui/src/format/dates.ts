/** Times arrive as ISO 8601 UTC; merchants read them in their own time zone. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string | null | undefined, never = 'Never'): string {
  if (!iso) return never;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "3 minutes ago", for recent events; falls back to the date beyond a week. */
export function formatAgo(iso: string | null | undefined, never = 'Never', now = Date.now()): string {
  if (!iso) return never;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return dateTime.format(date);
}

export function formatDays(minDays?: number, maxDays?: number): string {
  if (minDays === undefined && maxDays === undefined) return '—';
  if (minDays === maxDays || maxDays === undefined)
    return `${minDays} business day${minDays === 1 ? '' : 's'}`;
  if (minDays === undefined) return `up to ${maxDays} business days`;
  return `${minDays}–${maxDays} business days`;
}

// Calendar dates (`YYYY-MM-DD`) name a day, not an instant: formatted at UTC midnight in UTC, so the
// merchant's own zone cannot move them to the day before.
const calendarDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** A rate's delivery window, "Tue, 9 Dec – Thu, 11 Dec" in the merchant's locale; else its business days. */
export function formatDelivery(rate: {
  minDays?: number;
  maxDays?: number;
  minDate?: string;
  maxDate?: string;
}): string {
  if (rate.minDate === undefined || rate.maxDate === undefined) return formatDays(rate.minDays, rate.maxDays);
  const day = (date: string) => calendarDay.format(new Date(`${date}T00:00:00Z`));
  const window =
    rate.minDate === rate.maxDate ? day(rate.minDate) : `${day(rate.minDate)} – ${day(rate.maxDate)}`;
  return `Arrives ${window}`;
}
