import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Browser, ConnectionTransport } from 'puppeteer-core';
import { onDemand } from '../util/load-on-demand.js';
import { BrowserLaunchError } from './errors.js';

/**
 * puppeteer's connect-only entry (the one it builds for browsers: no launcher, no browser downloads, no WebSocket
 * client, none of which we use, as we start Chromium ourselves and speak over a pipe), in its CommonJS build: 115
 * files in 75 ms of CPU on a 2-CPU machine, where the main entry takes 175 ms as ES modules (125 ms as CommonJS).
 * Loaded only once Chromium has been spawned, so the two start together.
 */
const puppeteer = onDemand<typeof import('puppeteer-core')>('puppeteer-core/internal/puppeteer-core-browser.js');

export interface LaunchedChromium {
  browser: Browser;
  /** The browser's main process: its pid, how it ended, and the group to kill. */
  process: ChildProcess;
}

export interface LaunchChromiumOptions {
  executablePath: string;
  args: string[];
  timeoutMs: number;
  protocolTimeoutMs: number;
}

const KEEP_STDERR_CHARS = 2_000;

/**
 * Starts Chromium and connects to it over the DevTools pipe (fds 3 and 4). The process is ours, not puppeteer's, so
 * a browser that exits while starting (a crash, a kill, a missing library) is reported at once with its exit code or
 * signal, instead of as a launch timeout. A pipe dies with this process, so an orphaned Chromium cannot outlive a
 * killed run; the browser gets its own process group so that its helpers (zygote, renderers) are killed with it.
 */
export async function launchChromium(options: LaunchChromiumOptions): Promise<LaunchedChromium> {
  const child = spawn(options.executablePath, [...options.args, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-KEEP_STDERR_CHARS);
  });
  const exited = new Promise<never>((_, reject) => {
    // 'on', not 'once': an 'error' without a listener (a failed kill later) would throw.
    child.on('error', (error) => reject(launchError(options, `could not be started: ${error.message}`, error)));
    child.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const said = lastLines(stderr);
      reject(launchError(options, `exited while starting (${how})${said ? `; it said: ${said}` : ''}`));
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(launchError(options, `did not start within ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    const transport = pipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const connecting = puppeteer()
      .connect({ transport, defaultViewport: null, protocolTimeout: options.protocolTimeoutMs })
      .catch(async (error: unknown) => {
        // The pipe closes a moment before the exit event: the exit's code or signal says more than "Target closed".
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        throw launchError(options, `did not start: ${(error as Error).message}`, error);
      });
    connecting.catch(() => undefined);
    const browser = await Promise.race([connecting, exited, deadline]);
    exited.catch(() => undefined);
    return { browser, process: child };
  } catch (error) {
    exited.catch(() => undefined);
    killGroup(child);
    // The caller removes the profile next: wait (briefly) until nothing writes into it any more.
    await Promise.race([processExit(child), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills the browser and its helper processes (its process group), whatever state they are in. */
export function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Resolves when the process has exited (at once if it already has). */
export function processExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function launchError(options: LaunchChromiumOptions, what: string, cause?: unknown): BrowserLaunchError {
  const exe = options.executablePath;
  return new BrowserLaunchError(
    `Chromium at ${exe} ${what}. Check that it runs ("${exe} --version"), or point BRIEFING_CHROMIUM at another browser.`,
    cause === undefined ? undefined : { cause },
  );
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ');
}

/** The DevTools pipe protocol: JSON messages separated by NUL bytes. */
function pipeTransport(write: Writable, read: Readable): ConnectionTransport {
  let pending: Buffer[] = [];
  let closed = false;
  const transport: ConnectionTransport = {
    send(message) {
      if (closed) return;
      write.write(message);
      write.write('\0');
    },
    close() {
      closed = true;
      read.removeAllListeners('data');
      write.end();
    },
  };
  read.on('data', (chunk: Buffer) => {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
      pending = [];
      // Delivered asynchronously like puppeteer's own transports, so a handler never runs inside this loop.
      setImmediate(() => transport.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  read.once('close', () => transport.onclose?.());
  // A write to a browser that just died fails with EPIPE; the close above already reports it.
  write.on('error', () => undefined);
  read.on('error', () => undefined);
  return transport;
}
