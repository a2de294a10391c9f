/**
 * A delivery window as a buyer reads it: "Arrives Tue 9 Dec – Thu 11 Dec", or "Arrives Tue 9 Dec" for a
 * single day. English names from fixed lists rather than Intl: the checkout formats a date per rate, and a
 * locale-dependent formatter could render differently on another Node build.
 */
import type { DeliveryWindow } from './delivery-window.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-12-09` as `Wed 9 Dec`. */
export function shortDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return `${DAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
}

export function arrivalText(window: DeliveryWindow): string {
  if (window.minDate === window.maxDate) return `Arrives ${shortDate(window.minDate)}`;
  return `Arrives ${shortDate(window.minDate)} – ${shortDate(window.maxDate)}`;
}
