/**
 * The merchant's boxes and packing settings, composed over the catalog's context like the rest of the
 * catalog (packaging-catalog.ts spreads these in); saving a box is save-box.ts.
 */
import { rbError } from '../errors.js';
import type { JsonValue } from '../storage/store.js';
import type { Box, PackingSettings } from '../wire/admin-api-types.js';
import { packingSettingsInputSchema } from './box-rules.js';
import { BOX_KIND, PACKING_SETTINGS_REF, type CatalogContext } from './catalog-context.js';
import { parseInput } from './input-error.js';
import { saveBox } from './save-box.js';

export function boxOperations(ctx: CatalogContext) {
  const { store } = ctx;
  return {
    listBoxes: ctx.boxes,
    createBox: (tenant: string, input: unknown) => saveBox(ctx, tenant, input),
    replaceBox: (tenant: string, id: string, input: unknown) => saveBox(ctx, tenant, input, id),
    async deleteBox(tenant: string, id: string): Promise<void> {
      if (!(await store.deleteDoc({ tenant, kind: BOX_KIND, id })))
        throw rbError('RB_ERR_NOT_FOUND', 'That box');
    },
    getPackingSettings: ctx.packingSettings,
    async setPackingSettings(tenant: string, input: unknown): Promise<PackingSettings> {
      const settings = parseInput(packingSettingsInputSchema, input);
      await store.putDoc({ tenant, ...PACKING_SETTINGS_REF }, settings as unknown as JsonValue);
      return settings;
    },
    /** What the quote engine packs into: the boxes and settings, read together. */
    async packingSetup(tenant: string): Promise<{ boxes: Box[]; settings: PackingSettings }> {
      const [boxes, settings] = await Promise.all([ctx.boxes(tenant), ctx.packingSettings(tenant)]);
      return { boxes, settings };
    },
  };
}
