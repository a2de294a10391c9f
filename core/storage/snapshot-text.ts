/**
 * The embedded store's snapshot as JSON text, written a slice at a time: the same text as
 * `JSON.stringify(body)`, with the event loop let go every few milliseconds. A busy store's snapshot is
 * megabytes (every tenant's rate log), and stringified in one go it held every checkout behind it for tens
 * of milliseconds each time the journal was compacted. The body must be a copy that nothing changes while
 * this runs (embedded-store.ts takes one: stored values are never changed in place, only replaced).
 */
import type { JsonValue } from './store.js';

/** How long one slice may run before the event loop gets a turn. */
const SLICE_MS = 4;
/** List entries stringified between two checks of the clock (a rate-log entry is ~2 KB). */
const ENTRIES_PER_STEP = 32;

export interface SnapshotParts {
  readonly docs: Record<string, Record<string, Record<string, JsonValue>>>;
  readonly lists: Record<string, Record<string, readonly JsonValue[]>>;
  readonly onces?: Record<string, number>;
}

export async function snapshotText(body: SnapshotParts): Promise<string> {
  const parts: string[] = [];
  let sliceStarted = performance.now();
  const step = async () => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };

  parts.push('{"docs":{');
  let first = true;
  for (const [tenant, kinds] of Object.entries(body.docs)) {
    parts.push(`${first ? '' : ','}${JSON.stringify(tenant)}:${JSON.stringify(kinds)}`);
    first = false;
    await step();
  }
  parts.push('},"lists":{');
  first = true;
  for (const [tenant, byName] of Object.entries(body.lists)) {
    parts.push(`${first ? '' : ','}${JSON.stringify(tenant)}:{`);
    first = false;
    let firstList = true;
    for (const [name, entries] of Object.entries(byName)) {
      parts.push(`${firstList ? '' : ','}${JSON.stringify(name)}:[`);
      firstList = false;
      for (let from = 0; from < entries.length; from += ENTRIES_PER_STEP) {
        const chunk = entries.slice(from, from + ENTRIES_PER_STEP).map((entry) => JSON.stringify(entry));
        parts.push(`${from === 0 ? '' : ','}${chunk.join(',')}`);
        await step();
      }
      parts.push(']');
    }
    parts.push('}');
  }
  parts.push('}');
  if (body.onces !== undefined) parts.push(`,"onces":${JSON.stringify(body.onces)}`);
  parts.push('}');
  return parts.join('');
}
