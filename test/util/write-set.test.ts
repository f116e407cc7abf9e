import { spawn, spawnSync } from 'node:child_process';
import { mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputError } from '../../src/util/errors.js';
import { realWriteSetFs, unflushedWriteSetFs, writeFileSet, type WriteSetFs } from '../../src/util/write-set.js';
import { mountTmpfs, tempDir } from '../helpers.js';

const PREVIOUS = [
  { filename: 'briefing-2025-07-11.html', content: '<p>old html</p>' },
  { filename: 'briefing-2025-07-11.pdf', content: new Uint8Array([37, 80, 68, 70, 1, 2, 3]) },
  { filename: 'briefing-2025-07-11.json', content: '{"old":true}' },
];
const NEXT = PREVIOUS.map((file) => ({ filename: file.filename, content: `new ${file.filename} `.repeat(1500) }));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder(): Promise<string> {
  const dir = await tempDir('briefing-write-set-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = (await readFile(join(dir, name))).toString('hex');
  return files;
}

describe('writeFileSet', () => {
  it('flushes every file and the folder to the disk, unless given the unflushed file operations, which write the same set', async () => {
    const dir = await folder();
    // fsync is FileHandle.sync: counted on the prototype every handle shares.
    const handle = await open(join(dir, 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(handle) as { sync(): Promise<void> }, 'sync');
    await handle.close();
    await rm(join(dir, 'probe'));
    cleanups.push(() => sync.mockRestore());

    await writeFileSet(join(dir, 'flushed'), NEXT);
    expect(sync).toHaveBeenCalledTimes(NEXT.length + 1);
    sync.mockClear();
    await writeFileSet(join(dir, 'unflushed'), PREVIOUS, unflushedWriteSetFs);
    const written = await writeFileSet(join(dir, 'unflushed'), NEXT, unflushedWriteSetFs);
    expect(sync).not.toHaveBeenCalled();
    expect(written).toEqual(NEXT.map((f) => join(dir, 'unflushed', f.filename)));
    expect(await snapshot(join(dir, 'unflushed'))).toEqual(await snapshot(join(dir, 'flushed')));
  });

  it('replaces a previous set whole and leaves no temp file or backup', async () => {
    const dir = await folder();
    await writeFileSet(dir, PREVIOUS);
    const written = await writeFileSet(dir, NEXT);
    expect(written).toEqual(NEXT.map((f) => join(dir, f.filename)));
    expect((await readdir(dir)).sort()).toEqual(NEXT.map((f) => f.filename).sort());
    expect(await readFile(join(dir, NEXT[0]!.filename), 'utf8')).toBe(NEXT[0]!.content);
  });

  it('on a full disk keeps the previous set byte for byte and throws an OutputError naming the path and cause', async () => {
    const root = await folder();
    const dir = join(root, 'disk');
    await mkdir(dir);
    // A 64 KB tmpfs: the previous set fits, the new one (3 × 30 KB) does not. Where mounting is not allowed, the
    // second temp file's write fails with the ENOSPC the kernel would give.
    const unmount = mountTmpfs(dir, { size: '64k' });
    let fs: WriteSetFs = realWriteSetFs;
    if (unmount) cleanups.push(unmount);
    else {
      let writes = 0;
      fs = {
        ...realWriteSetFs,
        writeDurable: async (path, content) => {
          if (++writes === 2) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
          return realWriteSetFs.writeDurable(path, content);
        },
      };
    }
    await writeFileSet(dir, PREVIOUS, fs);
    const before = await snapshot(dir);

    const error = await writeFileSet(dir, NEXT, fs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(new RegExp(`could not write ${dir}/briefing-2025-07-11\\.\\w+: the disk is full \\(ENOSPC\\)`));
    expect((error as Error).message).toMatch(/free some space/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('puts the previous files back when a rename fails midway, and removes a file that is new in the set', async () => {
    const dir = await folder();
    await writeFileSet(dir, PREVIOUS.slice(0, 2));
    const before = await snapshot(dir);
    let renames = 0;
    const fs: WriteSetFs = {
      ...realWriteSetFs,
      rename: async (from, to) => {
        // The third file's rename fails after the first two targets were already replaced.
        if (from.endsWith('.tmp') && ++renames === 3) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        return realWriteSetFs.rename(from, to);
      },
    };
    const reordered = [NEXT[0]!, NEXT[2]!, NEXT[1]!]; // html (existed), json (new), pdf (existed, fails)
    const error = await writeFileSet(dir, reordered, fs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toContain(`could not write ${join(dir, 'briefing-2025-07-11.pdf')}`);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('turns a read-only disk into an OutputError and a folder under a regular file into one too', async () => {
    const root = await folder();
    await writeFile(join(root, 'a-file'), 'x');
    const underFile = await writeFileSet(join(root, 'a-file', 'out'), NEXT).catch((e: unknown) => e);
    expect(underFile).toBeInstanceOf(OutputError);
    expect((underFile as Error).message).toMatch(/could not write .*a-file\/out: a part of the path is a file, not a folder \(ENOTDIR\)/);

    const dir = join(root, 'ro');
    await mkdir(dir);
    const unmount = mountTmpfs(dir, { size: '64k', readOnly: true });
    const fs: WriteSetFs = unmount
      ? realWriteSetFs
      : { ...realWriteSetFs, writeDurable: async () => Promise.reject(Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' })) };
    if (unmount) cleanups.push(unmount);
    const readOnly = await writeFileSet(dir, NEXT, fs).catch((e: unknown) => e);
    expect(readOnly).toBeInstanceOf(OutputError);
    expect((readOnly as Error).message).toMatch(/the file system is read-only \(EROFS\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temp files and backups of a writer killed mid-write, not those of a live one', async () => {
    const dir = await folder();
    const dead = spawnSync('true').pid;
    const live = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void live.kill('SIGKILL'));
    const leftovers = [`.briefing-2025-07-11.html.${dead}.1733270000000.tmp`, `.briefing-2025-07-11.pdf.${dead}.1733270000000.bak`];
    const inProgress = `.briefing-2025-07-11.json.${live.pid}.1733270000000.tmp`;
    for (const name of [...leftovers, inProgress]) await writeFile(join(dir, name), 'partial');
    await writeFileSet(dir, NEXT);
    expect((await readdir(dir)).sort()).toEqual([inProgress, ...NEXT.map((f) => f.filename)].sort());
  });
});
