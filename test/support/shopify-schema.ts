/**
 * Shopify's GraphQL Admin schema from the shared reference (`../shared/reference/shopify/`, beside the repo
 * root; its README says where the copy comes from). Built once per process (about half a second).
 *
 * When the file is absent locally, suites that need it skip with a printed reason; under CI a missing
 * reference is a failure, the same rule as test/support/redis.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';

/** 2026-04 is the newest public copy; the app pins 2026-10 (fields newer than 2026-04 need a changelog cite). */
export const SHOPIFY_SCHEMA_PATH = fileURLToPath(
  new URL('../../../shared/reference/shopify/admin-2026-04.graphql', import.meta.url),
);

let built: GraphQLSchema | undefined;

/** The schema, or undefined when the reference is absent outside CI (a warning says so, once). */
export function shopifySchema(): GraphQLSchema | undefined {
  if (built) return built;
  if (!existsSync(SHOPIFY_SCHEMA_PATH)) {
    const reason = `the Shopify Admin schema is not at ${SHOPIFY_SCHEMA_PATH}`;
    if (process.env.CI) throw new Error(`${reason}; CI requires the shared reference`);
    if (!warned) console.warn(`SKIPPING Shopify schema checks: ${reason}.`);
    warned = true;
    return undefined;
  }
  built = buildSchema(readFileSync(SHOPIFY_SCHEMA_PATH, 'utf8'));
  // The first validate checks the schema itself (~70 ms): done here, not inside a timed request.
  validate(built, parse('{ __typename }'));
  return built;
}
let warned = false;
