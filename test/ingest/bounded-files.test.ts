import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readBytes } from '../../src/ingest/read-bytes.js';
import { readSidecar } from '../../src/ingest/sidecar.js';
import { tempDir } from '../helpers.js';

const article = 'The council approved the new budget on Tuesday after a long debate about school funding and road repairs.';
let dir: string;

beforeEach(async () => {
  dir = await tempDir('briefing-bounded-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Fails the test instead of hanging it: a FIFO read would otherwise block until vitest's own timeout. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('metadata sidecars are checked before they are read', () => {
  it('skips a sidecar that is a FIFO, with a warning, instead of waiting for a writer', async () => {
    const story = join(dir, 'story.txt');
    await writeFile(story, article);
    mkfifo(join(dir, 'story.meta.json'));
    const result = await within(3000, ingest([story]));
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]!.meta).toEqual({});
    expect(result.warnings).toEqual([
      `${join(dir, 'story.meta.json')}: sidecar ignored (not a regular file (a FIFO); sidecars must be regular files of at most 256 KB)`,
    ]);
  });

  it('skips a sidecar linked to /dev/zero without reading it', async () => {
    const story = join(dir, 'story.txt');
    await writeFile(story, article);
    await symlink('/dev/zero', join(dir, 'story.meta.json'));
    const sidecar = await within(3000, readSidecar(story));
    expect(sidecar).toEqual({
      meta: {},
      warning: `${join(dir, 'story.meta.json')}: sidecar ignored (not a regular file (a character device); sidecars must be regular files of at most 256 KB)`,
    });
  });

  it('skips a sidecar over 256 KB, and still reads one linked to a regular file', async () => {
    const story = join(dir, 'story.txt');
    await writeFile(story, article);
    await writeFile(join(dir, 'story.meta.json'), JSON.stringify({ title: 'x'.repeat(300 * 1024) }));
    expect((await readSidecar(story)).warning).toBe(`${join(dir, 'story.meta.json')}: sidecar ignored (larger than 256 KB)`);
    await rm(join(dir, 'story.meta.json'));
    await writeFile(join(dir, 'real.json'), JSON.stringify({ title: 'Budget approved' }));
    await symlink(join(dir, 'real.json'), join(dir, 'story.meta.json'));
    expect(await readSidecar(story)).toEqual({ meta: { title: 'Budget approved' } });
  });

  it('are looked for only under the names their folder\'s listing holds, letter case aside', async () => {
    const story = join(dir, 'story.txt');
    await writeFile(story, article);
    await writeFile(join(dir, 'story.meta.json'), JSON.stringify({ title: 'Budget approved' }));
    // A listing made before the sidecar appeared: it is not opened.
    expect(await readSidecar(story, new Map([[dir, new Set()]]))).toEqual({ meta: {} });
    expect(await readSidecar(story, new Map([[dir, new Set(['story.meta.json'])]]))).toEqual({ meta: { title: 'Budget approved' } });
    // Another folder's listing says nothing about this one.
    expect(await readSidecar(story, new Map([[join(dir, 'other'), new Set()]]))).toEqual({ meta: { title: 'Budget approved' } });
    // A folder walked by ingest: its sidecars, in any letter case, are found; the second name (NAME.ext.meta.json) too.
    await mkdir(join(dir, 'inbox'));
    await writeFile(join(dir, 'inbox', 'a.txt'), article);
    await writeFile(join(dir, 'inbox', 'A.META.JSON'), JSON.stringify({ title: 'Upper case' }));
    await writeFile(join(dir, 'inbox', 'b.txt'), article);
    await writeFile(join(dir, 'inbox', 'b.txt.meta.json'), JSON.stringify({ title: 'Second name' }));
    await writeFile(join(dir, 'inbox', 'c.txt'), article);
    const titles = (await ingest([join(dir, 'inbox')])).documents.map((document) => document.meta.title);
    // "A.META.JSON" is opened as "a.meta.json": found only where the file system ignores letter case, as before.
    const caseInsensitive = await readSidecar(join(dir, 'inbox', 'a.txt')).then((sidecar) => sidecar.meta.title === 'Upper case');
    expect(titles).toEqual([caseInsensitive ? 'Upper case' : undefined, 'Second name', undefined]);
  });
});

describe('inputs that are not regular files', () => {
  it('are left out with the reason, in a folder and given directly, and the run goes on', async () => {
    const folder = join(dir, 'inbox');
    await mkdir(folder);
    await writeFile(join(folder, 'good.txt'), article);
    mkfifo(join(folder, 'pipe.txt'));
    await symlink('/dev/zero', join(folder, 'zero.txt'));
    const direct = join(dir, 'direct.txt');
    mkfifo(direct);
    const result = await within(3000, ingest([folder, direct]));
    expect(result.documents.map((d) => d.path)).toEqual([join(folder, 'good.txt')]);
    expect(result.excluded).toEqual([
      { path: direct, reason: 'not a regular file (a FIFO); only regular files are read' },
      { path: join(folder, 'pipe.txt'), reason: 'not a regular file (a FIFO); only regular files are read' },
      { path: join(folder, 'zero.txt'), reason: 'not a regular file (a character device); only regular files are read' },
    ]);
  });

  it('are refused by readBytes (feed and URL-list files of sources) on the opened file, before reading', async () => {
    const pipe = join(dir, 'feed.xml');
    mkfifo(pipe);
    expect(await within(3000, readBytes(pipe, 1024))).toEqual({ ok: false, reason: 'not a regular file (a FIFO); only regular files are read' });
    expect(await within(3000, readBytes('/dev/zero', 1024))).toEqual({ ok: false, reason: 'not a regular file (a character device); only regular files are read' });
    await writeFile(join(dir, 'big.xml'), 'x'.repeat(2048));
    expect(await readBytes(join(dir, 'big.xml'), 1024)).toEqual({ ok: false, reason: 'larger than the 1 KB cap (2 KB)' });
    expect(await readBytes(join(dir, 'missing.xml'), 1024)).toEqual({ ok: false, reason: 'file does not exist' });
  });
});
