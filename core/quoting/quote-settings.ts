/**
 * The merchant's quoting settings: how group results combine and the rules applied to the result, all money
 * in integer cents. Stored as one document per tenant; defaults make a fresh tenant quote sensibly.
 */
import { readParsedDoc } from '../storage/parsed-doc.js';
import type { JsonValue, Store } from '../storage/store.js';
import type { QuoteSettings } from '../wire/admin-api-types.js';
import { quoteSettingsSchema } from '../wire/quoting-schema.js';
import { storedQuoteSettingsSchema } from './migrate-delivery-defaults.js';

export type { QuoteSettings } from '../wire/admin-api-types.js';
export { quoteSettingsSchema };

export const DEFAULT_QUOTE_SETTINGS: QuoteSettings = quoteSettingsSchema.parse({});

const parseStored = (raw: JsonValue | undefined): QuoteSettings =>
  raw === undefined ? DEFAULT_QUOTE_SETTINGS : storedQuoteSettingsSchema.parse(raw);

const ref = (tenant: string) => ({ tenant, kind: 'quote-settings', id: 'rules' });

export function createQuoteSettingsStore(store: Store) {
  return {
    /** Parsed once per stored version (every checkout reads them): shared, so never to be changed. */
    get: (tenant: string): Promise<QuoteSettings> => readParsedDoc(store, ref(tenant), parseStored),
    async put(tenant: string, settings: QuoteSettings): Promise<QuoteSettings> {
      const parsed = quoteSettingsSchema.parse(settings);
      await store.putDoc(ref(tenant), parsed);
      return parsed;
    },
  };
}
export type QuoteSettingsStore = ReturnType<typeof createQuoteSettingsStore>;
