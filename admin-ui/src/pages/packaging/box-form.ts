/**
 * The box editor's state: every measure as the merchant typed it, turned into the admin API's body on
 * save (an unparseable number goes as NaN, so the server's field error shows under that field).
 */
import { useState } from 'react';
import type { Box, BoxInput } from '../../../../core/wire/admin-api-types';
import type { BoxKind } from '../../../../core/wire/vocabulary';
import { parseDecimal } from '../../format/parse-decimal';

export const MEASURE_KEYS = [
  'innerL',
  'innerW',
  'innerH',
  'outerL',
  'outerW',
  'outerH',
  'wallCm',
  'lengthCm',
  'widthCm',
  'baseHeightCm',
  'maxHeightCm',
  'tareWeightKg',
  'maxWeightKg',
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

export interface BoxFormState {
  readonly kind: BoxKind;
  readonly name: string;
  /** Outside measured (true) or the inside plus a wall (false). */
  readonly measuredOutside: boolean;
  readonly bigPostMhp: boolean;
  readonly text: Readonly<Record<MeasureKey, string>>;
}

const SUGGESTED: Record<MeasureKey, string> = {
  innerL: '40',
  innerW: '30',
  innerH: '20',
  outerL: '',
  outerW: '',
  outerH: '',
  wallCm: '0.5',
  lengthCm: '116.5',
  widthCm: '116.5',
  baseHeightCm: '15',
  maxHeightCm: '180',
  tareWeightKg: '0.4',
  maxWeightKg: '20',
};

export function initialBoxForm(box: Box | undefined): BoxFormState {
  if (!box) return { kind: 'carton', name: '', measuredOutside: false, bigPostMhp: false, text: SUGGESTED };
  const text = { ...SUGGESTED, tareWeightKg: String(box.tareWeightKg), maxWeightKg: String(box.maxWeightKg) };
  if (box.kind === 'pallet') {
    const { lengthCm, widthCm, baseHeightCm, maxHeightCm } = box;
    const pallet = { lengthCm, widthCm, baseHeightCm, maxHeightCm };
    return {
      kind: 'pallet',
      name: box.name,
      measuredOutside: false,
      bigPostMhp: box.bigPostMhp,
      text: { ...text, ...strings(pallet) },
    };
  }
  const inner = { innerL: box.innerCm.lengthCm, innerW: box.innerCm.widthCm, innerH: box.innerCm.heightCm };
  const outer: Record<string, number> = box.outerCm
    ? { outerL: box.outerCm.lengthCm, outerW: box.outerCm.widthCm, outerH: box.outerCm.heightCm }
    : {};
  return {
    kind: box.kind,
    name: box.name,
    measuredOutside: box.outerCm !== undefined,
    bigPostMhp: box.bigPostMhp,
    text: { ...text, ...strings(inner), ...strings(outer), wallCm: String(box.wallCm ?? 0) },
  };
}

export function boxBody(state: BoxFormState): BoxInput {
  const n = (key: MeasureKey) => parseDecimal(state.text[key]) ?? Number.NaN;
  const weights = {
    tareWeightKg: n('tareWeightKg'),
    maxWeightKg: n('maxWeightKg'),
    bigPostMhp: state.bigPostMhp,
  };
  if (state.kind === 'pallet') {
    return {
      kind: 'pallet',
      name: state.name,
      lengthCm: n('lengthCm'),
      widthCm: n('widthCm'),
      baseHeightCm: n('baseHeightCm'),
      maxHeightCm: n('maxHeightCm'),
      ...weights,
    };
  }
  const innerCm = { lengthCm: n('innerL'), widthCm: n('innerW'), heightCm: n('innerH') };
  const outside = state.measuredOutside
    ? { outerCm: { lengthCm: n('outerL'), widthCm: n('outerW'), heightCm: n('outerH') } }
    : { wallCm: n('wallCm') };
  return { kind: state.kind, name: state.name, innerCm, ...outside, ...weights };
}

export function useBoxForm(box: Box | undefined) {
  const [state, setState] = useState<BoxFormState>(() => initialBoxForm(box));
  const change = (patch: Partial<BoxFormState>) => setState((current) => ({ ...current, ...patch }));
  const setText = (key: MeasureKey, value: string) =>
    setState((current) => ({ ...current, text: { ...current.text, [key]: value } }));
  return { state, change, setText };
}

function strings(values: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
