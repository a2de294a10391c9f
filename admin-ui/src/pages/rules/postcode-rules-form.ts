/**
 * The postcode rules as the form holds them (text fields, one row per rule) and back to the API's list.
 * Errors are keyed by the API's paths (`postcodeRules.<i>.match.to`, ...) so the server's refusals (a rule
 * an earlier one already covers) land on the same fields as ours.
 */
import type { PostcodeAction, PostcodeRule } from '../../../../core/wire/admin-api-types';
import type { PostcodeZone } from '../../../../core/wire/vocabulary';
import { centsToDecimalString, typedDollarsToCents } from '../../../../core/money';
import { parseDecimal } from '../../format/parse-decimal';

export type ActionKind = PostcodeAction['kind'];

export interface PostcodeRuleRow {
  matchKind: 'range' | 'zone';
  from: string;
  to: string;
  zone: PostcodeZone;
  action: ActionKind;
  /** Dollars for fixed and surcharge, a percent for surcharge_percent; unused otherwise. */
  amount: string;
  /** A rate code, or empty for every rate. */
  service: string;
}

export const NEW_POSTCODE_RULE: PostcodeRuleRow = {
  matchKind: 'zone',
  from: '',
  to: '',
  zone: 'remote',
  action: 'surcharge',
  amount: '20.00',
  service: '',
};

export function toPostcodeRows(rules: readonly PostcodeRule[]): PostcodeRuleRow[] {
  return rules.map((rule) => ({
    matchKind: rule.match.kind,
    from: rule.match.kind === 'range' ? rule.match.from : '',
    to: rule.match.kind === 'range' ? rule.match.to : '',
    zone: rule.match.kind === 'zone' ? rule.match.zone : 'remote',
    action: rule.action.kind,
    amount: amountText(rule.action),
    service: rule.service ?? '',
  }));
}

function amountText(action: PostcodeAction): string {
  if (action.kind === 'fixed') return centsToDecimalString(action.priceCents);
  if (action.kind === 'surcharge') return centsToDecimalString(action.amountCents);
  if (action.kind === 'surcharge_percent') return String(action.percent);
  return '';
}

export function readPostcodeRules(
  rows: readonly PostcodeRuleRow[],
  errors: Record<string, string>,
): PostcodeRule[] {
  return rows.map((row, index) => {
    const at = (field: string) => `postcodeRules.${index}.${field}`;
    const service = row.service.trim();
    return {
      match: readMatch(row, at, errors),
      action: readAction(row, at('action'), errors),
      ...(service ? { service } : {}),
    };
  });
}

function readMatch(row: PostcodeRuleRow, at: (field: string) => string, errors: Record<string, string>) {
  if (row.matchKind === 'zone') return { kind: 'zone' as const, zone: row.zone };
  const from = row.from.trim();
  const to = row.to.trim() || from;
  const fourDigits = /^\d{4}$/;
  if (!fourDigits.test(from)) errors[at('match.from')] = 'Enter a four-digit postcode, like 0800.';
  if (!fourDigits.test(to)) errors[at('match.to')] = 'Enter a four-digit postcode, like 0899.';
  else if (fourDigits.test(from) && from > to) errors[at('match.to')] = 'The range ends before it starts.';
  return { kind: 'range' as const, from, to };
}

function readAction(row: PostcodeRuleRow, path: string, errors: Record<string, string>): PostcodeAction {
  const dollars = () => {
    const cents = typedDollarsToCents(row.amount);
    if (cents === undefined || cents < 0)
      errors[`${path}.amount`] = 'Enter an amount in dollars, like 20.00.';
    return cents ?? 0;
  };
  switch (row.action) {
    case 'fixed':
      return { kind: 'fixed', priceCents: dollars() };
    case 'surcharge':
      return { kind: 'surcharge', amountCents: dollars() };
    case 'surcharge_percent': {
      const percent = parseDecimal(row.amount);
      const valid =
        percent !== undefined &&
        percent > 0 &&
        percent <= 1000 &&
        Math.round(percent * 100) === percent * 100;
      if (!valid) errors[`${path}.amount`] = 'Enter a percentage above 0 with at most two decimals, like 15.';
      return { kind: 'surcharge_percent', percent: valid ? percent : 1 };
    }
    case 'free':
      return { kind: 'free' };
    case 'hide':
      return { kind: 'hide' };
  }
}
