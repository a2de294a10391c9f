/**
 * A tenant's pickup locations: create, read, update, delete, the one default, the platforms' own
 * references (opaque strings per platform, freight-platform.ts `pickupRef`: a linked warehouse such as a
 * MachShip company location, or the suburb's id such as a Big Post LocalityId), and importing the
 * warehouses a platform account already has. No platform is named here: each says what it keeps.
 *
 * Invariants, kept inside one atomic update of the tenant's locations document: while any location exists
 * exactly one is the default (the first one created becomes it; deleting it promotes the oldest other);
 * names are unique ignoring case; a platform's warehouse is linked to at most one location.
 *
 * This file holds the options; the request and answer shapes are core/wire's (locations-schema.ts);
 * pickup-locations.ts composes the operations, one per file beside it.
 */
import type { Logger } from '../logger.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Store } from '../storage/store.js';
import type { LocalityReference } from './address-check.js';
import type { LocationTokens } from './platform-check.js';

export interface LocationsOptions {
  readonly store: Store;
  readonly tokens: LocationTokens;
  readonly platforms: PlatformRegistry;
  readonly logger: Logger;
  /** The offline reference data; Australia Post's by default. */
  readonly localities?: LocalityReference;
  readonly now?: () => number;
  /** How long a platform may take to confirm a suburb before it becomes a warning (default 3 s). */
  readonly platformTimeoutMs?: number;
  /** How long listing an account's warehouses may take (default 10 s). */
  readonly importTimeoutMs?: number;
}
