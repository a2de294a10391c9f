/**
 * A RateBridge that never answers: a socket that accepts every connection and then says nothing, the way
 * a stalled server or a black-holed proxy looks from WordPress. It counts the connections it was given.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentBridge {
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startSilentBridge(): Promise<SilentBridge> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Read and discard, so the client's request is fully sent and it waits only for the answer.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
