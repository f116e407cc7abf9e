import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { renderBriefing } from '../../src/render/index.js';
import { renderEmail } from '../../src/render/email.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { builtInLocalesDir, keysUsedIn, placeholders, type Catalog, type Message } from '../../src/render/labels.js';
import { templatesDir } from '../../src/render/theme.js';
import { readPdf } from '../browser/helpers.js';
import { sampleBriefing, sampleWithBriefThreads } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

/**
 * A German edition must carry no English label: every fixed word of the built-in themes comes from the catalogs.
 * The check reads the rendered page (text and the attributes a reader meets: aria-label, title, alt, the PDF
 * outline's data-outline), takes out everything that came from the model (article text is English here), and
 * looks for the English catalog's words; then it checks that the German text of every label the English edition
 * shows is in the German edition.
 */

const THEMES = ['default', 'compact', 'newsletter'] as const;
const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;

function readCatalog(file: string): Catalog {
  return JSON.parse(readFileSync(file, 'utf8')) as Catalog;
}

const builtIn = Object.fromEntries(LANGUAGES.map((l) => [l, readCatalog(join(builtInLocalesDir(), `${l}.json`))])) as Record<string, Catalog>;

/** A theme's own catalogs over the program's, as a render of that theme sees them (compact inherits none). */
function catalogFor(theme: string, language: string): Catalog {
  const own = join(templatesDir(), theme, 'locales', `${language}.json`);
  let themed: Catalog = {};
  try {
    themed = readCatalog(own);
  } catch {
    // the theme has no catalog for this language
  }
  return { ...builtIn[language], ...themed };
}

/** Keys a theme's templates name, and those the helpers and the branding bar print on any page. */
function keysOnPages(theme: string): Set<string> {
  const keys = new Set(['date.approx', 'date.unknown', 'sources.unknownOutlet', 'brand.classification', 'brand.classificationEnd']);
  for (const dir of theme === 'compact' ? ['compact', 'default'] : [theme]) {
    const root = join(templatesDir(), dir);
    const files = ['layout.hbs', ...readdirSync(join(root, 'partials')).map((f) => join('partials', f))];
    for (const file of files) for (const key of keysUsedIn(readFileSync(join(root, file), 'utf8'))) keys.add(key);
  }
  return keys;
}

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m).filter((v): v is string => typeof v === 'string'));
const plain = (s: string) => s.replace(/\*/g, ''); // the colophon note is Markdown: *c.* shows as c.
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(s)}(?![\\p{L}\\p{N}])`, 'u');

/** The message as a pattern: its text literally, each placeholder anything. */
function messagePattern(text: string): RegExp {
  const body = plain(text)
    .split(/\{[A-Za-z][A-Za-z0-9]*\}/)
    .map((part) => escapeRe(part.replace(/\s+/g, ' ')))
    .join('.+?');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

/** What a reader meets on the page: text nodes and the attributes read aloud or shown as tooltips, space-separated. */
function readerText(html: string): string {
  const doc = new JSDOM(html).window.document;
  for (const el of doc.querySelectorAll('style, script')) el.remove();
  const parts: string[] = [];
  const walker = doc.createTreeWalker(doc.documentElement, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  for (const el of doc.querySelectorAll('[aria-label], [title], [alt], [data-outline]')) {
    for (const attr of ['aria-label', 'title', 'alt', 'data-outline']) if (el.hasAttribute(attr)) parts.push(el.getAttribute(attr)!);
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Every string of the model, longest first: what a theme prints from it is not a label. */
function modelStrings(briefing: Briefing): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v.replace(/\s+/g, ' ').trim());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(briefing);
  return [...out].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

function withoutModel(text: string, briefing: Briefing): string {
  let out = text;
  for (const s of modelStrings(briefing)) out = out.split(s).join(' ');
  return out;
}

/** Every English label's words that German does not share ("Logo" it does): what a German page must not show. */
function englishOnlyFragments(theme: string): Set<string> {
  const en = catalogFor(theme, 'en');
  const germanText = Object.values(catalogFor(theme, 'de')).flatMap(forms).map(plain).join(' | ');
  const fragments = new Set<string>();
  for (const message of Object.values(en)) {
    for (const form of forms(message)) {
      for (const part of plain(form).split(/\{[A-Za-z][A-Za-z0-9]*\}/)) {
        const fragment = part.trim();
        if (/\p{L}/u.test(fragment) && !word(fragment).test(germanText)) fragments.add(fragment);
      }
    }
  }
  return fragments;
}

const empty = BriefingSchema.parse({ ...sampleBriefing, threads: [], excluded: [], stats: { ...sampleBriefing.stats, threads: 0 } });
const BRIEFINGS: Array<[string, Briefing]> = [
  ['sample', sampleBriefing],
  ['with threads in brief', sampleWithBriefThreads],
  ['empty', empty],
];
const branding = { classification: 'NUR FÜR DEN DIENSTGEBRAUCH' };

describe('catalogs', () => {
  test('every built-in catalog has the keys of the English one, with its placeholders', () => {
    const keys = Object.keys(builtIn.en!).sort();
    expect(keys.length).toBeGreaterThan(40);
    for (const language of LANGUAGES) {
      const catalog = builtIn[language]!;
      expect(Object.keys(catalog).sort(), language).toEqual(keys);
      for (const key of keys) {
        const en = builtIn.en![key]!;
        expect(typeof catalog[key], `${language} ${key}: plural forms where English has them`).toBe(typeof en);
        expect([...placeholders(catalog[key]!)].sort(), `${language} ${key}`).toEqual([...placeholders(en)].sort());
      }
    }
    // The program's catalogs are every locales/*.json: nothing else is shipped unchecked.
    expect(readdirSync(builtInLocalesDir()).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
  });

  test('every translation is translated: it differs from English except for a few true cognates', () => {
    const cognates: Record<string, string[]> = {
      de: ['brand.logo'],
      fr: ['count.sources', 'count.articles', 'sources.title', 'sources.missingArticle', 'brand.logo'],
      nl: ['brand.logo'],
      es: [],
    };
    for (const language of ['de', 'fr', 'es', 'nl']) {
      const same = Object.keys(builtIn.en!).filter((k) => JSON.stringify(builtIn[language]![k]) === JSON.stringify(builtIn.en![k]));
      expect(same, language).toEqual(cognates[language]);
    }
  });

  test("the built-in themes' own catalogs have the same keys in every language", () => {
    for (const theme of ['compact', 'newsletter']) {
      const dir = join(templatesDir(), theme, 'locales');
      const files = readdirSync(dir).sort();
      expect(files, theme).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
      const keys = Object.keys(readCatalog(join(dir, 'en.json')));
      for (const file of files) expect(Object.keys(readCatalog(join(dir, file))), `${theme}/${file}`).toEqual(keys);
    }
  });
});

describe.each(THEMES)('a German edition with the %s theme', (theme) => {
  const renders: Array<{ name: string; briefing: Briefing; en: string; de: string }> = [];
  beforeAll(async () => {
    for (const [name, briefing] of BRIEFINGS) {
      const en = readerText(String((await renderHtml(briefing, { theme, branding, editorNote: 'Note.' })).content));
      const de = readerText(String((await renderHtml(briefing, { theme, branding, editorNote: 'Note.', locale: 'de-DE' })).content));
      renders.push({ name, briefing, en, de });
    }
  });

  test('has no English label left', () => {
    const fragments = englishOnlyFragments(theme);
    expect(fragments.size).toBeGreaterThan(40);
    for (const { name, briefing, de } of renders) {
      const labelsOnly = withoutModel(de, briefing);
      const left = [...fragments].filter((f) => word(f).test(labelsOnly));
      expect(left, `${theme}/${name}`).toEqual([]);
    }
  });

  test('shows the German text of every label the English edition shows', () => {
    const en = catalogFor(theme, 'en');
    const de = catalogFor(theme, 'de');
    const onPages = keysOnPages(theme);
    let checked = 0;
    for (const { name, briefing } of renders) {
      const r = renders.find((x) => x.name === name)!;
      const enLabels = withoutModel(r.en, briefing);
      for (const [key, message] of Object.entries(en)) {
        // (A message that is mostly placeholders, like pdf.subject's "{stories} from {articles}", would match anywhere.)
        const shown = onPages.has(key) && forms(message).some((form) => messagePattern(form).test(enLabels));
        if (!shown) continue;
        checked += 1;
        const german = forms(de[key]!).some((form) => messagePattern(form).test(r.de));
        expect(german, `${theme}/${name}: ${key} (${JSON.stringify(de[key])})`).toBe(true);
      }
    }
    // The default theme shows most labels; the others at least their headings and counts.
    expect(checked).toBeGreaterThan(theme === 'default' ? 30 : 12);
  });
});

test('the Markdown edition in German: headings, counts and dates in German', () => {
  const md = String(renderMarkdown(sampleBriefing, { locale: 'de-DE' }).content);
  expect(md).toContain('## Der Tag im Überblick');
  expect(md).toContain('Stand: ');
  expect(md).toContain('8 Quellen aus 8 Medien · 3 Themen');
  expect(md).toContain('**Wo sich die Quellen widersprechen: ');
  expect(md).toMatch(/- ca\. 10\. Juli 2025: /);
  expect(md).toContain('## Nicht in diesem Briefing');
  expect(md).not.toMatch(/The day in brief|Key figures|Timeline|Sources|Generated/);
});

describe('a French PDF printed by Chromium', () => {
  let browser: BrowserManager;
  beforeAll(() => {
    browser = new BrowserManager();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('has French running footers, outline and metadata', async () => {
    const [pdfOut] = await renderBriefing(sampleBriefing, { formats: ['pdf'], locale: 'fr-FR', browser });
    const pdf = await readPdf(pdfOut!.content as Uint8Array);
    // pdf.js reads the apostrophe as U+02BC; section labels are upper-cased by the theme's CSS.
    const pages = pdf.pages.map((p) => p.text.replace(/\s+/g, ' ').replace(/\u02bc/g, '’'));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} sur ${pages.length}`));
    expect(pages[0]).toMatch(/Mise à jour\s:\s/u);
    expect(pages.join(' ')).toContain('LA JOURNÉE EN BREF');
    expect(pages.join(' ')).toContain('3 entrées n’ont pas pu être utilisées.');
    expect(pages.join(' ')).not.toMatch(/The day in brief|As of|Key figures|Page \d+ of \d/);
    expect(pdf.outline.map((o) => o.title)).toContain('Non repris dans ce briefing');
    expect(pdf.info.Subject).toBe('3 sujets tirés de 8 articles');
  });

  test("a theme's own locale and wording reach the running footer, as they reach the page", async () => {
    const theme = join(await tempDir(), 'maison');
    await mkdir(join(theme, 'locales'), { recursive: true });
    await writeFile(join(theme, 'theme.json'), JSON.stringify({ name: 'maison', extends: 'default', locale: 'fr-FR' }));
    await writeFile(join(theme, 'locales', 'fr.json'), JSON.stringify({ 'pdf.page': 'Feuillet {page}/{total}' }));
    const [pdfOut] = await renderBriefing(sampleBriefing, { formats: ['pdf'], theme, browser });
    const pages = (await readPdf(pdfOut!.content as Uint8Array)).pages.map((p) => p.text.replace(/\s+/g, ' '));
    pages.forEach((text, i) => expect(text).toContain(`Feuillet ${i + 1}/${pages.length}`));
  });
});

describe.each(THEMES)('a German e-mail with the %s theme', (theme) => {
  test('has no English label left, in the HTML part nor the text part', async () => {
    const fragments = englishOnlyFragments(theme);
    for (const [name, briefing] of BRIEFINGS) {
      const email = await renderEmail(briefing, { edition: 'morgen', theme, branding, editorNote: 'Note.', attachmentName: 'briefing.pdf', locale: 'de-DE' });
      for (const [part, text] of [['html', readerText(email.html)], ['text', email.text]] as const) {
        const labelsOnly = withoutModel(text.replace(/\s+/g, ' '), briefing);
        const left = [...fragments].filter((f) => word(f).test(labelsOnly));
        expect(left, `${theme}/${name}/${part}`).toEqual([]);
      }
      expect(email.text, `${theme}/${name}`).toContain('Ausgabe morgen');
    }
  });
});
