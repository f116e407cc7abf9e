import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { readPdf } from '../browser/helpers.js';
import { captureIO, seedsDir, tempDir } from '../helpers.js';

describe('branding and themes from the configuration', () => {
  it('applies the house theme from themesDir and the branding to the HTML and every PDF page', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'house', 'house', 'partials'), { recursive: true });
    await writeFile(join(dir, 'house', 'house', 'theme.json'), JSON.stringify({ name: 'house', extends: 'default' }));
    await writeFile(join(dir, 'house', 'house', 'partials', 'editor-note.hbs'), '<p class="house-note">House note</p>\n');
    await writeFile(
      join(dir, 'briefing.config.yaml'),
      'themesDir: house\nbranding:\n  title: Press Office Brief\n  accentColor: "#00558c"\n  classification: INTERNAL - NOT FOR DISTRIBUTION\n',
    );
    const io = captureIO(dir);
    const code = await runCli(['generate', '-i', seedsDir, '-o', 'out', '--date', '2025-07-11', '-f', 'html,pdf', '--theme', 'house', '--editor-note', 'x'], io);
    expect(code, io.err()).toBe(0);
    const html = await readFile(join(dir, 'out', 'briefing-2025-07-11.html'), 'utf8');
    expect(html).toContain('House note');
    expect(html).toContain('#00558c');
    expect(html).toContain('INTERNAL - NOT FOR DISTRIBUTION');
    expect(html).toContain('Press Office Brief');
    // Nothing else of the default theme is lost: the story, its figures, quotes, sources and the appendix.
    const json = await runCli(['generate', '-i', seedsDir, '-o', 'out', '--date', '2025-07-11', '-f', 'json', '-q'], captureIO(dir));
    expect(json).toBe(0);
    const model = JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8'));
    const thread = model.threads[0];
    const shown = html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').toLowerCase();
    for (const text of [thread.headline, 'Key figures', thread.figures[0].surface, thread.quotes[0].speaker, 'Sources', 'Left out of this briefing']) {
      expect(shown).toContain(String(text).toLowerCase());
    }
    const pdf = await readPdf(await readFile(join(dir, 'out', 'briefing-2025-07-11.pdf')));
    for (const page of pdf.pages) {
      expect(page.text).toContain('INTERNAL - NOT FOR DISTRIBUTION');
      expect(page.text).toContain('Press Office Brief');
    }
  });

  it('refuses a branding colour that is not a colour, naming the key', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), 'branding:\n  accentColor: "red; } body { display: none"\n');
    const io = captureIO(dir);
    expect(await runCli(['generate', '-i', seedsDir, '-o', 'out', '-f', 'json'], io)).toBe(2);
    expect(io.err()).toMatch(/branding\.accentColor/);
  });
});
