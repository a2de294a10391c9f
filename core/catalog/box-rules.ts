/**
 * The merchant's boxes as the admin API takes them: the wire's bodies (core/wire/packaging-schema.ts)
 * with what a real box can be added on top: sizes and weights within the package limits, the outside no
 * smaller than the inside, a maximum weight above the tare, a pallet loadable above its base.
 */
import type { z } from 'zod';
import { boxBodySchema, packingSettingsBodySchema } from '../wire/packaging-schema.js';
import { MAX_WEIGHT_KG, plausibilityProblems } from './packaging-profile.js';
import { decimalText } from './units.js';

type BoxBody = z.output<typeof boxBodySchema>;
type Issue = { readonly path: readonly (string | number)[]; readonly message: string };

export const boxInputSchema = boxBodySchema.superRefine((box, context) => {
  for (const issue of boxProblems(box)) context.addIssue({ code: 'custom', ...issue, path: [...issue.path] });
});

export const packingSettingsInputSchema = packingSettingsBodySchema;

function boxProblems(box: BoxBody): Issue[] {
  const sizes =
    box.kind === 'pallet'
      ? [{ path: [], size: { lengthCm: box.lengthCm, widthCm: box.widthCm, heightCm: box.maxHeightCm } }]
      : [
          { path: ['innerCm'], size: box.innerCm },
          ...(box.outerCm ? [{ path: ['outerCm'], size: box.outerCm }] : []),
        ];
  const issues: Issue[] = sizes.flatMap(({ path, size }) =>
    plausibilityProblems({ type: box.kind, ...size, weightKg: 1, quantity: 1 })
      .filter((problem) => problem.field !== 'weightKg' && problem.field !== 'quantity')
      .map((problem) => ({ path: [...path, problem.field], message: problem.message })),
  );
  if (box.maxWeightKg > MAX_WEIGHT_KG[box.kind]) {
    issues.push({
      path: ['maxWeightKg'],
      message: `A ${box.kind} of ${decimalText(box.maxWeightKg)} kg is heavier than ${MAX_WEIGHT_KG[box.kind]} kg: was it weighed in grams?`,
    });
  }
  if (box.maxWeightKg <= box.tareWeightKg) {
    issues.push({
      path: ['maxWeightKg'],
      message: 'The maximum weight must be more than the empty box weighs.',
    });
  }
  return [...issues, ...shapeProblems(box)];
}

function shapeProblems(box: BoxBody): Issue[] {
  if (box.kind === 'pallet') {
    return box.maxHeightCm > box.baseHeightCm
      ? []
      : [{ path: ['maxHeightCm'], message: 'The maximum height must be more than the base is high.' }];
  }
  if (box.outerCm && box.wallCm !== undefined) {
    return [{ path: ['wallCm'], message: 'Give the outside size or a wall, not both.' }];
  }
  const outer = box.outerCm;
  if (!outer) return [];
  return (['lengthCm', 'widthCm', 'heightCm'] as const).flatMap((field) =>
    outer[field] < box.innerCm[field]
      ? [{ path: ['outerCm', field], message: 'The outside cannot be smaller than the inside.' }]
      : [],
  );
}
