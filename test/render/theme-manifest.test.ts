import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { loadTheme, ThemeError, ThemeTemplateError } from '../../src/render/theme.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

async function writeTheme(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

describe('theme.json fonts and accent', () => {
  test('"fonts": "system" leaves the web fonts out; a child inherits it', async () => {
    const parent = await writeTheme({
      'theme.json': JSON.stringify({ name: 'plain', fonts: 'system', accent: 'teal' }),
      'layout.hbs': '<style>{{@css.fonts}}</style><p style="color:{{@accent}}">{{title}}</p>',
    });
    const child = await writeTheme({ 'theme.json': JSON.stringify({ name: 'child', extends: parent }) });
    const theme = await loadTheme(child);
    expect(theme.fonts).toBe('system');
    expect(theme.accent).toBe('teal');
    expect(String((await renderHtml(sampleBriefing, { theme: child })).content)).toBe('<style></style><p style="color:teal">Daily Briefing</p>');
  });

  test('the default theme embeds its fonts and has the default accent', async () => {
    const theme = await loadTheme('default');
    expect(theme.fonts).toBe('embedded');
    expect(theme.accent).toBe('#8c1c13');
  });

  test('an accent that is not a colour is refused with the file and field', async () => {
    const dir = await writeTheme({ 'theme.json': JSON.stringify({ name: 'bad', accent: 'red;}' }), 'layout.hbs': '' });
    await expect(loadTheme(dir)).rejects.toThrow(/theme\.json: accent: not a CSS colour/);
  });
});

describe('a template error at render time', () => {
  test('is a theme error naming the theme, and no output is returned', async () => {
    const dir = await writeTheme({ 'theme.json': JSON.stringify({ name: 'broken' }), 'layout.hbs': '<h1>{{title}}</h1>{{> missing-partial}}' });
    const attempt = renderHtml(sampleBriefing, { theme: dir });
    await expect(attempt).rejects.toBeInstanceOf(ThemeError);
    await expect(attempt).rejects.toThrow(/Theme "broken": template error while rendering .*layout\.hbs: .*missing-partial/);
  });

  test('inside a partial, names the partial\'s own file and line, not the layout\'s', async () => {
    const dir = await writeTheme({
      'theme.json': JSON.stringify({ name: 'broken' }),
      'layout.hbs': '<h1>{{title}}</h1>\n{{#each threads}}{{> story}}{{/each}}',
      'partials/story.hbs': '<h2>{{headline}}</h2>\n<p>{{#with}}x{{/with}}</p>',
    });
    const error = await renderHtml(sampleBriefing, { theme: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeTemplateError);
    expect((error as ThemeTemplateError).location).toMatchObject({ file: join(dir, 'partials', 'story.hbs'), line: 2, column: 4 });
    expect((error as Error).message).toBe(`Theme "broken": template error while rendering ${join(dir, 'partials', 'story.hbs')}:2:4: #with requires exactly one argument`);
  });

  test('a syntax error names the block left open and where it opened', async () => {
    const dir = await writeTheme({ 'theme.json': JSON.stringify({ name: 'broken' }), 'layout.hbs': '<h1>{{title}}</h1>\n{{#each threads}}\n<p>{{headline}}</p>\n' });
    await expect(loadTheme(dir)).rejects.toThrow(
      `Theme "broken": template error in ${join(dir, 'layout.hbs')}:2:1: The {{#each}} opened at line 2, column 1 is never closed: add {{/each}} where the block ends.`,
    );
  });
});
