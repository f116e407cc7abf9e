import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { STARTER_CONFIG } from '../../src/cli/init.js';
import { loadConfig } from '../../src/config/index.js';
import { captureIO, tempDir } from '../helpers.js';

describe('briefing init', () => {
  it('writes a commented configuration that loads and validates, with a schedulable edition', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli(['init'], io), io.err()).toBe(0);
    const text = await readFile(join(dir, 'briefing.config.yaml'), 'utf8');
    expect(text).toBe(STARTER_CONFIG);
    expect(text).toMatch(/^# briefing configuration/);
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.database).toBe(join(dir, 'data/briefing.sqlite'));
    expect(config.editions.map((e) => e.name)).toEqual(['morning']);
    expect(config.editions[0]).toMatchObject({ schedule: { cron: '0 6 * * 1-5', timezone: 'Europe/London' }, windowHours: 24, formats: ['html', 'json', 'md'] });
    expect(config.editions[0]!.recipients).toEqual([{ channel: 'file', dir: join(dir, 'deliveries') }]);
    // And the commands that read it accept it.
    const status = captureIO(dir, new Date('2025-07-11T12:00:00Z'));
    expect(await runCli(['status'], status), status.err()).toBe(0);
    expect(status.out()).toContain('next run:      2025-07-14T06:00:00+01:00 (2025-07-14T05:00:00.000Z UTC)');
  });

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), 'title: Mine\n');
    const io = captureIO(dir);
    expect(await runCli(['init'], io)).toBe(2);
    expect(io.err()).toMatch(/briefing\.config\.yaml already exists; nothing was written\. .*--force/);
    expect(await readFile(join(dir, 'briefing.config.yaml'), 'utf8')).toBe('title: Mine\n');
    expect(await runCli(['init', '--force'], captureIO(dir))).toBe(0);
    expect(await readFile(join(dir, 'briefing.config.yaml'), 'utf8')).toBe(STARTER_CONFIG);
  });

  it('has --help on every command', async () => {
    for (const command of ['init', 'generate', 'schedule', 'status']) {
      const io = captureIO(await tempDir());
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`Usage: briefing ${command}`));
    }
  });
});
