/**
 * A document read and parsed, with the parse remembered for as long as the stored object lives. A checkout
 * read its tenant's locations, connections and packaging profiles from the store and validated each with
 * zod on every quote (≈ 10 % of a cache-hit checkout); the embedded store replaces a document's object on
 * every write and hands out the same object until then (`getDocShared`), so a parse keyed by that object is
 * exactly as fresh as the document; Redis hands out the same object while the text it reads is unchanged.
 * A store without getDocShared makes a new value on each read, and the memo simply never hits. The parsed value is shared by every reader of that version, so it is read-only (its types say
 * so), as a stored document is.
 */
import type { DocRef, JsonValue, Store } from './store.js';

type Parse<T> = (raw: JsonValue | undefined) => T;

/** Stored object → its parse by each parser; entries go with the object once it is replaced and unused. */
const parsed = new WeakMap<object, Map<Parse<unknown>, unknown>>();

export async function readParsedDoc<T>(store: Store, ref: DocRef, parse: Parse<T>): Promise<T> {
  const raw = store.getDocShared ? await store.getDocShared(ref) : await store.getDoc(ref);
  if (raw === null || typeof raw !== 'object') return parse(raw);
  let byParser = parsed.get(raw);
  if (byParser?.has(parse)) return byParser.get(parse) as T;
  // A parse that throws (a corrupt document) is not remembered: the next read refuses it again.
  const value = parse(raw);
  if (!byParser) parsed.set(raw, (byParser = new Map()));
  byParser.set(parse, value);
  return value;
}
