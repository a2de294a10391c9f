/**
 * The HTTP agents every call to a merchant's store goes through: keep-alive (a sync makes hundreds of calls
 * to one host), and in production a DNS guard. The store URL is the merchant's input, so without the guard
 * anyone could point RateBridge at an address inside our own network (SSRF); checking the resolved address
 * at connect time, inside the agent, also covers names that resolve differently later.
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
  destroy(): void;
}

export interface StoreAgentOptions {
  /** Refuse loopback, private, link-local and other non-public addresses (production). */
  readonly publicAddressesOnly: boolean;
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

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
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
  const lookup = options.publicAddressesOnly ? { lookup: guardedLookup } : {};
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
      return !options.publicAddressesOnly || net.isIP(bare) === 0 || !isNonPublicAddress(bare);
    },
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
