import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/index.js';
import { BrandingError } from '../../src/render/branding.js';
import { formatApproxDate, formatFigure } from '../../src/render/helpers.js';
import { renderHtml } from '../../src/render/html.js';
import { createLabels, didYouMean, localeChain } from '../../src/render/labels.js';
import { loadTheme, ThemeError } from '../../src/render/theme.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

async function writeTheme(dir: string, files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

const doc = (html: string | Uint8Array) => new JSDOM(String(html)).window.document;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('which catalog answers', () => {
  test('a regional locale falls back to its language, an unknown one to English', () => {
    expect(localeChain('de-AT')).toEqual(['de-AT', 'de', 'en']);
    expect(localeChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh', 'en']);
    expect(createLabels({ locale: 'de-AT' }).text('toc.title')).toBe('Inhalt');
    expect(createLabels({ locale: 'de-CH' }).text('brief.title')).toBe('Der Tag im Überblick');
    expect(createLabels({ locale: 'sw-KE' }).text('toc.title')).toBe('Contents');
    expect(createLabels({ locale: 'ja' }).text('count.sources', { count: 3 })).toBe('3 sources');
  });

  test('plural forms follow the language’s rules (French 0 is singular), numbers the locale', () => {
    expect(createLabels({ locale: 'en-GB' }).text('count.sources', { count: 0 })).toBe('0 sources');
    expect(createLabels({ locale: 'fr-FR' }).text('count.sources', { count: 0 })).toBe('0 source');
    expect(createLabels({ locale: 'de-DE' }).text('count.sources', { count: 1 })).toBe('1 Quelle');
    expect(createLabels({ locale: 'de-DE' }).text('count.sources', { count: 1343 })).toBe('1.343 Quellen');
    expect(createLabels({ locale: 'es-ES' }).text('count.stories', { count: 2 })).toBe('2 noticias');
  });

  test('a key no catalog has is shown as itself, so it is seen, never a blank', () => {
    expect(createLabels({ locale: 'de' }).text('no.such.label')).toBe('no.such.label');
    expect(createLabels({ locale: 'de' }).has('no.such.label')).toBe(false);
  });

  test('did you mean: a near key, or the one key with the same last word', () => {
    const known = ['toc.title', 'brief.title', 'count.sources', 'quotes.unattributed'];
    expect(didYouMean('toc.titel', known)).toBe('toc.title');
    expect(didYouMean('unattributed', known)).toBe('quotes.unattributed');
    expect(didYouMean('weather', known)).toBeUndefined();
  });
});

describe('dates and figures in the locale', () => {
  test('the approximate-date marker and the unknown date are labels', () => {
    expect(formatApproxDate('2025-03-16', false, 'en-GB')).toBe('c. 16 Mar 2025');
    expect(formatApproxDate('2025-03-16', false, 'de-DE')).toBe('ca. 16. März 2025');
    expect(formatApproxDate('2025-03-16', false, 'fr-FR')).toBe('vers le 16 mars 2025');
    expect(formatApproxDate(null, true, 'es-ES')).toBe('Fecha desconocida');
  });

  test('English keeps the news-copy style; other languages get Intl’s scale words, units and spacing', () => {
    expect(formatFigure(10e9, 'EUR', 'en-GB')).toBe('€10bn');
    expect(formatFigure(3, 'day', 'en-GB')).toBe('3 days');
    expect(formatFigure(10e9, 'EUR', 'de-DE')).toBe('10\u00a0Mrd.\u00a0€');
    expect(formatFigure(40e9, 'USD', 'de-DE', 50e9)).toBe('40–50\u00a0Mrd.\u00a0$');
    expect(formatFigure(88e9, 'HKD', 'de-DE')).toBe('88\u00a0Mrd.\u00a0HK$');
    expect(formatFigure(23.6, 'degree Celsius', 'de-DE')).toMatch(/^23,6\s°C$/u);
    expect(formatFigure(3, 'day', 'de-DE')).toBe('3 Tage');
    expect(formatFigure(2, 'percent', 'fr-FR')).toBe('2\u00a0%');
    expect(formatFigure(0.5, 'percentage point', 'nl-NL')).toBe('0,5 procentpunten');
    expect(formatFigure(1.25e6, 'USD', 'nl-NL')).toBe('$\u00a01,25\u00a0mln.');
  });
});

describe('overrides', () => {
  test('a theme’s catalog wins over the program’s, the configuration over both; a key a theme lacks comes from English', async () => {
    const dir = await tempDir();
    const theme = await writeTheme(join(dir, 'house'), {
      'theme.json': JSON.stringify({ name: 'house', extends: 'default' }),
      'partials/toc.hbs': '<nav class="toc"><h2 id="toc-title">{{t "toc.title"}}</h2><p class="weather">{{t "house.weather" city="Köln"}}</p></nav>',
      'locales/en.json': JSON.stringify({ 'house.weather': 'Weather in {city}', 'toc.title': 'In this issue' }),
      'locales/de.json': JSON.stringify({ 'toc.title': 'In dieser Ausgabe', 'brief.title': 'Heute' }),
    });
    const render = async (locale: string, labels?: Record<string, string>) =>
      doc((await renderHtml(sampleBriefing, { theme, locale, branding: labels ? { labels } : undefined })).content);

    const de = await render('de-DE');
    expect(text(de.querySelector('#toc-title'))).toBe('In dieser Ausgabe');
    expect(text(de.querySelector('#brief-title'))).toBe('Heute');
    // The theme has no German for its own label: English, not the key.
    expect(text(de.querySelector('.weather'))).toBe('Weather in Köln');
    // Keys neither the theme nor the configuration touch stay the program's German.
    expect(text(de.querySelector('.figures .panel-title'))).toBe('Wichtige Zahlen');

    const configured = await render('de-DE', { 'toc.title': 'Überblick', 'house.weather': 'Wetter in {city}' });
    expect(text(configured.querySelector('#toc-title'))).toBe('Überblick');
    expect(text(configured.querySelector('.weather'))).toBe('Wetter in Köln');
    expect(text(configured.querySelector('#brief-title'))).toBe('Heute');

    // In English the theme's English wins over the program's.
    expect(text((await render('en-GB')).querySelector('#toc-title'))).toBe('In this issue');
  });

  test('a theme.json text.colophon (one language, from before labels) still wins over the colophon.note label', async () => {
    const dir = await tempDir();
    const theme = await writeTheme(join(dir, 'old'), {
      'theme.json': JSON.stringify({ name: 'old', extends: 'default', text: { colophon: 'Made by *the desk*.' } }),
    });
    const d = doc((await renderHtml(sampleBriefing, { theme, locale: 'de-DE' })).content);
    expect(text(d.querySelector('.colophon-note'))).toBe('Made by the desk.');
    const builtIn = doc((await renderHtml(sampleBriefing, { locale: 'de-DE' })).content);
    expect(text(builtIn.querySelector('.colophon-note'))).toMatch(/^Die Zusammenfassungen sind extraktiv: .* Mit ca\. markierte Daten/);
  });

  test('configured labels are escaped like any text, in plain and in block labels', async () => {
    const html = String(
      (await renderHtml(sampleBriefing, { branding: { labels: { 'toc.title': '<b>Index</b>', 'masthead.asOf': '<i>Stand</i> {time}' } } })).content,
    );
    const d = doc(html);
    expect(text(d.querySelector('#toc-title'))).toBe('<b>Index</b>');
    expect(d.querySelector('#toc-title b, .masthead-meta i')).toBeNull();
    // The block's own markup (the <time> element) stays markup.
    expect(d.querySelector('.masthead-meta time')).not.toBeNull();
    expect(text(d.querySelector('.masthead-meta span'))).toMatch(/^<i>Stand<\/i> \d\d:\d\d/);
  });

  test('plural overrides in the configuration', async () => {
    const d = doc((await renderHtml(sampleBriefing, { branding: { labels: { 'count.stories': { one: 'one item', other: '{count} items' } } } })).content);
    expect(text(d.querySelector('.masthead-meta'))).toContain('3 items');
  });
});

describe('mistakes are reported with the file and the fix', () => {
  test('an unknown key in a theme’s catalog names the file, the key and the likely one', async () => {
    const dir = await tempDir();
    const theme = await writeTheme(join(dir, 'typo'), {
      'theme.json': JSON.stringify({ name: 'typo', extends: 'default' }),
      'locales/de.json': JSON.stringify({ 'toc.titel': 'Inhalt' }),
    });
    const error = await loadTheme(theme).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeError);
    expect((error as Error).message).toContain(join(theme, 'locales', 'de.json'));
    expect((error as Error).message).toContain('unknown label "toc.titel"; did you mean "toc.title"?');
  });

  test('a placeholder the label is never given, a bad file name and bad JSON are reported', async () => {
    const dir = await tempDir();
    const placeholder = await writeTheme(join(dir, 'a'), {
      'theme.json': JSON.stringify({ name: 'a', extends: 'default' }),
      'locales/de.json': JSON.stringify({ 'masthead.asOf': 'Stand: {zeit}' }),
    });
    await expect(loadTheme(placeholder)).rejects.toThrow(/de\.json: label "masthead\.asOf" uses \{zeit\}, which it is never given \(it has: \{time\}\)/);
    const badName = await writeTheme(join(dir, 'b'), {
      'theme.json': JSON.stringify({ name: 'b', extends: 'default' }),
      'locales/german.json': '{}',
    });
    await expect(loadTheme(badName)).rejects.toThrow(/german\.json: the file name must be a locale tag such as de\.json/);
    const badJson = await writeTheme(join(dir, 'c'), {
      'theme.json': JSON.stringify({ name: 'c', extends: 'default' }),
      'locales/de.json': '{ "toc.title": ',
    });
    await expect(loadTheme(badJson)).rejects.toThrow(/Theme "c": .*de\.json: not valid JSON/);
  });

  test('a template naming a label no catalog defines says where to add it', async () => {
    const dir = await tempDir();
    const theme = await writeTheme(join(dir, 'missing'), {
      'theme.json': JSON.stringify({ name: 'missing', extends: 'default' }),
      'partials/toc.hbs': '<nav>{{t "toc.tilte"}}</nav>',
    });
    const error = (await loadTheme(theme).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ThemeError);
    expect(error.message).toContain(`${join(theme, 'partials', 'toc.hbs')}: {{t "toc.tilte"}} names a label no catalog defines (did you mean "toc.title"?)`);
    expect(error.message).toContain(`add "toc.tilte" to ${join(theme, 'locales', 'en.json')}`);
  });

  test('an unknown key in the configuration’s labels stops the render with the key and the likely one', async () => {
    const error = await renderHtml(sampleBriefing, { branding: { labels: { 'brief.titel': 'Heute' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrandingError);
    expect((error as Error).message).toBe('branding.labels.brief.titel: unknown label "brief.titel"; did you mean "brief.title"?');
  });

  test('the configuration file accepts labels and refuses a key that is no label key', () => {
    const ok = parseConfigText('branding:\n  locale: de-DE\n  labels:\n    toc.title: Überblick\n    count.stories: { one: "1 Meldung", other: "{count} Meldungen" }\n', '/x/briefing.config.yaml');
    expect(ok.branding?.labels?.['toc.title']).toBe('Überblick');
    expect(() => parseConfigText('branding:\n  labels:\n    "Table of contents": Inhalt\n', '/x/briefing.config.yaml')).toThrow(
      /branding\.labels\.Table of contents: a label key is dotted words such as "toc\.title"/,
    );
  });

  test('a configuration with editions checks its labels against each edition’s theme when it loads', async () => {
    const dir = await tempDir();
    const config = (labels: string) => `
branding:
  labels: { toc.title: Überblick }
sources:
  - { name: desk, kind: path, location: articles/ }
editions:
  - name: morning
    schedule: { cron: "0 6 * * *", timezone: UTC }
    branding:
      labels: { ${labels} }
`;
    await writeFile(join(dir, 'briefing.config.yaml'), config('brief.title: Heute'));
    expect((await loadConfig({ cwd: dir, env: {} })).editions[0]!.branding?.labels).toEqual({ 'brief.title': 'Heute' });
    await writeFile(join(dir, 'briefing.config.yaml'), config('quotes.unatributed: Ohne Namen'));
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(
      'briefing.config.yaml: editions[0].branding.labels.quotes.unatributed: unknown label "quotes.unatributed"; did you mean "quotes.unattributed"?',
    );
  });
});
