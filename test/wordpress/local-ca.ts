/**
 * A certificate authority made for one test run (openssl, nothing committed) and a server certificate it
 * signed for 127.0.0.1: what a RateBridge behind a real certificate looks like to WordPress once the CA is
 * in WordPress's own bundle (wp-includes/certificates/ca-bundle.crt), which WooCommerce's key grant and
 * webhook deliveries verify against.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '../support/temp-dir.js';

export interface LocalCa {
  /** The CA certificate (PEM), to trust. */
  readonly ca: string;
  /** The server's certificate (PEM), signed by the CA, for IP 127.0.0.1 and localhost. */
  readonly cert: string;
  readonly key: string;
}

export async function makeLocalCa(): Promise<LocalCa> {
  const { dir, remove } = await tempDir('local-ca');
  const file = (name: string) => path.join(dir, name);
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await openssl([
      'req',
      '-x509',
      ...ec,
      '-days',
      '2',
      '-subj',
      '/CN=RateBridge test CA',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await openssl([
      'req',
      ...ec,
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
    ]);
    await writeFile(
      file('server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    await openssl([
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file('server.ext'),
      '-out',
      file('server.pem'),
    ]);
    const [ca, cert, key] = await Promise.all(
      ['ca.pem', 'server.pem', 'server.key'].map((name) => readFile(file(name), 'utf8')),
    );
    return { ca: ca!, cert: cert!, key: key! };
  } finally {
    await remove();
  }
}

function openssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 20_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`openssl ${args[0]} failed: ${stderr}`)) : resolve(),
    );
  });
}
