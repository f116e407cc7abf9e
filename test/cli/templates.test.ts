import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO, tempDir } from '../helpers.js';
import { deferred } from '../schedule/helpers.js';

describe('briefing templates', () => {
  it('lists the built-in themes and the configured themesDir, a user theme overriding a built-in by name', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'house', 'compact'), { recursive: true });
    await writeFile(join(dir, 'house', 'compact', 'theme.json'), JSON.stringify({ name: 'compact', extends: 'default', description: 'Our one-pager' }));
    await writeFile(join(dir, 'briefing.config.yaml'), 'themesDir: house\n');
    const io = captureIO(dir);
    expect(await runCli(['templates', 'list'], io), io.err()).toBe(0);
    const out = io.out();
    expect(out).toMatch(/^default\s+built-in\s/m);
    expect(out).toMatch(/^newsletter\s+built-in\s/m);
    expect(out).toMatch(new RegExp(`^compact\\s+user\\s+${join(dir, 'house', 'compact').replace(/[/\\]/g, '.')} extends default`, 'm'));
    expect(out).toContain('Our one-pager');
  });

  it('creates a theme that validates clean, and reports a broken template with file:line:column and exit 1', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli(['templates', 'init', 'house', '--from', 'default'], io), io.err()).toBe(0);
    expect(io.out()).toMatch(/created house/);
    const ok = captureIO(dir);
    expect(await runCli(['templates', 'validate', 'house'], ok), ok.err() + ok.out()).toBe(0);
    expect(ok.out()).toMatch(/no problems found/);

    await writeFile(join(dir, 'house', 'partials', 'masthead.hbs'), '<header>\n  <h1>{{title}</h1>\n</header>\n');
    const bad = captureIO(dir);
    expect(await runCli(['templates', 'validate', 'house'], bad)).toBe(1);
    expect(bad.out()).toMatch(/house\/partials\/masthead\.hbs:2:\d+: syntax:/);
    expect(bad.err()).toMatch(/1 problem in house/);
  });

  it('preview --email writes the theme\'s e-mail (HTML and text) with the configured branding', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), 'branding:\n  accentColor: "#0a7d3b"\n  classification: EYES ONLY\n');
    const io = captureIO(dir);
    expect(await runCli(['templates', 'preview', 'compact', '--email', '--out', 'mail'], io), io.err()).toBe(0);
    expect(io.out()).toMatch(/wrote mail\/email\.html and mail\/email\.txt/);
    const html = await readFile(join(dir, 'mail', 'email.html'), 'utf8');
    expect(html).toContain('class="c-headline"');
    expect(html).toMatch(/style="[^"]*color: #0a7d3b/);
    expect(html.match(/>EYES ONLY</g)).toHaveLength(2);
    const text = await readFile(join(dir, 'mail', 'email.txt'), 'utf8');
    expect(text).toMatch(/^EYES ONLY\n/);
    expect(text).toContain('THE DAY IN BRIEF');

    // The same briefing the preview would show: here one made from --input.
    await mkdir(join(dir, 'arts'));
    const body = 'Dock workers in Rotterdam ended their strike on Tuesday after the port operator agreed to a new pay deal for its staff.';
    await writeFile(join(dir, 'arts', 'strike.md'), `---\ntitle: Rotterdam dock strike ends with pay deal\nsource: Port News\npublished: 2025-07-10\n---\n${body}\n\n${body} The deal runs for two years.\n`);
    const fromInput = captureIO(dir);
    expect(await runCli(['templates', 'preview', 'default', '--email', '--out', 'mail2', '--input', 'arts'], fromInput), fromInput.err()).toBe(0);
    expect(await readFile(join(dir, 'mail2', 'email.txt'), 'utf8')).toMatch(/Rotterdam/);
  });

  it('writes the template reference generated from the model', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli(['templates', 'reference', '--out', 'docs'], io), io.err()).toBe(0);
    const reference = await readFile(join(dir, 'docs', 'TEMPLATES.md'), 'utf8');
    expect(reference).toContain('threads[].headline');
    expect(reference).toContain('truncate');
  });

  it('an unwritable reference folder is an output error: exit 1, the path and the cause, no stack trace', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'docs'), 'a file where the folder should be');
    const io = captureIO(dir);
    expect(await runCli(['templates', 'reference', '--out', 'docs/ref'], io)).toBe(1);
    expect(io.err()).toMatch(/^briefing: could not write .*\/docs\/ref: a part of the path is a file, not a folder \(ENOTDIR\)\. /);
    expect(io.err()).not.toMatch(/unexpected error|^\s+at /m);
  });

  it('serves the preview on 127.0.0.1 until asked to stop', async () => {
    const dir = await tempDir();
    const stop = deferred<string>();
    const io = { ...captureIO(dir), shutdown: () => stop.promise };
    const running = runCli(['templates', 'preview', 'default'], io);
    let url: string | undefined;
    for (let i = 0; i < 600 && !url; i += 1) {
      url = io.out().match(/at (http:\/\/127\.0\.0\.1:\d+\/?)/)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    expect(url, io.err()).toBeDefined();
    const page = await (await fetch(new URL('briefing.html', url))).text();
    expect(page).toContain('Daily Briefing');
    stop.resolve('SIGINT');
    expect(await running).toBe(0);
    expect(existsSync(join(dir, 'TEMPLATES.md'))).toBe(false);
  });
});
