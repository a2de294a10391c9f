/**
 * The despatch settings as the location form types them (text fields), and back. The server validates
 * (RB_ERR_VALIDATION at `despatch.…`): the form only turns what was typed into the wire shape, so a bad
 * value is refused there with the same message the API gives.
 */
import type { DespatchSettings } from '../../../core/wire/admin-api-types';
import { WEEKDAYS, type Weekday } from '../../../core/wire/vocabulary';

export interface ClosedRow {
  from: string;
  to: string;
  note: string;
}

export interface DespatchForm {
  handlingDays: string;
  cutoff: string;
  weekdays: readonly Weekday[];
  closed: readonly ClosedRow[];
}

/** A new location's form: what the API would default to. */
const NEW_LOCATION: DespatchSettings = {
  handlingDays: 0,
  cutoff: '14:00',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  closedDates: [],
};

export function despatchForm(settings: DespatchSettings | undefined): DespatchForm {
  const from = settings ?? NEW_LOCATION;
  return {
    handlingDays: String(from.handlingDays),
    cutoff: from.cutoff,
    weekdays: [...from.weekdays],
    closed: from.closedDates.map((range) => ({ from: range.from, to: range.to, note: range.note ?? '' })),
  };
}

export function despatchInput(form: DespatchForm): DespatchSettings {
  const typed = form.handlingDays.trim();
  return {
    // Not a whole number: NaN, sent as null, which the server refuses at the field with its message.
    handlingDays: /^\d+$/.test(typed) ? Number(typed) : Number.NaN,
    cutoff: form.cutoff.trim(),
    // In week order, whatever order they were ticked in.
    weekdays: WEEKDAYS.filter((day) => form.weekdays.includes(day)),
    closedDates: form.closed
      .filter((row) => row.from.trim() || row.to.trim())
      .map((row) => ({
        from: row.from.trim(),
        to: row.to.trim() || row.from.trim(),
        ...(row.note.trim() ? { note: row.note.trim() } : {}),
      })),
  };
}
