/**
 * Each Australian state's and territory's IANA time zone: the one place a location's clock (its daily
 * cut-off) is derived from its state. The zones carry daylight saving where the state keeps it (NSW, VIC,
 * ACT, SA, TAS from the first Sunday in October to the first Sunday in April) and not where it does not
 * (QLD, WA, NT), so no offset is ever written by hand. ACT keeps Sydney's time (Australia/Canberra is
 * only a link to it in the IANA database).
 */
import type { AuState } from '../wire/vocabulary.js';

export const STATE_TIME_ZONES: Readonly<Record<AuState, string>> = {
  ACT: 'Australia/Sydney',
  NSW: 'Australia/Sydney',
  NT: 'Australia/Darwin',
  QLD: 'Australia/Brisbane',
  SA: 'Australia/Adelaide',
  TAS: 'Australia/Hobart',
  VIC: 'Australia/Melbourne',
  WA: 'Australia/Perth',
};
