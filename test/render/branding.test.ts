import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { BrandingError, BrandingSchema, brandPdfOptions, isCssColour, resolveBranding } from '../../src/render/branding.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { renderPdf } from '../../src/render/pdf.js';
import { UsageError } from '../../src/util/errors.js';
import { readPdf } from '../browser/helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

const MARK = 'INTERNAL — NOT FOR DISTRIBUTION';
const THEMES = ['default', 'compact', 'newsletter'];

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__pwned=1</script><rect width="10" height="10" fill="navy"/></svg>';

const doc = (html: string) => new JSDOM(html).window.document;
const html = async (options: Parameters<typeof renderHtml>[1]) => String((await renderHtml(sampleBriefing, options)).content);

describe('accent colour', () => {
  test('CSS colours are accepted; anything that could escape a rule or attribute is not', () => {
    for (const ok of ['#00558c', '#abc', '#00558cff', 'rgb(0, 85, 140)', 'rgb(0 85 140 / 50%)', 'hsl(203 100% 27%)', 'Navy', 'rebeccapurple']) {
      expect(isCssColour(ok), ok).toBe(true);
    }
    for (const bad of ['', 'blue; background: url(https://evil.example/x)', '#12345', 'rgb(0,0,0', 'url(x)', 'var(--x)', 'bluish', '"><script>', 'expression(alert(1))']) {
      expect(isCssColour(bad), bad).toBe(false);
    }
  });

  test.each(THEMES)('%s: the accent is set after the theme CSS, so it wins', async (theme) => {
    const out = await html({ theme, branding: { accentColor: '#123456' } });
    const screen = [...doc(out).querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    const at = screen.lastIndexOf('--accent: #123456');
    expect(at).toBeGreaterThan(-1);
    expect(screen.slice(at)).not.toMatch(/--accent:\s*#(?!123456)/);
  });

  test('the newsletter, whose styles are inline, uses the accent in them too', async () => {
    const out = await html({ theme: 'newsletter', branding: { accentColor: 'rgb(18 52 86)' } });
    const inline = [...doc(out).querySelectorAll('[style]')].map((e) => e.getAttribute('style')).filter((s) => s?.includes('rgb(18 52 86)'));
    expect(inline.length).toBeGreaterThan(3);
    expect(out).not.toContain('#00558c');
  });

  test('a bad colour is refused with a clear usage error naming the field, before anything is rendered', async () => {
    const attempt = renderHtml(sampleBriefing, { branding: { accentColor: 'red; } body { display: none' } });
    await expect(attempt).rejects.toBeInstanceOf(BrandingError);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/branding\.accentColor: "red; \} body \{ display: none" is not a CSS colour: use a hex colour/);
  });

  test('the schema the configuration embeds rejects unknown keys and bad values', () => {
    expect(BrandingSchema.safeParse({ accentColour: '#fff' }).success).toBe(false);
    expect(BrandingSchema.safeParse({ dateFormat: 'full' }).success).toBe(false);
    expect(BrandingSchema.safeParse({ locale: 'not a locale!' }).success).toBe(false);
    expect(BrandingSchema.parse({ title: 'Morning Brief', accentColor: '#00558c', dateFormat: 'short', locale: 'de-DE' })).toEqual({
      title: 'Morning Brief',
      accentColor: '#00558c',
      dateFormat: 'short',
      locale: 'de-DE',
    });
  });
});

describe('logo', () => {
  test.each(THEMES)('%s: a PNG is inlined as a data: URI, so the page still loads nothing', async (theme) => {
    const dir = await tempDir();
    await writeFile(join(dir, 'logo.png'), PNG);
    const page = doc(await html({ theme, cwd: dir, branding: { logoPath: 'logo.png', title: 'Acme Brief' } }));
    const imgs = [...page.querySelectorAll('img')];
    expect(imgs).toHaveLength(1);
    expect(imgs[0]!.getAttribute('src')).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(imgs[0]!.getAttribute('alt')).toBe('Acme Brief');
  });

  test('an SVG is an <img> data: URI (which runs no script), never inline markup', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'logo.svg'), SVG);
    const out = await html({ cwd: dir, branding: { logoPath: 'logo.svg' } });
    const page = doc(out);
    expect(page.querySelector('img')!.getAttribute('src')).toBe(`data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`);
    expect(page.querySelectorAll('svg, script')).toHaveLength(0);
    expect(out).not.toContain('__pwned');
  });

  test('the type comes from the bytes: text named .png is refused, as is a missing file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'fake.png'), 'GIF89a, not really');
    await expect(resolveBranding({ logoPath: 'fake.png' }, dir)).rejects.toThrow(/branding\.logoPath: .*fake\.png is not a PNG, JPEG or SVG image/);
    await expect(resolveBranding({ logoPath: 'nope.png' }, dir)).rejects.toThrow(/branding\.logoPath: cannot read .*nope\.png/);
  });
});

describe('classification, title, locale and date format', () => {
  test.each(THEMES)('%s: the classification line opens and closes the page, escaped', async (theme) => {
    const mark = `${MARK} <b>x</b>`;
    const page = doc(await html({ theme, branding: { classification: mark } }));
    const lines = [...page.querySelectorAll('.classification')];
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.textContent).toBe(mark);
    expect(page.querySelectorAll('b')).toHaveLength(0);
    // First and last visible text of the body.
    const text = (page.body.textContent ?? '').replace(/\s+/g, ' ').trim();
    expect(text.startsWith(mark)).toBe(true);
    expect(text.endsWith(mark)).toBe(true);
  });

  test('the default theme is not changed: without branding there is no classification, logo or override', async () => {
    const out = await html({});
    expect(doc(out).querySelectorAll('.classification, img, [data-brand-slot]')).toHaveLength(0);
    expect(out).not.toContain('--accent-soft: color-mix');
  });

  test.each(THEMES)('%s: the branded title, locale and date format replace the configured ones', async (theme) => {
    const page = doc(await html({ theme, branding: { title: 'Acme Morning Brief', locale: 'de-DE', dateFormat: 'long' } }));
    expect(page.documentElement.lang).toBe('de-DE');
    expect(page.title).toBe('Acme Morning Brief: Donnerstag, 10. Juli 2025');
    expect(page.querySelector('h1')!.textContent!.trim()).toBe('Acme Morning Brief');
    const short = doc(await html({ theme, branding: { locale: 'de-DE', dateFormat: 'short' } }));
    expect(short.title).toBe('Daily Briefing: 10. Juli');
  });

  test('an explicit locale option still wins over the branding', async () => {
    const page = doc(await html({ locale: 'en-GB', branding: { locale: 'de-DE' } }));
    expect(page.title).toBe('Daily Briefing: Thursday, 10 July 2025');
  });
});

describe('PDF running header and footer', () => {
  let browser: BrowserManager;
  beforeAll(() => {
    browser = new BrowserManager();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('the classification is on every page, in the header and in the footer', async () => {
    const branding = { classification: MARK };
    const out = String((await renderHtml(sampleBriefing, { branding })).content);
    const options = brandPdfOptions(pdfOptionsFor(sampleBriefing, 'a4'), branding);
    expect(options.headerText.startsWith(MARK)).toBe(true);
    expect(options.footerStamp.startsWith(MARK)).toBe(true);
    const pdf = await readPdf((await renderPdf(out, options, browser)).content as Uint8Array);
    expect(pdf.pages.length).toBeGreaterThan(2);
    for (const [i, page] of pdf.pages.entries()) {
      // Header and footer each carry it; the first and last pages also show the HTML lines.
      const count = page.text.split(MARK).length - 1;
      expect(count, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
    }
  });
});
