import { mkdir, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { getEdition, openStore } from '../../src/store/index.js';
import { mountTmpfs } from '../helpers.js';
import { editionProject } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = (await readFile(join(dir, name))).toString('hex');
  return files;
}

describe('runEdition on a full disk', () => {
  it('fails the run with the OutputError and keeps the previous files of the date byte for byte', async () => {
    const project = await editionProject();
    cleanups.push(() => rm(project.dir, { recursive: true, force: true }));
    const out = join(project.dir, 'out', 'morning');
    await mkdir(out, { recursive: true });
    const unmount = mountTmpfs(out, { size: '1m' });
    // Mounting needs root (CAP_SYS_ADMIN); test/util/write-set.test.ts injects the ENOSPC where it cannot.
    expect(unmount, 'this test needs to mount a tmpfs (run as root)').toBeDefined();
    cleanups.push(unmount!);
    const store = await openStore(project.db);
    cleanups.push(() => store.close());
    const run = async (title: string) => {
      const config = await loadConfig({ cwd: project.dir, env: {}, flags: { title } });
      return runEdition(config, 'morning', { date: '2025-07-11', now: new Date('2025-07-11T09:00:00Z'), deliver: false, store });
    };
    expect(await run('First')).toMatchObject({ status: 'success' });
    // Room for the new JSON and Markdown (written first) but not the HTML: file by file, that was a mixed set.
    const first = await snapshot(out);
    const pages = (name: string) => Math.ceil(first[name]!.length / 2 / 4096 + 1) * 4096;
    const free = await statfs(out);
    const room = pages('briefing-2025-07-11.json') + pages('briefing-2025-07-11.md');
    expect(pages('briefing-2025-07-11.html')).toBeGreaterThan(8192);
    await writeFile(join(out, 'filler'), Buffer.alloc(free.bavail * free.bsize - room));
    const before = await snapshot(out);

    const outcome = await run('Second');
    expect(await snapshot(out)).toEqual(before);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(new RegExp(`^could not write ${out}/briefing-2025-07-11\\.\\w+: the disk is full \\(ENOSPC\\)`));
    expect(await store.read((db) => getEdition(db, 'morning', '2025-07-11'))).toMatchObject({ status: 'failed' });
  });
});
