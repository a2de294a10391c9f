/**
 * A shopper on the classic cart page ([woocommerce_cart]): add to cart by link, then the cart's own
 * "Calculate shipping" form, with WooCommerce's session cookie and the form's nonce, as a browser sends it.
 */
import { BrowserSession, decodeEntities, inputValue } from './browser-session.js';

export interface ClassicRate {
  readonly rateId: string;
  readonly label: string;
  /** "19.95", as the page prints it. */
  readonly amount: string;
  /** What the plugin prints under its rate ("Arrives Tue 9 Dec – Thu 11 Dec"), or "". */
  readonly deliveryTime: string;
}

export class ClassicCartShopper {
  readonly session: BrowserSession;

  constructor(siteUrl: string) {
    this.session = new BrowserSession(siteUrl);
  }

  async addToCart(productId: number, quantity: number): Promise<void> {
    const page = await this.session.request(`/?add-to-cart=${productId}&quantity=${quantity}`);
    if (page.status !== 200 && page.status !== 302) throw new Error(`add-to-cart answered ${page.status}`);
  }

  /** Submits the cart page's shipping calculator and returns the rates the page then shows. */
  async calculateShipping(address: {
    country: string;
    state: string;
    city: string;
    postcode: string;
  }): Promise<ClassicRate[]> {
    const cart = await this.session.request('/cart/');
    if (cart.status !== 200) throw new Error(`the cart page answered ${cart.status}`);
    const nonce = inputValue(cart.text, 'woocommerce-shipping-calculator-nonce');
    if (!nonce) throw new Error('the cart page has no shipping calculator (is it the classic cart?)');
    const page = await this.session.post('/cart/', {
      calc_shipping_country: address.country,
      calc_shipping_state: address.state,
      calc_shipping_city: address.city,
      calc_shipping_postcode: address.postcode,
      calc_shipping: '1',
      'woocommerce-shipping-calculator-nonce': nonce,
      _wp_http_referer: '/cart/',
    });
    if (page.status !== 200) throw new Error(`calculating shipping answered ${page.status}`);
    return classicRates(page.text);
  }
}

/** The rates in the cart page's `ul#shipping_method` (a radio per rate, or one hidden input when single). */
export function classicRates(html: string): ClassicRate[] {
  const list = /<ul id="shipping_method"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const rates: ClassicRate[] = [];
  for (const item of list.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
    const body = item[1] ?? '';
    const rateId = /name="shipping_method\[0\]"[^>]*value="([^"]*)"/.exec(body)?.[1];
    const label = /<label[^>]*>([\s\S]*?)<\/label>/.exec(body)?.[1] ?? '';
    const text = decodeEntities(label.replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    const amount = /\$([\d,]+\.\d{2})/.exec(decodeEntities(label.replace(/<[^>]+>/g, '')))?.[1] ?? '';
    const delivery = /<small class="ratebridge-delivery-time">([\s\S]*?)<\/small>/.exec(body)?.[1] ?? '';
    if (rateId !== undefined) {
      rates.push({
        rateId: decodeEntities(rateId),
        label: text.replace(/:\s*\$[\d,.]+$/, ''),
        amount,
        deliveryTime: decodeEntities(delivery),
      });
    }
  }
  return rates;
}
