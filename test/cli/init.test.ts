import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/browser/find-chromium.js';
import { BIN_PATH, howToRun } from '../../src/cli/how-to-run.js';
import { runCli } from '../../src/cli/program.js';
import { starterConfig } from '../../src/cli/init.js';
import { loadConfig } from '../../src/config/index.js';
import { captureIO, repoRoot, seedsDir, tempDir } from '../helpers.js';

/** No browser, a known zone, no `briefing` on the PATH: what init guesses is then known. */
const NO_BROWSER = { BRIEFING_CHROMIUM: '/nonexistent/chrome', BRIEFING_TIMEZONE: 'Europe/London', PATH: '' };
const FOLDERS = ['articles', 'data', 'deliveries', 'out'];

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

describe('briefing init', () => {
  it('writes a commented configuration that loads and validates, with a schedulable edition', async () => {
    const dir = await tempDir();
    const io = { ...captureIO(dir), env: NO_BROWSER };
    expect(await runCli(['init'], io), io.err()).toBe(0);
    const text = await readFile(join(dir, 'briefing.config.yaml'), 'utf8');
    expect(text).toBe(starterConfig({ timezone: 'Europe/London', pdfNote: 'BRIEFING_CHROMIUM=/nonexistent/chrome is not an executable file' }));
    expect(text).toMatch(/^# briefing configuration/);
    expect(text).toContain('formats: [html, json, md]      # add pdf once a Chromium is installed (BRIEFING_CHROMIUM=/nonexistent/chrome is not an executable file)');
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.timezone).toBe('Europe/London');
    expect(config.database).toBe(join(dir, 'data/briefing.sqlite'));
    expect(config.editions.map((e) => e.name)).toEqual(['morning']);
    expect(config.editions[0]).toMatchObject({ schedule: { cron: '0 6 * * 1-5', timezone: 'Europe/London' }, windowHours: 24, formats: ['html', 'json', 'md'] });
    expect(config.editions[0]!.recipients).toEqual([{ channel: 'file', dir: join(dir, 'deliveries') }]);
    // And the commands that read it accept it.
    const status = captureIO(dir, new Date('2025-07-11T12:00:00Z'));
    expect(await runCli(['status'], status), status.err()).toBe(0);
    expect(status.out()).toContain('next run:      2025-07-14T06:00:00+01:00 (2025-07-14T05:00:00.000Z UTC)');
  });

  it('makes every folder the configuration names and says how to run the program from here', async () => {
    const dir = await tempDir();
    const io = { ...captureIO(dir), env: NO_BROWSER };
    expect(await runCli(['init'], io), io.err()).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['articles', 'briefing.config.yaml', 'data', 'deliveries', 'out']);
    for (const folder of FOLDERS) expect(isFolder(join(dir, folder)), folder).toBe(true);
    expect(io.err()).toContain('made articles/, data/, out/, deliveries/.');
    expect(io.err()).toContain('no PDFs: BRIEFING_CHROMIUM=/nonexistent/chrome is not an executable file. Install one with');
    // No `briefing` on the PATH and no npm project here: the one command that works is node with the bin's path.
    expect(io.err()).toContain(`put articles in articles/ and run: node ${BIN_PATH} generate --edition morning\n`);
  });

  it("takes the system's time zone when $BRIEFING_TIMEZONE names none", async () => {
    const dir = await tempDir();
    const io = { ...captureIO(dir), env: { ...NO_BROWSER, BRIEFING_TIMEZONE: undefined } };
    expect(await runCli(['init'], io), io.err()).toBe(0);
    const config = await loadConfig({ cwd: dir, env: {} });
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(config.timezone).toBe(system);
    expect(config.editions[0]!.schedule?.timezone).toBe(system);
  });

  it('as installed: the zone of $TZ, pdf with the Chromium found, and the printed command makes the edition', async () => {
    const dir = await tempDir();
    const chromium = findChromium();
    const env = { PATH: process.env.PATH ?? '', HOME: dir, TZ: 'Pacific/Auckland', BRIEFING_CHROMIUM: chromium };
    const init = spawnSync(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), 'init'], { cwd: dir, env, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.timezone).toBe('Pacific/Auckland');
    expect(config.editions[0]).toMatchObject({ schedule: { timezone: 'Pacific/Auckland' }, formats: ['html', 'pdf', 'json', 'md'] });
    expect(init.stderr).toContain(`PDFs printed with ${chromium}`);
    const command = /put articles in articles\/ and run: (.+)\n/.exec(init.stderr)?.[1];
    expect(command).toBe(`node ${BIN_PATH} generate --edition morning`);

    cpSync(seedsDir, join(dir, 'articles'), { recursive: true });
    const run = spawnSync('/bin/sh', ['-c', command!], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const written = await readdir(join(dir, 'out', 'morning'));
    expect(written.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect((await readdir(join(dir, 'deliveries'))).length).toBe(4);
  }, 90_000);

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), 'title: Mine\n');
    const io = { ...captureIO(dir), env: NO_BROWSER };
    expect(await runCli(['init'], io)).toBe(2);
    expect(io.err()).toMatch(/briefing\.config\.yaml already exists; nothing was written\. .*--force/);
    expect(await readFile(join(dir, 'briefing.config.yaml'), 'utf8')).toBe('title: Mine\n');
    expect(await readdir(dir)).toEqual(['briefing.config.yaml']);
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'articles', 'mine.txt'), 'An article.\n');
    expect(await runCli(['init', '--force'], { ...captureIO(dir), env: NO_BROWSER })).toBe(0);
    expect(await readFile(join(dir, 'briefing.config.yaml'), 'utf8')).toMatch(/^# briefing configuration/);
    expect(await readFile(join(dir, 'articles', 'mine.txt'), 'utf8')).toBe('An article.\n');
  });

  it.each(['briefing.config.json', 'briefing.config.yml', 'briefing.config.ts'])(
    'never writes a briefing.config.yaml that would shadow an existing %s, even with --force',
    async (name) => {
      const dir = await tempDir();
      await writeFile(join(dir, name), '{}\n');
      for (const args of [['init'], ['init', '--force']]) {
        const io = { ...captureIO(dir), env: NO_BROWSER };
        expect(await runCli(args, io)).toBe(2);
        expect(io.err()).toContain(`${name} already exists; nothing was written.`);
      }
      expect(await readdir(dir)).toEqual([name]);
    },
  );

  it('has --help on every command', async () => {
    for (const command of ['init', 'generate', 'schedule', 'status']) {
      const io = captureIO(await tempDir());
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`Usage: briefing ${command}`));
    }
  });
});

describe('how the hints say to run the program', () => {
  it('says briefing when the briefing on the PATH is this one', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bin'));
    await symlink(BIN_PATH, join(dir, 'bin', 'briefing'));
    expect(howToRun(dir, { PATH: `/nonexistent:${join(dir, 'bin')}` })).toBe('briefing');
  });

  it('says npx briefing in the checkout and in a project that depends on it, never where npx would download one', async () => {
    expect(howToRun(repoRoot, { PATH: '' })).toBe('npx briefing');
    expect(howToRun(join(repoRoot, 'docs'), { PATH: '' })).toBe('npx briefing');
    const project = await tempDir();
    await writeFile(join(project, 'package.json'), '{}\n');
    await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
    await mkdir(join(project, 'news'));
    expect(howToRun(join(project, 'news'), { PATH: '' })).toBe(`node ${BIN_PATH}`);
    await symlink(BIN_PATH, join(project, 'node_modules', '.bin', 'briefing'));
    expect(howToRun(join(project, 'news'), { PATH: '' })).toBe('npx briefing');
  });
});
