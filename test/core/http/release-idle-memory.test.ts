/**
 * The memory-reducing collection runs once a server that served requests has been idle for its quiet spell:
 * not while requests keep coming, not again until more have been served. A real HTTP server on a socket;
 * V8's own collector runs in the last test.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseMemoryWhenIdle } from '../../../core/http/release-idle-memory.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('releasing memory when idle', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    servers.length = 0;
  });
  async function served() {
    const server = http.createServer((_request, response) => response.end('ok'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/`;
    const get = async () => (await fetch(url, { headers: { connection: 'close' } })).text();
    return { server, get };
  }

  it('collects once after a quiet spell that followed requests, and not before', async () => {
    const { server, get } = await served();
    const collections: unknown[] = [];
    const release = releaseMemoryWhenIdle(server, { idleMs: 800, collect: (o) => collections.push(o) });
    try {
      await sleep(1000);
      expect(collections).toHaveLength(0); // nothing served yet: nothing to give back
      for (let i = 0; i < 4; i++) {
        await get();
        await sleep(100);
      }
      expect(collections).toHaveLength(0); // requests every 100 ms: never quiet for 800
      await sleep(1800);
      expect(collections).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
      await sleep(1800);
      expect(collections).toHaveLength(1); // still quiet, nothing served since: not again
      await get();
      await sleep(1800);
      expect(release.releases()).toBe(2);
    } finally {
      release.stop();
    }
  });

  it('runs V8-s memory-reducing collection without --expose-gc', async () => {
    const { server, get } = await served();
    const release = releaseMemoryWhenIdle(server, { idleMs: 200 });
    try {
      await get();
      await sleep(600);
      expect(release.releases()).toBe(1);
    } finally {
      release.stop();
    }
  });
});
