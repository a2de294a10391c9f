/** How a tenant is named to a person: "the WooCommerce store shop.example" rather than `woo:shop.example`. */
export function storeDisplayName(tenant: string): string {
  if (tenant.startsWith('woo:')) return `the WooCommerce store ${tenant.slice('woo:'.length)}`;
  if (tenant === 'demo-store') return 'the demo store';
  return tenant;
}
