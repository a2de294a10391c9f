/**
 * A store set up to quote on Big Post: the token connected (live), a default carton for SKUs without a
 * profile, and one warehouse in Richmond VIC (a suburb the fake Big Post knows).
 */
import type { Core } from '../../core/ratebridge.js';

export async function prepareBigPostTenant(core: Core, tenant: string, token: string): Promise<void> {
  await core.tokens.connect(tenant, { platform: 'bigpost', environment: 'live', label: 'Big Post', token });
  await core.catalog.setDefaultBox(tenant, {
    type: 'carton',
    lengthCm: 40,
    widthCm: 30,
    heightCm: 30,
    tareWeightKg: 0.5,
  });
  await core.locations.create(tenant, {
    name: 'Main warehouse',
    addressLine1: '12 Example Street',
    suburb: 'Richmond',
    postcode: '3121',
    state: 'VIC',
  });
}
