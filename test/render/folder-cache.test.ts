import { mkdir, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { folderFingerprint, FolderCache } from '../../src/render/folder-cache.js';
import { renderHtml } from '../../src/render/html.js';
import { loadTheme } from '../../src/render/theme.js';
import { tempDir } from '../helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

/** Sets every file under `dir` to a time well in the past, as files are when nobody is editing them. */
async function age(dir: string, secondsAgo = 60): Promise<void> {
  const when = new Date(Date.now() - secondsAgo * 1000);
  for (const name of await readdir(dir, { recursive: true })) await utimes(join(dir, name), when, when);
}

function counting(dir: string) {
  let loads = 0;
  return {
    load: async () => ({ value: { n: ++loads }, dirs: [dir] }),
    count: () => loads,
  };
}

describe('FolderCache', () => {
  test('a value is made once while its folder is unchanged, and again after an edit, a new file or a removal', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'partials'));
    await writeFile(join(dir, 'partials', 'a.hbs'), 'one');
    await age(dir);
    const cache = new FolderCache<{ n: number }>();
    const { load, count } = counting(dir);
    const first = await cache.get('k', load);
    expect(await cache.get('k', load)).toBe(first);
    expect(count()).toBe(1);

    await writeFile(join(dir, 'partials', 'a.hbs'), 'two');
    await age(dir);
    expect((await cache.get('k', load)).n).toBe(2);
    await writeFile(join(dir, 'partials', 'b.hbs'), 'new');
    await age(dir);
    expect((await cache.get('k', load)).n).toBe(3);
    expect((await cache.get('k', load)).n).toBe(3);
  });

  test('a folder with a file changed moments ago is loaded every time (the change may have been mid-load)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'layout.hbs'), 'fresh');
    const cache = new FolderCache<{ n: number }>();
    const { load, count } = counting(dir);
    await cache.get('k', load);
    await cache.get('k', load);
    expect(count()).toBe(2);
  });

  test('a failed load keeps nothing: the next call loads again', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'theme.json'), '{}');
    await age(dir);
    const cache = new FolderCache<number>();
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw new Error('broken theme');
      return { value: calls, dirs: [dir] };
    };
    await expect(cache.get('k', load)).rejects.toThrow('broken theme');
    expect(await cache.get('k', load)).toBe(2);
    expect(await cache.get('k', load)).toBe(2);
  });

  test('beyond its capacity the oldest value is dropped', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'x'), 'x');
    await age(dir);
    const cache = new FolderCache<string>(2);
    let loads = 0;
    const loader = (value: string) => async () => ((loads += 1), { value, dirs: [dir] });
    await cache.get('a', loader('a'));
    await cache.get('b', loader('b'));
    await cache.get('c', loader('c'));
    await cache.get('c', loader('c'));
    expect(loads).toBe(3);
    await cache.get('a', loader('a'));
    expect(loads).toBe(4);
  });
});

describe('folderFingerprint', () => {
  test('lists every file at any depth, through links to files and folders, and changes with any of them', async () => {
    const root = await tempDir();
    const dir = join(root, 'theme');
    const shared = join(root, 'shared');
    await mkdir(join(dir, 'assets', 'fonts'), { recursive: true });
    await mkdir(shared);
    await writeFile(join(dir, 'theme.json'), '{}');
    await writeFile(join(dir, 'assets', 'fonts', 'a.woff2'), 'font');
    await writeFile(join(shared, 'logo.svg'), '<svg/>');
    await symlink(shared, join(dir, 'assets', 'linked'));
    await symlink(join(shared, 'logo.svg'), join(dir, 'logo.svg'));
    const { text } = await folderFingerprint([dir]);
    const listed = text.split('\n').map((line) => line.split('\0')[0]);
    expect(listed).toEqual(['assets/fonts/a.woff2', 'assets/linked/logo.svg', 'logo.svg', 'theme.json'].map((name) => join(dir, name)));
    expect((await folderFingerprint([dir])).text).toBe(text);

    await writeFile(join(shared, 'logo.svg'), '<svg width="2"/>');
    const edited = (await folderFingerprint([dir])).text;
    expect(edited).not.toBe(text);
    await rm(join(dir, 'assets', 'fonts', 'a.woff2'));
    const removed = (await folderFingerprint([dir])).text;
    expect(removed).not.toBe(edited);
    expect(removed).not.toContain('a.woff2');
    expect((await folderFingerprint([join(root, 'none'), dir])).text).toBe(`${join(root, 'none')}\0missing\n${removed}`);
  });
});

describe('loadTheme keeps a theme while its files are unchanged', () => {
  test('the same loaded theme twice, a new one after a partial is edited, and the edit renders', async () => {
    const root = await tempDir();
    const dir = join(root, 'house');
    await mkdir(join(dir, 'partials'), { recursive: true });
    await writeFile(join(dir, 'theme.json'), JSON.stringify({ name: 'house', description: 'test', extends: 'default' }));
    await writeFile(join(dir, 'partials', 'masthead.hbs'), '<header class="house">Version one</header>');
    await age(dir);
    const first = await loadTheme(dir);
    expect(await loadTheme(dir)).toBe(first);

    await writeFile(join(dir, 'partials', 'masthead.hbs'), '<header class="house">Version two</header>');
    await age(dir);
    const second = await loadTheme(dir);
    expect(second).not.toBe(first);
    const html = String((await renderHtml(sampleBriefing, { theme: dir })).content);
    expect(html).toContain('Version two');
    expect(html).not.toContain('Version one');
  });
});
