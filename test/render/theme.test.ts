import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { handlebars } from '../../src/render/handlebars.js';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { listThemes, loadTheme, resolveThemeDir, templatesDir, ThemeError } from '../../src/render/theme.js';
import { UsageError } from '../../src/util/errors.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { repoRoot, tempDir } from '../helpers.js';

const defaultDir = join(repoRoot, 'templates', 'default');

async function writeTheme(dir: string, files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

describe('theme resolution', () => {
  test('templates/ is found from the module location and lists the default theme', async () => {
    expect(templatesDir().replace(/\/$/, '')).toBe(join(repoRoot, 'templates'));
    expect(await listThemes()).toContain('default');
  });

  test('a name resolves to the built-in theme folder', async () => {
    expect(await resolveThemeDir('default')).toBe(defaultDir);
    const theme = await loadTheme('default');
    expect(theme.name).toBe('default');
    expect(theme.paper).toBe('a4');
    expect(theme.css.screen).toContain('--measure');
    expect(theme.css.print).toContain('break-before: page');
  });

  test('a path resolves, absolute or relative to the working directory', async () => {
    expect(await resolveThemeDir(defaultDir)).toBe(defaultDir);
    const cwd = join(repoRoot, 'src');
    expect(await resolveThemeDir(relative(cwd, defaultDir), cwd)).toBe(defaultDir);
  });

  test('an unknown name is a usage error that lists the available themes', async () => {
    const error = await resolveThemeDir('no-such-theme').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/Unknown theme "no-such-theme"/);
    expect((error as Error).message).toMatch(/Available themes: .*default/);
    await expect(renderHtml(sampleBriefing, { theme: 'no-such-theme' })).rejects.toThrow(/Available themes/);
  });

  test('a folder without theme.json is refused with what a theme needs', async () => {
    const dir = await tempDir();
    await expect(resolveThemeDir(dir)).rejects.toThrow(/has no theme\.json/);
  });

  test('an invalid theme.json names the file and the field', async () => {
    const dir = await writeTheme(await tempDir(), { 'theme.json': JSON.stringify({ name: 'x', paper: 'a3' }), 'layout.hbs': 'x' });
    await expect(loadTheme(dir)).rejects.toThrow(/theme\.json: paper/);
  });

  test('a template syntax error is reported at load time with the file', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': JSON.stringify({ name: 'broken', description: '' }),
      'layout.hbs': '<p>{{#each threads}}</p>',
    });
    await expect(loadTheme(dir)).rejects.toThrow(/broken.*layout\.hbs/);
  });
});

describe('theme inheritance', () => {
  test('a child theme extends default: overrides a partial, appends its styles, inherits the rest', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': JSON.stringify({ name: 'child', description: 'test', extends: 'default', paper: 'letter' }),
      'partials/colophon.hbs': '<footer id="colophon"><h2>Made by the child theme</h2></footer>',
      'styles/screen.css': '.child-marker { color: rebeccapurple; }',
    });
    const theme = await loadTheme(dir);
    expect(theme.chain).toEqual([dir, defaultDir]);
    expect(theme.paper).toBe('letter');
    expect(theme.css.screen.indexOf('--measure')).toBeLessThan(theme.css.screen.indexOf('.child-marker'));
    const html = String((await renderHtml(sampleBriefing, { theme: dir })).content);
    expect(html).toContain('Made by the child theme');
    expect(html).toContain('.child-marker');
    expect(html).toContain('class="masthead"');
    expect(html).toContain('@page { size: Letter; }');
  });

  test('a cycle of extends is refused', async () => {
    const root = await tempDir();
    await writeTheme(join(root, 'a'), { 'theme.json': JSON.stringify({ name: 'a', extends: '../b' }) });
    await writeTheme(join(root, 'b'), { 'theme.json': JSON.stringify({ name: 'b', extends: '../a' }) });
    await expect(loadTheme(join(root, 'a'))).rejects.toThrow(/extends itself/);
  });
});

describe('handlebars isolation', () => {
  test('each theme gets its own instance (a child too); the global Handlebars is untouched', async () => {
    const one = await loadTheme('default');
    const two = await loadTheme('compact');
    expect(one.handlebars).not.toBe(two.handlebars);
    expect(one.handlebars).not.toBe(handlebars());
    expect(one.handlebars.helpers.figure).toBeTypeOf('function');
    expect(handlebars().helpers.figure).toBeUndefined();
    expect(handlebars().partials.thread).toBeUndefined();
  });

  test('prototype access stays off: a template cannot reach constructor', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': JSON.stringify({ name: 'probe' }),
      'layout.hbs': '[{{title.constructor}}][{{#with title}}{{constructor.name}}{{/with}}]',
    });
    const html = String((await renderHtml(sampleBriefing, { theme: dir })).content);
    expect(html).toBe('[][]');
  });

  test('the default theme never uses triple-stash output', async () => {
    const files = [join(defaultDir, 'layout.hbs'), ...(await readdir(join(defaultDir, 'partials'))).map((f) => join(defaultDir, 'partials', f))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain('{{{');
  });
});
