import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emailHtmlForBrowser, LOGO_CID, renderEmail } from '../../src/render/email.js';
import { ThemeError } from '../../src/render/theme.js';
import { HOSTILE, hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function writeTheme(dir: string, files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Every colour written in a style attribute, lower-cased. */
function inlineColours(html: string): string[] {
  return [...html.matchAll(/style="([^"]*)"/g)].flatMap((m) => [...m[1]!.matchAll(/#[0-9a-f]{3,8}\b/gi)].map((c) => c[0].toLowerCase()));
}

describe('the e-mail body of each built-in theme', () => {
  for (const theme of ['default', 'compact', 'newsletter']) {
    test(`${theme}: the theme's own email.hbs, styles inlined, no <style>, the branding's accent instead of the theme's`, async () => {
      const plain = await renderEmail(sampleBriefing, { edition: 'morning', theme });
      const branded = await renderEmail(sampleBriefing, { edition: 'morning', theme, branding: { accentColor: '#13a10e' } });
      for (const email of [plain, branded]) {
        expect(email.html).not.toMatch(/<style|<link|<script|@font-face|var\(--/i);
        expect(email.html).toMatch(/<table role="presentation"/);
        // Every heading, paragraph and cell carries its look inline.
        const tags = email.html.match(/<(h1|h2|h3|p|td|a)\b[^>]*>/g) ?? [];
        expect(tags.length).toBeGreaterThan(8);
        for (const tag of tags) expect(tag).toMatch(/style="/);
        for (const thread of sampleBriefing.threads) expect(email.html).toContain(thread.headline.replace(/'/g, '&#x27;'));
      }
      expect(inlineColours(plain.html)).not.toContain('#13a10e');
      const themeAccent = theme === 'newsletter' ? '#00558c' : '#8c1c13';
      expect(inlineColours(plain.html)).toContain(themeAccent);
      expect(inlineColours(branded.html)).toContain('#13a10e');
      expect(inlineColours(branded.html)).not.toContain(themeAccent);
    });
  }

  test('the three built-in bodies differ (each in its theme\'s style)', async () => {
    const [a, b, c] = await Promise.all(['default', 'compact', 'newsletter'].map((theme) => renderEmail(sampleBriefing, { edition: 'morning', theme })));
    expect(a!.html).toContain('class="mail-column"');
    expect(b!.html).toContain('class="c-headline"');
    expect(c!.html).toContain('class="nl-column"');
    // The newsletter mails every story in full: its quotes are in the body, not only in the attachment.
    expect(c!.html).toContain('We are in a good place');
    expect(a!.html).not.toContain('We are in a good place');
  });

  test('subject, title and date; the editor\'s Markdown is HTML in the body and plain words in the text', async () => {
    const email = await renderEmail(sampleBriefing, { edition: 'morning', attachmentName: 'morning-2025-07-10.pdf', editorNote: 'Stories marked **new** are new. See [the desk](https://desk.example/notes).' });
    expect(email.subject).toMatch(/^Daily Briefing — Thursday,? 10 July 2025$/);
    expect(email.html).toMatch(/<h1 class="title" style="[^"]+">Daily Briefing<\/h1>/);
    expect(email.html).toContain('<strong>new</strong>');
    expect(email.html).toMatch(/<a href="https:\/\/desk.example\/notes" style="[^"]*color: #8c1c13/);
    expect(email.text).toContain('Stories marked new are new. See the desk (https://desk.example/notes).');
    expect(email.text).toContain('The full briefing is attached (morning-2025-07-10.pdf).');
    expect(email.inlineImages).toEqual([]);
  });
});

describe('branding in the e-mail', () => {
  test('the logo is an inline image referenced by cid:, the classification line is at the top and the bottom', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'logo.png'), PNG);
    const branding = { logoPath: 'logo.png', accentColor: 'rgb(200 0 100)', classification: 'INTERNAL — NOT FOR DISTRIBUTION', title: 'Acme Brief' };
    for (const theme of ['default', 'compact', 'newsletter']) {
      const email = await renderEmail(sampleBriefing, { edition: 'morning', theme, branding, cwd: dir });
      expect(email.inlineImages).toEqual([{ cid: LOGO_CID, filename: 'logo.png', contentType: 'image/png', content: PNG }]);
      expect(email.html).toContain(`<img src="cid:${LOGO_CID}" alt="Acme Brief"`);
      expect(email.html).not.toContain('data:image');
      const marks = [...email.html.matchAll(/<(?:td|p)[^>]*class="classification"[^>]*style="([^"]*)"[^>]*>INTERNAL — NOT FOR DISTRIBUTION</g)];
      expect(marks).toHaveLength(2);
      for (const mark of marks) expect(mark[1]).toMatch(/background-color: ?rgb\(200 0 100\)/);
      expect(email.html.indexOf('INTERNAL')).toBeLessThan(email.html.indexOf('<h1'));
      expect(email.html.lastIndexOf('INTERNAL')).toBeGreaterThan(email.html.indexOf('edition'));
      expect(email.subject).toMatch(/^Acme Brief — /);
      const lines = email.text.trimEnd().split('\n');
      expect(lines[0]).toBe('INTERNAL — NOT FOR DISTRIBUTION');
      expect(lines.at(-1)).toBe('INTERNAL — NOT FOR DISTRIBUTION');
      expect(email.text).toContain('Acme Brief — Thursday');
      // For a browser (the preview), the cid: becomes the image itself.
      expect(emailHtmlForBrowser(email)).toContain(`<img src="data:image/png;base64,${PNG.toString('base64')}"`);
    }
  });

  test('a custom email.hbs that places no branding gets it added at the top and bottom of the body', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': '{ "name": "bare", "extends": "default" }',
      'email.hbs': '<!DOCTYPE html><html><body><p class="only">{{title}}</p></body></html>',
    });
    const email = await renderEmail(sampleBriefing, { edition: 'morning', theme: dir, branding: { classification: 'SECRET' } });
    expect(email.html).toMatch(/<body[^>]*><div class="brand brand-top"[^>]*><p class="classification" style="[^"]+">SECRET<\/p><\/div><p class="only"/);
    expect(email.html).toMatch(/SECRET<\/p><\/div><\/body>/);
  });
});

describe('themes and their e-mail body', () => {
  test('a custom theme\'s email.hbs and styles/email.css are used, with the model and the e-mail\'s @-variables', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': '{ "name": "house", "extends": "default" }',
      'email.hbs':
        '<!DOCTYPE html><html><body><h1 class="house">{{title}}</h1>{{#each threads}}<p class="house-story">{{headline}}</p>{{/each}}' +
        '<p class="meta">{{@edition}} / {{@attachmentName}}</p></body></html>',
      'styles/email.css': '.house { color: var(--accent); font-size: 40px; } .house-story { border-left: 2px solid var(--ink); }',
    });
    const email = await renderEmail(sampleBriefing, { edition: 'evening', attachmentName: 'x.pdf', theme: dir, branding: { accentColor: 'navy' } });
    expect(email.html).toContain('<h1 class="house" style="color: navy; font-size: 40px;">Daily Briefing</h1>');
    // --ink comes from the default theme's e-mail styles, inherited under the theme's own.
    expect(email.html).toContain('<p class="house-story" style="border-left: 2px solid #1b1b1a;">');
    expect(email.html).toContain('<p class="meta">evening / x.pdf</p>');
  });

  test('a theme without email.hbs inherits the one of the theme it extends, with its parent\'s styles first', async () => {
    const root = await tempDir();
    await writeTheme(join(root, 'parent'), {
      'theme.json': '{ "name": "parent", "extends": "newsletter" }',
      'email.hbs': '<!DOCTYPE html><html><body><p class="from-parent">parent body {{title}}</p></body></html>',
      'styles/email.css': '.from-parent { color: var(--accent); margin: 1px; }',
    });
    const child = await writeTheme(join(root, 'child'), {
      'theme.json': '{ "name": "child", "extends": "../parent" }',
      'styles/email.css': '.from-parent { margin: 2px; }',
    });
    const email = await renderEmail(sampleBriefing, { edition: 'morning', theme: child });
    // The newsletter's accent (the nearest theme.json that names one), the child's margin over the parent's.
    expect(email.html).toContain('<p class="from-parent" style="color: #00558c; margin: 2px;">parent body Daily Briefing</p>');
  });

  test('a theme whose line has no email.hbs gets the default theme\'s body and styles', async () => {
    const dir = await writeTheme(await tempDir(), {
      'theme.json': '{ "name": "standalone", "accent": "#aa5500" }',
      'layout.hbs': '<!doctype html><html><body>{{title}}</body></html>',
      'styles/email.css': '.title { font-size: 50px; }',
    });
    const email = await renderEmail(sampleBriefing, { edition: 'morning', theme: dir });
    expect(email.html).toContain('class="mail-column"');
    expect(email.html).toMatch(/<h1 class="title" style="[^"]*font-size: 50px;[^"]*">Daily Briefing<\/h1>/);
    expect(inlineColours(email.html)).toContain('#aa5500');
  });

  test('an error in email.hbs names the file', async () => {
    const dir = await writeTheme(await tempDir(), { 'theme.json': '{ "name": "broken", "extends": "default" }', 'email.hbs': '<p>{{#each threads}}</p>' });
    const failure = renderEmail(sampleBriefing, { edition: 'morning', theme: dir });
    await expect(failure).rejects.toBeInstanceOf(ThemeError);
    await expect(failure).rejects.toThrow(join(dir, 'email.hbs'));
  });
});

describe('hostile article text', () => {
  for (const theme of ['default', 'compact', 'newsletter']) {
    test(`${theme}: escaped in the HTML part, links only to http(s)`, async () => {
      const email = await renderEmail(hostileBriefing, { edition: 'morning', theme });
      expect(email.html).not.toMatch(/<script|<img|<link|<b>|href="javascript|evil\.example\/x\.css"/i);
      expect(email.html).toContain('&lt;script&gt;');
      // The one <style>-breaking string is text, so juice found no style sheet in it to apply.
      expect(email.html).toContain('&lt;/style&gt;&lt;style&gt;body{display:none}');
      expect(email.html).not.toMatch(/style="[^"]*display: ?none/);
      expect(email.html).toContain('{{#each this}}{{{this}}}{{/each}}');
      const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#)/);
    });
  }

  test('the text part holds the article text as written: no HTML entities, nothing rendered', async () => {
    const email = await renderEmail(hostileBriefing, { edition: 'morning' });
    expect(email.text).toContain(`${HOSTILE.script}`);
    expect(email.text).not.toMatch(/&lt;|&gt;|&amp;|&#x?[0-9a-f]+;/i);
    // Only http(s) addresses are written as the sources' links.
    const links = email.text.split('\n').filter((line) => /^ {6}\S+:/.test(line) && !line.includes(' ', 6));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.trim()).toMatch(/^https:\/\/ok\.example\//);
  });
});

describe('the plain-text part', () => {
  test('is written from the model: headings, summaries, figures, quotes and links, with no Markdown or HTML', async () => {
    const email = await renderEmail(sampleBriefing, { edition: 'morning', editorNote: 'Good morning. Stories marked **new** arrived since the _last_ edition.\n\n- one\n- two' });
    const { text } = email;
    expect(text).not.toMatch(/\*\*|__|<\/?[a-z][^>]*>|&[a-z]+;|&#/i);
    expect(text).toContain('Stories marked new arrived since the last edition.');
    expect(text).toContain('- one');
    expect(text).toMatch(/^Daily Briefing — Thursday,? 10 July 2025\n=+\n/);
    expect(text).toContain('THE DAY IN BRIEF');
    const [first] = sampleBriefing.threads;
    expect(text).toContain(` 1. ${first!.headline}`);
    expect(text).toMatch(new RegExp(`1\\. ${first!.headline.slice(0, 20)}[^\\n]*\\n-+\\n`));
    // Summaries (wrapped), figures, the first quote and every http(s) link.
    expect(text.replace(/\s+/g, ' ')).toContain(first!.summary[0]!.text);
    expect(text).toContain('  * 741: drones and missiles launched (The Kyiv Independent)');
    expect(text).toContain('“We are in a good place, and we will stay data-dependent.”');
    expect(text).toContain('— Christine Lagarde, Financial Times');
    expect(text).toContain('      https://www.example-news.com/world/rubio-lavrov-new-idea');
    for (const line of text.split('\n')) if (!/https?:\/\//.test(line)) expect(line.length).toBeLessThanOrEqual(76);
  });
});
