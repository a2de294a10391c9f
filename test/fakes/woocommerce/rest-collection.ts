/**
 * A REST collection page as WooCommerce's CRUD controllers answer it
 * (includes/rest-api/Controllers/Version3/class-wc-rest-crud-controller.php): `page` >= 1 and `per_page`
 * 1..100 (default 10) checked by WordPress's argument validation (400 `rest_invalid_param`), X-WP-Total
 * and X-WP-TotalPages headers, and an empty 200 page past the last one.
 */
import { restError, type Reply } from './rest-reply.js';

export function collectionPage(items: readonly Record<string, unknown>[], requestUrl: URL): Reply {
  const params = requestUrl.searchParams;
  const perPage = integerParam(params.get('per_page'), 10);
  const page = integerParam(params.get('page'), 1);
  const invalid: Record<string, string> = {};
  if (perPage === undefined || perPage < 1 || perPage > 100) {
    invalid.per_page = 'per_page must be between 1 (inclusive) and 100 (inclusive)';
  }
  if (page === undefined || page < 1) invalid.page = 'page must be greater than or equal to 1';
  if (Object.keys(invalid).length > 0 || perPage === undefined || page === undefined) {
    return restError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(invalid).join(', ')}`, {
      params: invalid,
    });
  }
  const order = params.get('order') === 'desc' ? -1 : 1;
  const sorted = [...items].sort((a, b) => ((a.id as number) - (b.id as number)) * order);
  return {
    status: 200,
    body: sorted.slice((page - 1) * perPage, page * perPage),
    headers: {
      'X-WP-Total': String(items.length),
      'X-WP-TotalPages': String(Math.ceil(items.length / perPage)),
    },
  };
}

/** WordPress's "integer" argument: digits only (a sign allowed), else invalid. */
function integerParam(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : undefined;
}
