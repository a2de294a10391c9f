/**
 * The fake store's own self-signed certificate (CN fake-woocommerce.test, SAN 127.0.0.1 and localhost), made
 * fresh by openssl for each test process, so no private key is ever committed. Callers trust it through
 * `FAKE_STORE_CA`, as the bridge trusts a public CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-woo-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=fake-woocommerce.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
  } catch (error) {
    throw new Error(
      `the fake WooCommerce store needs the openssl command to make its TLS certificate: ${String(error)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TLS = selfSignedCertificate();
export const FAKE_STORE_CA = TLS.cert;
export const FAKE_STORE_KEY = TLS.key;
