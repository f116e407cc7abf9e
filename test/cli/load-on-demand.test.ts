import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadsForMachine } from '../../src/capacity.js';
import { fixturesDir, repoRoot, seedsDir, tempDir } from '../helpers.js';

/** The CommonJS packages a whole `briefing generate` process loaded (the built program, as a user runs it). */
async function packagesLoaded(input: string): Promise<string[]> {
  const out = await tempDir('load-on-demand-');
  const run = spawnSync(
    process.execPath,
    ['--require', join(fixturesDir, 'report-loaded-packages.cjs'), join(repoRoot, 'bin', 'briefing.js'), 'generate', '--input', input, '--out', out, '--format', 'json', '--date', '2025-07-11', '-q'],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  const line = /^loaded-packages: (.*)$/m.exec(run.stderr);
  expect(line, run.stderr).not.toBeNull();
  return JSON.parse(line![1]!) as string[];
}

describe('a run loads only what it needs', () => {
  it('the seeds to JSON load neither the HTML parser, the page threads, the tagger, the template engine nor the PDF and mail tools; an HTML page loads the threads', async () => {
    const loaded = await packagesLoaded(seedsDir);
    for (const name of ['linkedom', '@mozilla/readability', 'piscina', 'compromise', 'handlebars', 'pdf-lib', 'subset-font', 'juice']) expect(loaded).not.toContain(name);

    // The control: the same report sees what an input needs. On a machine of several CPUs `generate` reads pages on
    // threads (the parser and Readability are loaded there, not in this process), so a page loads their pool; on one
    // CPU it reads them itself.
    const pages = await tempDir('load-on-demand-pages-');
    const paragraph = '<p>The council approved the new budget on Tuesday after a long debate about school funding and road repairs.</p>';
    await writeFile(join(pages, 'page.html'), `<html><head><title>Budget</title></head><body><article>${paragraph.repeat(4)}</article></body></html>`);
    const forPages = await packagesLoaded(pages);
    const [present, absent] = threadsForMachine() > 1 ? [['piscina'], ['linkedom', '@mozilla/readability']] : [['linkedom', '@mozilla/readability'], ['piscina']];
    expect(forPages).toEqual(expect.arrayContaining(present));
    for (const name of absent) expect(forPages).not.toContain(name);
  });

  it("a run reading files loads none of the program's network and feed readers, and one with a built-in theme not the theme walk", async () => {
    const modules = async (input: string) => {
      const out = await tempDir('load-on-demand-modules-');
      const run = spawnSync(
        process.execPath,
        ['--import', join(fixturesDir, 'report-loaded-modules.mjs'), join(repoRoot, 'bin', 'briefing.js'), 'generate', '--input', input, '--out', out, '--format', 'json,html', '--date', '2025-07-11', '-q'],
        { encoding: 'utf8' },
      );
      return { status: run.status, stderr: run.stderr, loaded: [...run.stderr.matchAll(/^loaded-module: (.*)$/gm)].map((m) => m[1]!) };
    };
    const files = await modules(seedsDir);
    expect(files.status, files.stderr).toBe(0);
    expect(files.loaded.some((url) => url.endsWith('/dist/render/theme.js'))).toBe(true);
    for (const part of ['/dist/fetch/fetcher.js', '/dist/feeds/', '/dist/templates/validate.js']) expect(files.loaded.filter((url) => url.includes(part))).toEqual([]);

    // The control: a URL to read (nobody answers there, so the run fails before any feed is read) loads the fetcher.
    const url = await modules('http://127.0.0.1:9/');
    expect(url.loaded.some((u) => u.endsWith('/dist/fetch/fetcher.js')), url.stderr).toBe(true);
  });
});
