import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { listThemes, templatesDir, ThemeError } from '../../src/render/theme.js';
import { initTheme } from '../../src/templates/init.js';
import { listThemeInfo } from '../../src/templates/list.js';
import { validateTheme } from '../../src/templates/validate.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(value));
}

describe('listThemeInfo', () => {
  test('lists the built-in themes with their manifests', async () => {
    const themes = await listThemeInfo();
    expect(themes.map((t) => t.name)).toEqual(await listThemes());
    const def = themes.find((t) => t.name === 'default')!;
    expect(def).toMatchObject({ builtIn: true, extends: null, dir: join(templatesDir(), 'default') });
    expect(def.description).toMatch(/standard briefing/);
  });

  test("adds the user's themes with what they extend; a user theme overrides a built-in by name", async () => {
    const user = await tempDir('briefing-themes-');
    await writeJson(join(user, 'house', 'theme.json'), { name: 'house', description: 'Our house style', extends: 'default' });
    await writeJson(join(user, 'default', 'theme.json'), { name: 'default', description: 'Mine, not the built-in' });
    await writeJson(join(user, 'broken', 'theme.json'), { name: 'broken', extends: 42 });
    await mkdir(join(user, 'not-a-theme'));
    const themes = await listThemeInfo({ userThemesDir: user });
    const names = themes.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('not-a-theme');
    expect(names.filter((n) => n === 'default')).toHaveLength(1);
    expect(themes.find((t) => t.name === 'house')).toEqual({ name: 'house', dir: join(user, 'house'), builtIn: false, extends: 'default', description: 'Our house style' });
    expect(themes.find((t) => t.name === 'default')).toMatchObject({ builtIn: false, dir: join(user, 'default'), description: 'Mine, not the built-in' });
    expect(themes.find((t) => t.name === 'broken')!.error).toMatch(/extends/);
  });
});

describe('initTheme', () => {
  test('creates a theme that extends the default, renders with the new accent and validates clean', async () => {
    const parent = await tempDir('briefing-init-');
    const result = await initTheme('house', { dir: parent });
    expect(result.dir).toBe(join(parent, 'house'));
    expect(result.files).toEqual(['README.md', 'partials/masthead.hbs', 'styles/print.css', 'styles/screen.css', 'theme.json']);
    expect((await readdir(parent)).sort()).toEqual(['house']);
    const manifest = JSON.parse(await readFile(join(result.dir, 'theme.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'house', extends: 'default' });
    expect(await readFile(join(result.dir, 'partials', 'masthead.hbs'), 'utf8')).toBe(
      await readFile(join(templatesDir(), 'default', 'partials', 'masthead.hbs'), 'utf8'),
    );
    expect(await readFile(join(result.dir, 'styles', 'screen.css'), 'utf8')).toMatch(/--accent: #8c1c13;/);
    expect(await readFile(join(result.dir, 'README.md'), 'utf8')).toMatch(/extends `default`/);

    // Edit it as a user would: the change shows in the render.
    await writeFile(join(result.dir, 'styles', 'screen.css'), ':root { --accent: #00558c; }\n');
    await writeFile(join(result.dir, 'partials', 'masthead.hbs'), '<header class="masthead"><h1>House: {{title}}</h1></header>\n');
    const html = (await renderHtml(sampleBriefing, { theme: result.dir })).content as string;
    expect(html).toContain(`<h1>House: ${sampleBriefing.title}</h1>`);
    expect(html).toContain('--accent: #00558c;');
    expect(html).toContain('class="thread"');
    expect(await validateTheme(result.dir, { sample: sampleBriefing })).toEqual({ ok: true, problems: [], assets: [] });
  });

  test('a theme made from a theme folder extends it by relative path', async () => {
    const parent = await tempDir('briefing-init-');
    const first = await initTheme('base', { dir: parent });
    const second = await initTheme('child', { dir: parent, from: first.dir });
    expect(JSON.parse(await readFile(join(second.dir, 'theme.json'), 'utf8')).extends).toBe('../base');
    const html = (await renderHtml(sampleBriefing, { theme: second.dir })).content as string;
    expect(html).toContain('class="masthead"');
    expect((await validateTheme(second.dir)).problems).toEqual([]);
  });

  test('refuses to overwrite an existing folder and to take a name that is a path', async () => {
    const parent = await tempDir('briefing-init-');
    await mkdir(join(parent, 'taken'));
    await writeFile(join(parent, 'taken', 'keep.txt'), 'mine');
    await expect(initTheme('taken', { dir: parent })).rejects.toThrow(/already exists/);
    expect(await readdir(join(parent, 'taken'))).toEqual(['keep.txt']);
    expect((await readdir(parent)).sort()).toEqual(['taken']);
    await expect(initTheme('../escape', { dir: parent })).rejects.toBeInstanceOf(ThemeError);
  });
});
