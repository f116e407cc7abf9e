import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandIO } from '../src/cli/generate.js';

export const repoRoot = new URL('..', import.meta.url).pathname;
export const seedsDir = join(repoRoot, 'seeds');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');

export function tempDir(prefix = 'briefing-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
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
