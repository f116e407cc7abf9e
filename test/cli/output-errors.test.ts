import { mkdir, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO, mountTmpfs, seedsDir, tempDir } from '../helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder(): Promise<string> {
  const dir = await tempDir('briefing-output-errors-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = (await readFile(join(dir, name))).toString('hex');
  return files;
}

/** A failed write is the user's problem to fix, told plainly: exit 1, no stack trace, never "unexpected error". */
function expectCleanOutputError(code: number, stderr: string): void {
  expect(code, stderr).toBe(1);
  expect(stderr).not.toMatch(/unexpected error/);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('briefing generate when the output cannot be written', () => {
  it('an --out under a regular file: exit 1 with the path, the cause and the fix', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'notes.txt'), 'not a folder');
    const io = captureIO(dir);
    const code = await runCli(['generate', '-i', seedsDir, '-o', 'notes.txt/out', '--date', '2025-07-11', '--format', 'html,json', '--quiet'], io);
    expectCleanOutputError(code, io.err());
    expect(io.err()).toBe(
      `briefing: could not write ${join(dir, 'notes.txt', 'out')}: a part of the path is a file, not a folder (ENOTDIR). ` +
        'Nothing was changed there (a previous briefing stays as it was); check the output folder path.\n',
    );
  });

  it('a read-only --out: exit 1 with the path and the cause, the folder untouched', async () => {
    const dir = await folder();
    const out = join(dir, 'out');
    await mkdir(out);
    const unmount = mountTmpfs(out, { size: '64k', readOnly: true });
    // Root ignores file modes, so a read-only mount is the one way to refuse root a write (needs CAP_SYS_ADMIN).
    expect(unmount, 'this test needs to mount a tmpfs (run as root)').toBeDefined();
    cleanups.push(unmount!);
    const io = captureIO(dir);
    const code = await runCli(['generate', '-i', seedsDir, '-o', 'out', '--date', '2025-07-11', '--format', 'html,json', '--quiet'], io);
    expectCleanOutputError(code, io.err());
    expect(io.err()).toMatch(/^briefing: could not write .*\/out\/briefing-2025-07-11\.html: the file system is read-only \(EROFS\)\. .*choose an output folder on a writable disk\.\n$/);
    expect(await readdir(out)).toEqual([]);
  });

  it('a full disk keeps the previous HTML, PDF and JSON byte for byte', async () => {
    const dir = await folder();
    const out = join(dir, 'out');
    await mkdir(out);
    const unmount = mountTmpfs(out, { size: '8m' });
    // Mounting needs root (CAP_SYS_ADMIN); the injected ENOSPC of test/util/write-set.test.ts covers the rest.
    expect(unmount, 'this test needs to mount a tmpfs (run as root)').toBeDefined();
    cleanups.push(unmount!);
    const args = ['generate', '-i', seedsDir, '-o', 'out', '--date', '2025-07-11', '--format', 'html,pdf,json', '--quiet'];
    const first = captureIO(dir);
    expect(await runCli(args, first), first.err()).toBe(0);
    const before = await snapshot(out);
    expect(Object.keys(before)).toEqual(['briefing-2025-07-11.html', 'briefing-2025-07-11.json', 'briefing-2025-07-11.pdf']);
    // Leave less room than one more HTML file needs, so the new set cannot be completed.
    const free = await statfs(out);
    const htmlBytes = Buffer.byteLength(before['briefing-2025-07-11.html']!, 'hex');
    await writeFile(join(dir, 'out', 'filler'), Buffer.alloc(Math.max(0, free.bavail * free.bsize - Math.floor(htmlBytes / 2))));
    const beforeWithFiller = await snapshot(out);

    const second = captureIO(dir);
    const code = await runCli([...args, '--title', 'A different title'], second);
    expectCleanOutputError(code, second.err());
    expect(second.err()).toMatch(/^briefing: could not write .*\/out\/briefing-2025-07-11\.\w+: the disk is full \(ENOSPC\)\. /);
    expect(await snapshot(out)).toEqual(beforeWithFiller);
  });
});
