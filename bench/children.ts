/**
 * The bench's server processes: forked with IPC, each answering one message at a time. They run the built
 * JavaScript (`npm run bench` builds `dist/` first, `tsconfig.bench.json` adds the bench's own servers), with
 * plain node as production runs `node dist/server.js`: under tsx the server carried ~240 MB of transformer
 * and source maps, and paid for them in CPU.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  readonly process: ChildProcess;
  readonly ready: Record<string, unknown>;
  ask<T>(message: Record<string, unknown>): Promise<T>;
}

/** The V8 heap settings `npm start` runs the service with (package.json, docs/deploy.md "Memory"). */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=384'];

/** Forks `dist/bench/<name>.js`, the built form of `bench/<name>.ts`. */
export function startChild(name: string, env: NodeJS.ProcessEnv, nodeOptions: string[] = []): Promise<Child> {
  const file = `../dist/bench/${name}.js`;
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    // BENCH_CPU_PROF=<dir>: a CPU profile of each server process, written when it stops.
    execArgv: [
      '--expose-gc',
      ...nodeOptions,
      ...(env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : []),
    ],
    env,
    // The server's log lines (JSON at info, one per request) go nowhere, as a production log shipper's would.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (reply: Record<string, unknown>) =>
        reply.error ? reject(new Error(String(reply.error))) : resolve(reply as T),
      );
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    child.once('message', (ready: Record<string, unknown>) => {
      child.removeAllListeners('exit');
      resolve({ process: child, ready, ask });
    });
  });
}

export interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
