/*
 * Local servers for the tests and the benchmarks: a free port, a program found in PATH, and a throwaway
 * redis-server on 127.0.0.1 with its files in a temp folder. A server still running when the process exits is
 * stopped then, so a test or a benchmark that fails midway leaves none behind. Not part of the program.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stopNow of running) stopNow();
});

/** A TCP port free on 127.0.0.1 right now (for a server started later, or one that must be down). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The first executable called `name` in PATH, then in `extraDirs`, or undefined. */
export function findBinary(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
}


export interface TestRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, waits for it) and starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Kills the server and deletes its folder. */
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** Keep data across restart() in an append-only file, fsynced on every write. Default: no persistence. */
  appendonly?: boolean;
}

/** A redis-server on a free port of 127.0.0.1 with its folder in a temp dir; no persistence unless asked. */
export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const redisServer = findBinary('redis-server', ['/usr/bin', '/usr/sbin']);
  if (!redisServer) throw new Error('redis-server not found in PATH: run `npm test` (its set-up installs it as root) or `sudo apt-get install -y redis-server`.');
  const dir = mkdtempSync(join(tmpdir(), 'briefing-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--protected-mode', 'no'];
  args.push(...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));

  let child: ChildProcess | undefined;
  let output = '';
  const killNow = () => {
    child?.kill('SIGKILL');
    child = undefined;
  };
  const launch = async () => {
    output = '';
    const started = spawn(redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
    started.stderr!.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
    const deadline = Date.now() + 15_000;
    while (!(await redisPing(port))) {
      if (started.exitCode !== null || started.signalCode !== null) throw new Error(`redis-server exited on start (${started.exitCode ?? started.signalCode}): ${output.trim()}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within 15 s: ${output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const halt = async (signal: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    await exited;
  };
  const stopNow = () => {
    killNow();
    running.delete(stopNow);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  running.add(stopNow);
  try {
    await launch();
  } catch (error) {
    stopNow();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await halt('SIGTERM');
      await launch();
    },
    async stop() {
      await halt('SIGKILL');
      stopNow();
    },
  };
}

/** True when something on `port` answers a Redis PING (a raw inline command, no client library needed). */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += String(chunk);
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
