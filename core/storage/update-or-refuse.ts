import { RateBridgeError } from '../errors.js';
import { UNCHANGED, type DocRef, type JsonValue, type Store, type Updater } from './store.js';

/**
 * `updateDoc` whose updater may refuse the change by throwing a RateBridgeError (a label already taken, a
 * record gone): nothing is written and that error is thrown to the caller. The updater may run more than
 * once (Redis retries on a conflict), so only the last run's refusal counts.
 */
export async function updateDocOrRefuse(
  store: Store,
  ref: DocRef,
  updater: Updater,
): Promise<JsonValue | undefined> {
  let refusal: RateBridgeError | undefined;
  const stored = await store.updateDoc(ref, (current) => {
    refusal = undefined;
    try {
      return updater(current);
    } catch (error) {
      if (!(error instanceof RateBridgeError)) throw error;
      refusal = error;
      return UNCHANGED;
    }
  });
  if (refusal) throw refusal;
  return stored;
}
