import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { repoRoot, tempDir } from '../helpers.js';

/** A project that has briefing installed (a link to this checkout, whose dist/ `npm test` builds). */
async function project(configSource: string): Promise<string> {
  const dir = await tempDir('briefing-tsconfig-');
  await mkdir(join(dir, 'node_modules'));
  await symlink(repoRoot, join(dir, 'node_modules', 'briefing'), 'dir');
  await writeFile(join(dir, 'briefing.config.ts'), configSource);
  return dir;
}

describe('briefing.config.ts', () => {
  it('is found, compiled and validated like the YAML file, with defineConfig from the package', async () => {
    const dir = await project(`import { defineConfig, type BriefingConfigFile } from 'briefing';

const zone: string = 'Europe/London';
const morning: NonNullable<BriefingConfigFile['editions']>[number] = {
  name: 'morning',
  schedule: { cron: '0 6 * * 1-5', timezone: zone },
  formats: ['json'],
};

export default defineConfig({ title: 'Typed Brief', timezone: zone, editions: [morning] });
`);
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.file).toBe(join(dir, 'briefing.config.ts'));
    expect(config.title).toBe('Typed Brief');
    expect(config.editions.map((e) => [e.name, e.schedule.cron, e.schedule.timezone])).toEqual([['morning', '0 6 * * 1-5', 'Europe/London']]);
  });

  it('reports a bad key of a typed configuration with its path, as for YAML', async () => {
    const dir = await project(`export default { title: 'x', editions: [{ name: 'morning', schedule: { cron: '0 6 * * *', timezone: 'Mars/Base' } }] };\n`);
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(/briefing\.config\.ts: editions\[0\]\.schedule\.timezone/);
  });

  it('names the file when the module itself fails to load', async () => {
    const dir = await project(`export default {{ not typescript`);
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(/briefing\.config\.ts: cannot load the configuration module/);
  });
});
