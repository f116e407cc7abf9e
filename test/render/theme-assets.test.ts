import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { renderHtml } from '../../src/render/html.js';
import { documentCharacters } from '../../src/render/subset-fonts.js';
import { MAX_ASSET_BYTES } from '../../src/render/theme-assets.js';
import { loadTheme, ThemeError } from '../../src/render/theme.js';
import { validateTheme } from '../../src/templates/validate.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { captureIO, tempDir } from '../helpers.js';
import { houseTheme, png, testFont, writeTheme } from './theme-assets-fixtures.js';

const onDefault = (files: Record<string, string | Buffer>) => writeTheme({ 'theme.json': JSON.stringify({ name: 'probe', extends: 'default' }), ...files });

/** The error loadTheme throws for a theme, as text (fails the test when it loads). */
async function loadError(dir: string): Promise<string> {
  const error = await loadTheme(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ThemeError);
  return (error as Error).message;
}

describe('theme assets inlined at render', () => {
  test("the theme's font (through an @import), its image and its CSS become data: URLs, the font cut to the page's characters", async () => {
    const dir = await houseTheme();
    const html = String((await renderHtml(sampleBriefing, { theme: dir })).content);
    const whole = (await readFile(testFont.file)).toString('base64');
    const font = /url\("data:font\/ttf;base64,([A-Za-z0-9+/=]+)"\) format\('truetype'\)/.exec(html);
    expect(font, 'the @font-face of the imported stylesheet').not.toBeNull();
    // Subset: a real font, far smaller than the file in assets/.
    const subset = Buffer.from(font![1]!, 'base64');
    expect(subset.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    expect(font![1]!.length).toBeLessThan(whole.length / 2);
    expect(html).toContain(`src="data:image/png;base64,${png(40, 40).toString('base64')}"`);
    expect(html).not.toMatch(/@import|assets\//);
  });

  test('the characters a font is cut to cover the text, its capitals and entities, and printable ASCII', () => {
    const chars = documentCharacters('<p title="Zoë">Straße &amp; &#8364;5 — café</p><style>li::before{content:"•"}</style>');
    for (const ch of ['ß', 'É', '€', '—', '•', 'ë', 'Ë', '~', '0']) expect(chars).toContain(ch);
    expect(chars).not.toContain('Ж');
  });

  test('a child theme uses its parent\'s asset by name, and its own of the same name wins', async () => {
    const parent = await writeTheme({
      'theme.json': JSON.stringify({ name: 'parent', extends: 'default' }),
      'assets/seal.png': png(2, 2, [0, 0, 255]),
      'partials/masthead.hbs': '<img src="{{asset "seal.png"}}" alt="">',
    });
    const child = await writeTheme({ 'theme.json': JSON.stringify({ name: 'child', extends: parent }) });
    const inherited = String((await renderHtml(sampleBriefing, { theme: child })).content);
    expect(inherited).toContain(png(2, 2, [0, 0, 255]).toString('base64'));
    const own = await writeTheme({ 'theme.json': JSON.stringify({ name: 'own', extends: parent }), 'assets/seal.png': png(2, 2, [0, 255, 0]) });
    const overridden = String((await renderHtml(sampleBriefing, { theme: own })).content);
    expect(overridden).toContain(png(2, 2, [0, 255, 0]).toString('base64'));
    expect(overridden).not.toContain(png(2, 2, [0, 0, 255]).toString('base64'));
  });
});

describe('references that leave the theme are refused', () => {
  test('../ out of the theme, an absolute path and an http(s) URL in CSS, each with its file and line', async () => {
    const dir = await onDefault({
      'styles/screen.css': [
        'body { color: black; }',
        "@font-face { font-family: X; src: url('../../outside.ttf'); }",
        '.a { background: url(/etc/hostname); }',
        '.b { background: url("https://example.com/x.png"); }',
        '/* url(../../in-a-comment.png) is not a reference */',
      ].join('\n'),
    });
    const message = await loadError(dir);
    const css = join(dir, 'styles', 'screen.css');
    expect(message).toContain(`${css}:2:`);
    expect(message).toMatch(/"\.\.\/\.\.\/outside\.ttf" leads outside the theme folder/);
    expect(message).toContain(`${css}:3:`);
    expect(message).toMatch(/"\/etc\/hostname" is an absolute path/);
    expect(message).toContain(`${css}:4:`);
    expect(message).toMatch(/"https:\/\/example\.com\/x\.png" is not fetched/);
    expect(message).not.toContain('in-a-comment');

    const { ok, problems } = await validateTheme(dir);
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.file, p.line, p.kind])).toEqual([
      [css, 2, 'asset'],
      [css, 3, 'asset'],
      [css, 4, 'asset'],
    ]);
  });

  test("the e-mail's stylesheet too: a tracker's URL in styles/email.css is refused, at load and by validate", async () => {
    const dir = await onDefault({ 'styles/email.css': '.masthead { background: url(https://tracker.example/p.png); }' });
    const css = join(dir, 'styles', 'email.css');
    const message = await loadError(dir);
    expect(message).toContain(`${css}:1:`);
    expect(message).toMatch(/"https:\/\/tracker\.example\/p\.png" is not fetched/);
    const { ok, problems } = await validateTheme(dir);
    expect(ok).toBe(false);
    expect(problems.map((p) => [p.file, p.line, p.kind])).toContainEqual([css, 1, 'asset']);
  });

  test('a file of the theme outside assets/ is refused with the move to make', async () => {
    const dir = await onDefault({ 'styles/screen.css': "@font-face { font-family: X; src: url('../fonts/x.ttf'); }", 'fonts/x.ttf': 'not read' });
    expect(await loadError(dir)).toMatch(/is fonts\/x\.ttf in the theme, not in assets\/: move it to assets\/x\.ttf and write "\.\.\/assets\/x\.ttf"/);
  });

  test('{{asset}} with ../ and a symlink out of the theme are refused', async () => {
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.png'), png(1, 1));
    const dir = await onDefault({ 'partials/masthead.hbs': '\n<img src="{{asset "../theme.json"}}" alt="">' });
    const { problems } = await validateTheme(dir);
    expect(problems).toEqual([
      expect.objectContaining({ file: join(dir, 'partials', 'masthead.hbs'), line: 2, column: 11, kind: 'asset', message: expect.stringMatching(/must be a file below the theme's assets\/ folder/) }),
    ]);

    const linked = await onDefault({ 'assets/readme.txt': 'ok' });
    await symlink(join(outside, 'secret.png'), join(linked, 'assets', 'seal.png'));
    const message = await loadError(linked);
    expect(message).toMatch(/assets\/seal\.png is a symlink to .*outside the theme folder/);
    const result = await validateTheme(linked);
    expect(result.problems.map((p) => [p.file, p.kind])).toEqual([[join(linked, 'assets', 'seal.png'), 'asset']]);
  });
});

describe('templates validate checks the assets', () => {
  test('an oversize file and a file whose content is not its type fail with their names; the rest are listed', async () => {
    const big = Buffer.concat([png(1, 1), Buffer.alloc(MAX_ASSET_BYTES)]);
    const dir = await onDefault({
      'assets/images/big.png': big,
      'assets/images/fake.png': '<html>not a picture</html>',
      'assets/fonts/notes.exe': 'MZ',
      'assets/images/ok.png': png(3, 3),
    });
    const { ok, problems, assets } = await validateTheme(dir);
    expect(ok).toBe(false);
    const byFile = Object.fromEntries(problems.map((p) => [p.file.slice(dir.length + 1), p.message]));
    expect(Object.keys(byFile).sort()).toEqual(['assets/fonts/notes.exe', 'assets/images/big.png', 'assets/images/fake.png']);
    expect(byFile['assets/images/big.png']).toMatch(/assets\/images\/big\.png is 2 MB; an asset may be at most 2 MB/);
    expect(byFile['assets/images/fake.png']).toMatch(/named \.png but its content is not a known font or image/);
    expect(byFile['assets/fonts/notes.exe']).toMatch(/not a type a theme may ship: fonts \(woff2, woff, ttf, otf\)/);
    expect(assets.map((a) => [a.name, a.mediaType, a.bytes])).toEqual([['images/ok.png', 'image/png', png(3, 3).length]]);
  });

  test('an unknown asset and a raw src="assets/..." are reported where they are written, with the fix', async () => {
    const dir = await onDefault({
      'assets/images/seal.png': png(2, 2),
      'partials/masthead.hbs': '<header>\n  <img src="{{asset "images/sael.png"}}" alt="">\n  <img src="assets/images/seal.png" alt="">\n  <div style="background: url(\'../assets/images/seal.png\')"></div>\n</header>',
    });
    const file = join(dir, 'partials', 'masthead.hbs');
    const { problems } = await validateTheme(dir);
    expect(problems.map((p) => [p.file, p.line, p.column, p.kind])).toEqual([
      [file, 2, 13, 'asset'],
      [file, 3, 8, 'asset'],
      [file, 4, 27, 'asset'],
    ]);
    expect(problems[0]!.message).toMatch(/no file assets\/images\/sael\.png .*the theme's assets are images\/seal\.png/);
    expect(problems[1]!.message).toMatch(/write \{\{asset "images\/seal\.png"\}\} instead/);
    expect(problems[2]!.message).toMatch(/"assets\/images\/seal\.png" would be a request/);
  });

  test('`briefing templates validate` prints each asset with its type and size', async () => {
    const dir = await houseTheme();
    const io = captureIO(dir);
    expect(await runCli(['templates', 'validate', dir], io), io.out() + io.err()).toBe(0);
    expect(io.out()).toMatch(/^assets \(4, \d+(\.\d)? KB in all/m);
    expect(io.out()).toMatch(/^ {2}fonts\/house\.ttf\s+font\/ttf\s+\d+(\.\d)? KB$/m);
    expect(io.out()).toMatch(/^ {2}images\/seal\.png\s+image\/png\s+\d+(\.\d)? (KB|bytes)$/m);
    expect(io.out()).toMatch(/^ {2}css\/house\.css\s+text\/css\s/m);
    expect(io.out()).toMatch(/no problems found/);
  });
});

describe('theme.json fonts', () => {
  test('a wrong value is reported at theme.json, at the field, with the allowed values', async () => {
    const dir = await onDefault({});
    await writeFile(join(dir, 'theme.json'), '{\n  "name": "probe",\n  "extends": "default",\n  "fonts": "inline"\n}\n');
    const { problems } = await validateTheme(dir, { sample: sampleBriefing });
    expect(problems).toEqual([
      {
        file: join(dir, 'theme.json'),
        line: 4,
        column: 12,
        kind: 'manifest',
        message: expect.stringMatching(/^"fonts": "inline" is not allowed: use "embedded" .* or "system"/),
      },
    ]);
    expect(await loadError(dir)).toMatch(/theme\.json: fonts: "inline" is not allowed: use "embedded"/);
  });
});
