/**
 * Suburb names as people type them and as the reference data spells them. Both sides go through
 * `suburbKey` before comparing, so "o’connor ", "O'Connor" and "O'CONNOR" are one suburb.
 */

/** The comparison form of a suburb name: upper case, straight apostrophes, single spaces. */
export function suburbKey(name: string): string {
  return name.normalize('NFKC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toUpperCase();
}

// Abbreviations Australia Post writes in capitals (mail centres, delivery centres, bases, campuses).
const ACRONYMS = new Set(['ANU', 'BC', 'CPA', 'DC', 'GPO', 'HMAS', 'MC', 'MSC', 'PO', 'RAAF', 'RGH', 'UNSW']);

/**
 * "MOUNT KURING-GAI" -> "Mount Kuring-Gai", "O'CONNOR" -> "O'Connor", "MCMAHONS POINT" -> "McMahons Point",
 * "COCOS (KEELING) ISLANDS" -> "Cocos (Keeling) Islands"; known abbreviations stay in capitals.
 */
export function toTitleCase(name: string): string {
  return suburbKey(name)
    .split(' ')
    .map((word) => (ACRONYMS.has(word) ? word : word.split('-').map(capitalisePart).join('-')))
    .join(' ');
}

function capitalisePart(part: string): string {
  const lower = part.toLowerCase();
  // A leading "(" is kept and the letter after it capitalised.
  const lead = lower.startsWith('(') ? '(' : '';
  const body = lower.slice(lead.length);
  let cased = body.charAt(0).toUpperCase() + body.slice(1);
  // Irish and French elisions: O'Connor, D'Aguilar, K'gari -> K'Gari. A later apostrophe is a
  // contraction ("Stun'sail") and stays lower case.
  if (cased.charAt(1) === "'") cased = cased.slice(0, 2) + cased.charAt(2).toUpperCase() + cased.slice(3);
  if (/^Mc[a-z]/.test(cased)) cased = 'Mc' + cased.charAt(2).toUpperCase() + cased.slice(3);
  return lead + cased;
}
