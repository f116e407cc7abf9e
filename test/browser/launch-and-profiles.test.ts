import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { BrowserLaunchError } from '../../src/browser/errors.js';
import { tempDir } from '../helpers.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function manager(options: ConstructorParameters<typeof BrowserManager>[0] = {}): BrowserManager {
  const m = new BrowserManager(options);
  cleanups.push(() => m.close());
  return m;
}

async function fakeBrowser(script: string): Promise<string> {
  const dir = await tempDir('briefing-fake-chrome-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'chrome');
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

async function waitUntil(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ourProfiles = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(`briefing-chromium-${process.pid}-`));

describe('a browser that ends while starting', () => {
  test.each([
    ['exits with a code', 'echo "missing libnss3.so" >&2\nexit 7', /^Chromium at .*\/chrome exited while starting \(code 7\); it said: missing libnss3\.so\. Check that it runs/],
    ['is killed', 'kill -9 $$', /^Chromium at .*\/chrome exited while starting \(signal SIGKILL\)\. Check that it runs/],
  ])('%s: reported at once with how it ended, not as a 30 s launch timeout', async (_, script, message) => {
    const m = manager({ executablePath: await fakeBrowser(script) });
    expect(m.launchTimeoutMs).toBe(30_000);
    const started = Date.now();
    const error = await m.withPage(async () => 1).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(BrowserLaunchError);
    expect((error as Error).message).toMatch(message);
    expect((error as BrowserLaunchError).exitCode).toBe(3);
    // The profile made for the failed start is removed too.
    expect(await ourProfiles()).toEqual([]);
  });
});

describe('Chromium profiles', () => {
  test('the profile is named after its owner, removed on close, and one left by a Chromium killed with SIGKILL is swept at the next launch', async () => {
    // A real Chromium whose profile is named after its own pid (exec keeps the shell's pid), killed with SIGKILL:
    // the same leftover a run killed with kill -9 leaves behind.
    const killed = spawn('sh', ['-c', 'exec /usr/bin/chromium --headless --no-sandbox --user-data-dir="$0/briefing-chromium-$$-leftover" about:blank', tmpdir()], {
      stdio: 'ignore',
      detached: true,
    });
    const leftover = join(tmpdir(), `briefing-chromium-${killed.pid}-leftover`);
    cleanups.push(() => rm(leftover, { recursive: true, force: true }));
    await waitUntil(() => existsSync(join(leftover, 'SingletonSocket')) && existsSync(join(leftover, 'Default')));
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    process.kill(-killed.pid!, 'SIGKILL');
    await exited;
    expect((await readdir(leftover)).length).toBeGreaterThan(0);
    // Chromium's singleton socket folder in the temp folder, named by a link in the profile, is left too.
    const socketDir = dirname(await readlink(join(leftover, 'SingletonSocket')));
    expect(socketDir).toMatch(/\/org\.chromium\.Chromium\.\w+$/);
    expect(existsSync(socketDir)).toBe(true);

    // A profile whose owner is alive is left alone.
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void owner.kill('SIGKILL'));
    const live = join(tmpdir(), `briefing-chromium-${owner.pid}-live`);
    await mkdir(live);
    cleanups.push(() => rm(live, { recursive: true, force: true }));

    const m = manager();
    await m.withPage(async (page) => page.setContent('<p>x</p>'));
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(socketDir)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(await ourProfiles()).toHaveLength(1);
    await m.close();
    expect(await ourProfiles()).toEqual([]);
  });
});
