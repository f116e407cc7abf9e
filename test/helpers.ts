import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, onTestFinished } from 'vitest';
import type { CommandIO } from '../src/cli/generate.js';

export const repoRoot = new URL('..', import.meta.url).pathname;
export const seedsDir = join(repoRoot, 'seeds');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');

// Folders made outside a test (in beforeAll or at collection) are removed when the test file ends. This hook is
// registered when a test file imports this module; vitest runs after-all hooks in reverse, so it runs last, after
// the file's own hooks have closed the servers, stores and browsers that use the folders.
const madeOutsideTests: string[] = [];
afterAll(async () => {
  for (const dir of madeOutsideTests.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** A fresh temp folder, removed when the test that made it finishes (or, made outside a test, when the file ends). */
export async function tempDir(prefix = 'briefing-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  } catch {
    madeOutsideTests.push(dir); // onTestFinished() throws outside a running test
  }
  return dir;
}

/** tempDir() for synchronous code (the same cleanup). */
export function tempDirSync(prefix = 'briefing-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  } catch {
    madeOutsideTests.push(dir);
  }
  return dir;
}

/** A CommandIO whose streams are captured as strings (not terminals, so progress is printed as lines). */
export function captureIO(cwd: string, now = new Date('2025-07-11T06:00:00Z')): CommandIO & { out: () => string; err: () => string } {
  const chunks = { out: '', err: '' };
  const sink = (key: 'out' | 'err') =>
    Object.assign(
      new Writable({
        write(chunk, _encoding, callback) {
          chunks[key] += String(chunk);
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
  return { stdout: sink('out'), stderr: sink('err'), cwd, now: () => now, out: () => chunks.out, err: () => chunks.err };
}

/**
 * Mounts a tmpfs of `size` (e.g. '64k') on `dir` (or read-only with `readOnly`) and returns its unmount, or undefined
 * where mounting is not allowed (not root, no CAP_SYS_ADMIN): the caller then injects the file-system error instead.
 */
export function mountTmpfs(dir: string, options: { size: string; readOnly?: boolean }): (() => void) | undefined {
  const flags = `size=${options.size}${options.readOnly ? ',ro' : ''}`;
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', dir], { stdio: 'ignore' });
  if (mounted.status !== 0) return undefined;
  return () => {
    spawnSync('umount', [dir], { stdio: 'ignore' });
  };
}

/** A TCP port free on 127.0.0.1 right now (for a server a test starts later, or one that must be down). */
export { freePort } from '../src/bench/local-servers.js';
