/**
 * The store admin in wp-admin, driven through WordPress's real forms: the login form, and WooCommerce >
 * Settings > Shipping > RateBridge (nonce and referer taken from the page, as a browser sends them back).
 */
import { BrowserSession, decodeEntities, inputValue, type PageResponse } from './browser-session.js';
import type { WordPressSite } from './wordpress-site.js';

export const SETTINGS_PATH = '/wp-admin/admin.php?page=wc-settings&tab=shipping&section=ratebridge';

export interface ConnectionForm {
  readonly bridgeUrl: string;
  readonly keyId: string;
  /** Blank keeps the saved secret, as the field says. */
  readonly keySecret: string;
  readonly timeout: string;
}

export interface SettingsSaved {
  readonly page: PageResponse;
  /** The notices on the page after saving, as text: WooCommerce's "saved" and any of the plugin's. */
  readonly notices: string[];
}

export class WpAdmin {
  readonly session: BrowserSession;

  private constructor(site: WordPressSite) {
    this.session = new BrowserSession(site.url);
  }

  /** Signs in through wp-login.php. */
  static async signIn(site: WordPressSite): Promise<WpAdmin> {
    const admin = new WpAdmin(site);
    // WordPress refuses a login without its test cookie ("cookies are blocked").
    admin.session.setCookie('wordpress_test_cookie', 'WP%20Cookie%20check');
    const login = await admin.session.post('/wp-login.php', {
      log: site.adminUser,
      pwd: site.adminPassword,
      'wp-submit': 'Log In',
      redirect_to: `${site.url}/wp-admin/`,
      testcookie: '1',
    });
    if (login.status !== 302)
      throw new Error(`wp-login.php answered ${login.status}: ${login.text.slice(0, 500)}`);
    return admin;
  }

  async settingsPage(): Promise<PageResponse> {
    const page = await this.session.request(SETTINGS_PATH);
    if (page.status !== 200) throw new Error(`the RateBridge settings page answered ${page.status}`);
    return page;
  }

  /** Fills in and submits the store-wide RateBridge settings form. */
  async saveConnection(form: ConnectionForm): Promise<SettingsSaved> {
    const page = await this.settingsPage();
    const nonce = inputValue(page.text, '_wpnonce');
    if (!nonce) throw new Error('the settings form has no nonce');
    const saved = await this.session.post(SETTINGS_PATH, {
      _wpnonce: nonce,
      _wp_http_referer: inputValue(page.text, '_wp_http_referer') ?? SETTINGS_PATH,
      woocommerce_ratebridge_bridge_url: form.bridgeUrl,
      woocommerce_ratebridge_key_id: form.keyId,
      woocommerce_ratebridge_key_secret: form.keySecret,
      woocommerce_ratebridge_timeout: form.timeout,
      save: 'Save changes',
    });
    if (saved.status !== 200) throw new Error(`saving the settings answered ${saved.status}`);
    return { page: saved, notices: notices(saved.text) };
  }
}

/** The text of every admin notice on a page (WordPress's `notice` divs and WooCommerce's `updated inline`). */
export function notices(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(
    /<div\b[^>]*class="[^"]*\b(?:notice|updated|error)\b[^"]*"[^>]*>([\s\S]*?)<\/div>/g,
  )) {
    const text = decodeEntities((match[1] ?? '').replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (text !== '') found.push(text);
  }
  return found;
}
