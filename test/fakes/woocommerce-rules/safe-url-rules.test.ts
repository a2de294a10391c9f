/**
 * The fake's copy of wp_http_validate_url() (WordPress 6.8.8, wp-includes/http.php), which guards the key
 * grant's callback and every webhook delivery: for each of its checks, a URL the real one lets through and
 * one it refuses.
 */
import { describe, expect, it } from 'vitest';
import { isSafeUrl, type SafeHttpContext } from '../woocommerce/wordpress-http.js';

const store: SafeHttpContext = {
  homeUrl: 'https://127.0.0.1:9443/shop',
  safePorts: [],
  trustedCa: [],
  timeoutMs: 1000,
};
const safe = (url: string, context: SafeHttpContext = store) => isSafeUrl(url, context);

describe("the fake's wp_http_validate_url()", () => {
  it('lets through ports 80, 443, 8080 and none; refuses the rest unless the filter adds them', async () => {
    for (const url of [
      'https://8.8.8.8/cb',
      'https://8.8.8.8:443/cb',
      'http://8.8.8.8:80/cb',
      'https://8.8.8.8:8080/cb',
    ]) {
      expect([url, await safe(url)]).toEqual([url, true]);
    }
    for (const url of ['https://8.8.8.8:8443/cb', 'http://8.8.8.8:3000/cb']) {
      expect([url, await safe(url)]).toEqual([url, false]);
    }
    expect(await safe('https://8.8.8.8:8443/cb', { ...store, safePorts: [8443] })).toBe(true);
  });

  it("lets the home host through on the home URL's own port, and no other local host", async () => {
    expect(await safe('https://127.0.0.1:9443/elsewhere')).toBe(true);
    expect(await safe('https://127.0.0.1:9444/elsewhere')).toBe(false);
    for (const url of [
      'https://127.0.0.2/cb',
      'https://10.1.2.3/cb',
      'https://172.16.0.1/cb',
      'https://192.168.1.1/cb',
      'https://169.254.169.254/latest',
      'https://100.64.0.1/cb',
      'https://198.18.0.1/cb',
      'https://224.0.0.1/cb',
      'https://localhost/cb',
    ]) {
      expect([url, await safe(url)]).toEqual([url, false]);
    }
  });

  it('refuses other schemes, credentials in the URL, IPv6 literals and names that do not resolve', async () => {
    for (const url of [
      'ftp://8.8.8.8/cb',
      'https://user:pass@8.8.8.8/cb',
      'https://[2001:4860:4860::8888]/cb',
      'https://no-such-host.invalid/cb',
      'not a url',
    ]) {
      expect([url, await safe(url)]).toEqual([url, false]);
    }
  });
});
