/** A bulk result file: Shopify serves it from https storage; nothing else is fetched. */
import { ReadFailed } from './sync-stops.js';

export async function httpsDownload(url: string, signal: AbortSignal | undefined): Promise<Response> {
  if (new URL(url).protocol !== 'https:') throw new ReadFailed('The bulk result URL is not https.');
  const timeout = AbortSignal.timeout(10 * 60_000);
  return fetch(url, { redirect: 'error', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
}
