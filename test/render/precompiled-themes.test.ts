import { readFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';
// @ts-expect-error: a plain ES module script, without types
import * as script from '../../scripts/precompile-themes.mjs';

// Each precompiled template handed out is recorded (by its text).
const used = vi.hoisted(() => [] as string[]);
vi.mock('../../src/render/precompiled-themes.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/render/precompiled-themes.js')>();
  const counted = new Map([...original.PRECOMPILED_TEMPLATES].map(([source, make]) => [source, () => (used.push(source), make())]));
  return { ...original, PRECOMPILED_TEMPLATES: counted };
});
const { loadTheme, templatesDir, TEMPLATE_COMPILE_OPTIONS } = await import('../../src/render/theme.js');
const { renderHtml } = await import('../../src/render/html.js');

describe('the precompiled built-in templates (src/render/precompiled-themes.ts)', () => {
  test('hold exactly the built-in themes compiled by the installed Handlebars: run scripts/precompile-themes.mjs when this fails', () => {
    const { handlebars, version } = script.installedHandlebars();
    const written = readFileSync(script.PRECOMPILED_FILE, 'utf8');
    expect(written).toBe(script.precompiledSource(handlebars, version, script.builtInTemplateSources()));
    expect(script.THEME_COMPILE_OPTIONS).toEqual(TEMPLATE_COMPILE_OPTIONS);
  });

  test('a built-in theme is loaded from them; a template whose text differs is compiled from its file', async () => {
    const theme = await loadTheme('default');
    const files = ['layout.hbs', 'email.hbs', 'partials/masthead.hbs', 'partials/colophon.hbs'];
    const texts = await Promise.all(files.map((f) => readFile(join(templatesDir(), 'default', f), 'utf8')));
    for (const text of texts) expect(used).toContain(text);
    const page = String((await renderHtml(sampleBriefing, { theme: 'default' })).content);
    expect(page).toContain('<main');
    expect(theme.layout).toBe((await loadTheme('default')).layout);

    // A copy of the default theme with its masthead edited: every other template still comes precompiled.
    const dir = join(await tempDir(), 'edited');
    await cp(join(templatesDir(), 'default'), dir, { recursive: true });
    const masthead = join(dir, 'partials', 'masthead.hbs');
    const edited = `<p class="edited-masthead">{{title}}</p>\n${await readFile(masthead, 'utf8')}`;
    await writeFile(masthead, edited);
    used.length = 0;
    const html = String((await renderHtml(sampleBriefing, { theme: dir })).content);
    expect(html).toContain(`<p class="edited-masthead">${sampleBriefing.title}</p>`);
    expect(used).not.toContain(edited);
    expect(used).toContain(texts[0]);
    // The same page as the built-in theme's, but for the edit.
    expect(html.replace(/<p class="edited-masthead">[^<]*<\/p>\n/, '')).toBe(page);
  });
});
