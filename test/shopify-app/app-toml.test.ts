/**
 * shopify.app.toml as the Shopify CLI reads it: the webhook API version is the one the code pins, and the
 * mandatory compliance topics have a `[[webhooks.subscriptions]]` of their own (the CLI mishandles one that
 * mixes `topics` and `compliance_topics`).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOPIFY_API_VERSION } from '../../shopify-app/shopify-config.js';
import { WEBHOOK_TOPICS } from '../../shopify-app/webhooks.js';

type Value = string | boolean | string[];
interface Toml {
  readonly tables: Map<string, Record<string, Value>>;
  readonly arrays: Map<string, Record<string, Value>[]>;
}

/** The subset of TOML the file uses: tables, arrays of tables, strings, booleans, arrays of strings. */
function parseToml(text: string): Toml {
  const tables = new Map<string, Record<string, Value>>([['', {}]]);
  const arrays = new Map<string, Record<string, Value>[]>();
  let current = tables.get('') as Record<string, Value>;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const arrayHeader = /^\[\[([\w.]+)\]\]$/.exec(line);
    const tableHeader = /^\[([\w.]+)\]$/.exec(line);
    if (arrayHeader?.[1]) {
      current = {};
      arrays.set(arrayHeader[1], [...(arrays.get(arrayHeader[1]) ?? []), current]);
    } else if (tableHeader?.[1]) {
      current = {};
      tables.set(tableHeader[1], current);
    } else {
      const pair = /^([\w-]+)\s*=\s*(.+)$/.exec(line);
      if (!pair?.[1] || pair[2] === undefined) throw new Error(`unreadable line: ${raw}`);
      current[pair[1]] = JSON.parse(pair[2]) as Value;
    }
  }
  return { tables, arrays };
}

const toml = parseToml(await readFile(new URL('../../shopify.app.toml', import.meta.url), 'utf8'));
const subscriptions = toml.arrays.get('webhooks.subscriptions') ?? [];

describe('shopify.app.toml', () => {
  it('subscribes webhooks with the API version the code pins', () => {
    expect(toml.tables.get('webhooks')?.api_version).toBe(DEFAULT_SHOPIFY_API_VERSION);
  });

  it('gives the compliance topics a subscription of their own', () => {
    const compliance = subscriptions.filter((subscription) => 'compliance_topics' in subscription);
    expect(compliance).toEqual([
      {
        compliance_topics: [
          WEBHOOK_TOPICS.customersDataRequest,
          WEBHOOK_TOPICS.customersRedact,
          WEBHOOK_TOPICS.shopRedact,
        ],
        uri: '/shopify/webhooks',
      },
    ]);
    for (const subscription of subscriptions) {
      expect(Object.keys(subscription).filter((key) => key.endsWith('topics'))).toHaveLength(1);
    }
    expect(subscriptions.find((subscription) => 'topics' in subscription)).toEqual({
      topics: [WEBHOOK_TOPICS.appUninstalled],
      uri: '/shopify/webhooks',
    });
  });
});
