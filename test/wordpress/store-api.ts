/**
 * A shopper through WooCommerce's Store API (what the Cart and Checkout blocks call): a guest cart held by
 * its Cart-Token, each change sent with the Nonce the last answer gave, as the blocks do.
 */

export interface StoreRate {
  readonly rate_id: string;
  readonly name: string;
  readonly description: string;
  readonly delivery_time: string;
  /** In minor units: "1995" is $19.95. */
  readonly price: string;
  /** The tax WooCommerce calculated on the rate, in minor units. */
  readonly taxes: string;
  readonly method_id: string;
  readonly instance_id: number;
  readonly meta_data: { key: string; value: string }[];
  readonly selected: boolean;
}

export interface StoreCart {
  readonly items: { key: string; id: number; quantity: number }[];
  readonly shipping_rates: { package_id: number; shipping_rates: StoreRate[] }[];
  readonly totals: { total_shipping: string | null; total_shipping_tax?: string | null };
}

export interface Timed<T> {
  readonly body: T;
  readonly ms: number;
  readonly status: number;
}

export interface Address {
  readonly first_name: string;
  readonly last_name: string;
  readonly address_1: string;
  readonly city: string;
  readonly state: string;
  readonly postcode: string;
  readonly country: string;
}

export class StoreApiShopper {
  private cartToken = '';
  private nonce = '';

  constructor(private readonly siteUrl: string) {}

  /** Opens a guest cart (GET /cart gives the Cart-Token and the Nonce). */
  async open(): Promise<Timed<StoreCart>> {
    const answer = await this.call<StoreCart>('GET', '/cart');
    if (this.cartToken === '') throw new Error('the Store API gave no Cart-Token');
    return answer;
  }

  addItem(productId: number, quantity: number): Promise<Timed<StoreCart>> {
    return this.call<StoreCart>('POST', '/cart/add-item', { id: productId, quantity });
  }

  updateItem(key: string, quantity: number): Promise<Timed<StoreCart>> {
    return this.call<StoreCart>('POST', '/cart/update-item', { key, quantity });
  }

  /**
   * The block checkout's address step: POST /cart/update-customer. Additional checkout fields of the
   * address location travel inside the address, keyed by their id ("namespace/name").
   */
  updateCustomer<A extends Address>(shipping: A): Promise<Timed<StoreCart>> {
    return this.call<StoreCart>('POST', '/cart/update-customer', {
      shipping_address: shipping,
      billing_address: { ...shipping, email: 'shopper@example.test' },
    });
  }

  selectRate(rateId: string): Promise<Timed<StoreCart>> {
    return this.call<StoreCart>('POST', '/cart/select-shipping-rate', { package_id: 0, rate_id: rateId });
  }

  cart(): Promise<Timed<StoreCart>> {
    return this.call<StoreCart>('GET', '/cart');
  }

  checkout(address: Address): Promise<Timed<{ order_id: number; status: string }>> {
    return this.call('POST', '/checkout', {
      billing_address: { ...address, email: 'shopper@example.test', phone: '0400000000' },
      shipping_address: address,
      payment_method: 'cod',
    });
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<Timed<T>> {
    const started = performance.now();
    const response = await fetch(`${this.siteUrl}/wp-json/wc/store/v1${route}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(this.cartToken ? { 'cart-token': this.cartToken } : {}),
        ...(this.nonce ? { nonce: this.nonce } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    this.cartToken = response.headers.get('cart-token') ?? this.cartToken;
    this.nonce = response.headers.get('nonce') ?? this.nonce;
    if (!response.ok)
      throw new Error(`Store API ${method} ${route} answered ${response.status}: ${text.slice(0, 800)}`);
    return { body: JSON.parse(text) as T, ms, status: response.status };
  }
}

/** The rates of the cart's first package. */
export function ratesOf(cart: StoreCart): StoreRate[] {
  return cart.shipping_rates[0]?.shipping_rates ?? [];
}
