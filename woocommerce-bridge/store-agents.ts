/**
 * The HTTP agents every call to a merchant's store goes through: keep-alive (a sync makes hundreds of calls
 * to one host), and a DNS guard in every environment. The store URL is the merchant's input, so without the
 * guard anyone could point RateBridge at an address inside our own network (SSRF); checking the resolved
 * address at connect time, inside the agent, also covers names that resolve differently later. Development
 * may let loopback through (WOOCOMMERCE_ALLOW_LOCAL_STORES: a store running on the same laptop), never the
 * private ranges, and production never.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface StoreAgents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  /** False for an IP-literal host the guard refuses (literals never reach the DNS lookup). */
  allowsHost(hostname: string): boolean;
  /** Resolves `hostname` now and says whether the guard would let a call to it through. */
  resolvesToAllowed(hostname: string): Promise<boolean>;
  destroy(): void;
}

export interface StoreAgentOptions {
  /** Let loopback addresses through (development with WOOCOMMERCE_ALLOW_LOCAL_STORES); all else non-public stays refused. */
  readonly allowLoopback: boolean;
  /** Extra certificate authority to trust (tests: the fake store's self-signed certificate). */
  readonly ca?: string | Buffer;
}

const NON_PUBLIC = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one a public store can never have. */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return NON_PUBLIC.check(mapped[1], 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6');
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function isLoopbackAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return LOOPBACK.check(address, 'ipv4');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return LOOPBACK.check(mapped[1], 'ipv4');
  return family === 6 && LOOPBACK.check(address, 'ipv6');
}

/** Whether the guard refuses `address`: non-public, unless it is loopback and loopback is allowed. */
export function isRefusedAddress(address: string, allowLoopback: boolean): boolean {
  return isNonPublicAddress(address) && !(allowLoopback && isLoopbackAddress(address));
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function guardedLookup(
  allowLoopback: boolean,
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isRefusedAddress(entry.address, allowLoopback));
    if (refused || addresses.length === 0) {
      const denied: NodeJS.ErrnoException = new Error(`${hostname} does not resolve to a public address`);
      denied.code = 'ERR_NON_PUBLIC_ADDRESS';
      return callback(denied, []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses as [LookupAddress];
    callback(null, first.address, first.family);
  });
}

export function createStoreAgents(options: StoreAgentOptions): StoreAgents {
  const lookup = {
    lookup: (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) =>
      guardedLookup(options.allowLoopback, hostname, lookupOptions, callback),
  };
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16, ...lookup });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: 16,
    ...lookup,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  return {
    httpAgent,
    httpsAgent,
    allowsHost(hostname) {
      const bare = hostname.replace(/^\[|\]$/g, '');
      return net.isIP(bare) === 0 || !isRefusedAddress(bare, options.allowLoopback);
    },
    async resolvesToAllowed(hostname) {
      const bare = hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(bare) !== 0) return !isRefusedAddress(bare, options.allowLoopback);
      try {
        const addresses = await dns.promises.lookup(bare, { all: true });
        return (
          addresses.length > 0 &&
          addresses.every((entry) => !isRefusedAddress(entry.address, options.allowLoopback))
        );
      } catch {
        // An unknown name is not refused here: the grant itself will say the store cannot be reached.
        return true;
      }
    },
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
