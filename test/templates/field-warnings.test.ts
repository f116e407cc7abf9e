import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/index.js';
import { produceBriefing } from '../../src/produce/index.js';
import { captureIO, fixturesDir, seedsDir, tempDir } from '../helpers.js';

async function theme(dir: string, files: Record<string, string>): Promise<string> {
  const themeDir = join(dir, 'house');
  for (const [name, content] of Object.entries({ 'theme.json': JSON.stringify({ name: 'house', extends: 'default' }), ...files })) {
    await mkdir(join(themeDir, name, '..'), { recursive: true });
    await writeFile(join(themeDir, name), content);
  }
  return themeDir;
}

describe('generate warns about template fields the model does not have', () => {
  test('one warning per misspelled field with file:line, however often the template renders it', async () => {
    const dir = await tempDir('briefing-field-warnings-');
    const themeDir = await theme(dir, {
      'partials/masthead.hbs': '<header>\n<h1>{{title}}</h1>\n<p>{{threads.0.headlin}}</p>\n</header>\n',
      // Rendered once per story: still one warning.
      'partials/thread.hbs': '<article>\n  <h2>{{headline}}</h2>\n  <p>{{sumary}}</p>\n</article>\n',
    });
    const config = await loadConfig({ cwd: dir, env: {} });
    const produced = await produceBriefing({
      config,
      date: '2025-07-11',
      timezone: 'UTC',
      now: new Date('2025-07-11T06:00:00Z'),
      // Several stories, so the thread partial renders several times.
      inputs: [seedsDir, join(fixturesDir, 'articles', 'port-strike-day1.md')],
      formats: ['html'],
      theme: themeDir,
    });
    expect(produced.briefing.threads.length).toBeGreaterThan(1);
    expect(produced.themeWarnings).toEqual([
      expect.stringMatching(/^house\/partials\/masthead\.hbs:3:16: "headlin" is not a field of threads\[\] \(in "threads\.0\.headlin"\): it renders as nothing/),
      expect.stringMatching(/^house\/partials\/thread\.hbs:3:8: "sumary" is not a field of threads\[\]/),
    ]);
    // The briefing is still made: a warning, not a failure.
    expect(String(produced.outputs[0]!.content)).toContain('<h1>');
  });

  test('a theme without problems and a JSON-only run give no theme warnings', async () => {
    const dir = await tempDir('briefing-field-warnings-');
    const config = await loadConfig({ cwd: dir, env: {} });
    const base = { config, date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z'), inputs: [seedsDir] };
    expect((await produceBriefing({ ...base, formats: ['html'] })).themeWarnings).toEqual([]);
    const themeDir = await theme(dir, { 'partials/masthead.hbs': '{{titel}}' });
    expect((await produceBriefing({ ...base, formats: ['json'], theme: themeDir })).themeWarnings).toEqual([]);
  });

  test('briefing generate prints them on stderr, even with --quiet, and still writes the briefing', async () => {
    const dir = await tempDir('briefing-field-warnings-');
    await theme(dir, { 'partials/masthead.hbs': '<h1>{{title}}</h1>\n<p>{{{title}}} {{titel}}</p>' });
    const io = captureIO(dir);
    const code = await runCli(['generate', '--input', seedsDir, '--format', 'html', '--theme', './house', '--out', 'out', '--quiet'], io);
    expect(code, io.err()).toBe(0);
    const lines = io.err().split('\n').filter((l) => l.startsWith('briefing: theme warning:'));
    expect(lines).toEqual([
      expect.stringMatching(/^briefing: theme warning: house\/partials\/masthead\.hbs:2:4: \{\{\{title\}\}\} prints its value without escaping/),
      expect.stringMatching(/^briefing: theme warning: house\/partials\/masthead\.hbs:2:18: "titel" is not a field of the briefing/),
    ]);
  });
});
