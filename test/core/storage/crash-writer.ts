/** Child process for the crash test: writes forever, printing `ack N` after each write resolves. */
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
// A small compaction threshold so the kill also lands during snapshot writes.
const store = await openEmbeddedStore({ dataDir, compactAfterBytes: 64 * 1024 });
for (let n = 0; ; n++) {
  // Several writes in flight at once exercise group commit, not just one-at-a-time appends.
  await Promise.all([
    store.putDoc({ tenant: 'crash', kind: 'writes', id: String(n) }, { n, payload: 'x'.repeat(200) }),
    store.listPush('crash', 'log', n, 1_000_000),
  ]);
  process.stdout.write(`ack ${n}\n`);
}
