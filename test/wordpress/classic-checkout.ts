/**
 * A shopper on the classic checkout ([woocommerce_checkout]) without a browser, doing what checkout.js does:
 * the page gives the update_order_review nonce (wc_checkout_params), and each change of the form posts
 * `?wc-ajax=update_order_review` with the address fields and the whole form serialised as `post_data`
 * (woocommerce/woocommerce@9.9.5 assets/js/frontend/checkout.js, includes/class-wc-ajax.php).
 */
import { BrowserSession, inputValue } from './browser-session.js';
import { classicRates, type ClassicRate } from './classic-cart.js';

export interface ClassicAddress {
  readonly country: string;
  readonly state: string;
  readonly city: string;
  readonly postcode: string;
  readonly address_1: string;
}

export class ClassicCheckoutShopper {
  readonly session: BrowserSession;
  private nonce = '';
  private checkoutNonce = '';

  constructor(siteUrl: string) {
    this.session = new BrowserSession(siteUrl);
  }

  async addToCart(productId: number, quantity: number): Promise<void> {
    const page = await this.session.request(`/?add-to-cart=${productId}&quantity=${quantity}`);
    if (page.status !== 200 && page.status !== 302) throw new Error(`add-to-cart answered ${page.status}`);
  }

  /** Opens the checkout page; returns its HTML and keeps the nonce its script parameters carry. */
  async open(path: string): Promise<string> {
    const page = await this.session.request(path);
    if (page.status !== 200) throw new Error(`the checkout page answered ${page.status}`);
    const nonce = /"update_order_review_nonce":"([0-9a-f]+)"/.exec(page.text)?.[1];
    if (!nonce) throw new Error('the page has no wc_checkout_params (is it the classic checkout?)');
    this.nonce = nonce;
    this.checkoutNonce = inputValue(page.text, 'woocommerce-process-checkout-nonce') ?? '';
    return page.text;
  }

  /**
   * What checkout.js posts after a change: the billing address (shipped to, as "ship to a different
   * address" is off) and `form`, the rest of the serialised form, in the order the inputs appear.
   */
  async updateOrderReview(address: ClassicAddress, form: [string, string][]): Promise<ClassicRate[]> {
    const billing: [string, string][] = Object.entries(address).map(([field, value]) => [
      `billing_${field}`,
      value,
    ]);
    const postData = new URLSearchParams([...billing, ...form]).toString();
    const fields = {
      country: address.country,
      state: address.state,
      postcode: address.postcode,
      city: address.city,
      address: address.address_1,
      address_2: '',
    };
    // Not shipping to a different address, checkout.js sends the billing address as the shipping one too.
    const shipping = Object.fromEntries(Object.entries(fields).map(([name, value]) => [`s_${name}`, value]));
    const page = await this.session.post('/?wc-ajax=update_order_review', {
      security: this.nonce,
      payment_method: 'cod',
      ...fields,
      ...shipping,
      has_full_address: 'true',
      post_data: postData,
    });
    if (page.status !== 200) throw new Error(`update_order_review answered ${page.status}`);
    const answer = JSON.parse(page.text) as { fragments?: Record<string, string> };
    return classicRates(Object.values(answer.fragments ?? {}).join('\n'));
  }

  /** "Place order": the form posted to `?wc-ajax=checkout`; answers the new order's id. */
  async placeOrder(address: ClassicAddress, form: [string, string][], rateId: string): Promise<number> {
    const billing: [string, string][] = Object.entries(address).map(([field, value]) => [
      `billing_${field}`,
      value,
    ]);
    const page = await this.session.request('/?wc-ajax=checkout', {
      method: 'POST',
      body: new URLSearchParams([
        ['billing_first_name', 'Sam'],
        ['billing_last_name', 'Shopper'],
        ['billing_phone', '0400000000'],
        ['billing_email', 'shopper@example.test'],
        ...billing,
        ...form,
        ['shipping_method[0]', rateId],
        ['payment_method', 'cod'],
        ['woocommerce-process-checkout-nonce', this.checkoutNonce],
      ]),
    });
    const answer = JSON.parse(page.text) as { result?: string; redirect?: string; messages?: string };
    const orderId = /order-received\/(\d+)/.exec(answer.redirect ?? '')?.[1];
    if (answer.result !== 'success' || orderId === undefined) {
      throw new Error(`the checkout was refused: ${page.text.slice(0, 800)}`);
    }
    return Number(orderId);
  }
}
