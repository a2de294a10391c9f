/**
 * A redis-server process of a test's own, on its own port, that the test may stop, kill -9, pause and
 * start again. Append-only with fsync on every write, so what Redis acknowledged survives a kill -9 (the
 * outage tests check RateBridge loses nothing Redis kept); `--save ""` keeps snapshots out of the way.
 * When redis-server is not installed, suites skip with a printed reason, except under CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './listen.js';
import { tempDir } from './temp-dir.js';

export function redisServerInstalled(): { ok: boolean; reason: string } {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  const ok = probe.status === 0;
  const reason = ok ? probe.stdout.trim() : 'redis-server is not installed (apt-get install redis-server)';
  if (!ok && process.env.CI) throw new Error(`${reason}; CI requires it for this suite`);
  if (!ok) console.warn(`SKIPPING store-outage tests: ${reason}`);
  return { ok, reason };
}

export interface OwnRedis {
  readonly url: string;
  /** SHUTDOWN (the append-only file is flushed), as an operator's `systemctl stop`. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to flush anything. */
  kill9(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process is there but answers nothing (a hung host). */
  pause(): void;
  resume(): void;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const { dir, remove } = await tempDir('redis');
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', 'always', '--logfile', '');
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await untilAnswers(port);
    },
    async stop() {
      await command(port, 'SHUTDOWN');
      await exited();
    },
    async kill9() {
      child?.kill('SIGKILL');
      await exited();
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async close() {
      child?.kill('SIGCONT');
      child?.kill('SIGKILL');
      await exited();
      await remove();
    },
  };
  await own.start();
  return own;
}

/** Sends one inline command and resolves with the first reply (or when the server hangs up). */
function command(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('error', () => resolve(reply));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      socket.end();
    });
    socket.once('close', () => resolve(reply));
    socket.once('connect', () => socket.write(`${text}\r\n`));
  });
}

async function untilAnswers(port: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if ((await command(port, 'PING')).startsWith('+PONG')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}
