import type { SandboxWarehouse } from './wire-format.js';

/** Every sandbox account has these, so the wizard's "import from platform" step has something to show. */
export const DEMO_WAREHOUSES: readonly SandboxWarehouse[] = Object.freeze([
  {
    id: 'wh_syd',
    name: 'Sydney DC',
    addressLine1: '1 Bourke Road',
    suburb: 'Alexandria',
    postcode: '2015',
    state: 'NSW',
  },
  {
    id: 'wh_mel',
    name: 'Melbourne DC',
    addressLine1: '20 Dohertys Road',
    suburb: 'Truganina',
    postcode: '3029',
    state: 'VIC',
  },
  {
    id: 'wh_bne',
    name: 'Brisbane DC',
    addressLine1: '5 Lavarack Avenue',
    suburb: 'Eagle Farm',
    postcode: '4009',
    state: 'QLD',
  },
]);
