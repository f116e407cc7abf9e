import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { seedsDir, tempDir } from '../helpers.js';

// Every loadTheme call is recorded: each one lists and stats every file of the theme's folders.
const loads = vi.hoisted(() => [] as string[]);
vi.mock('../../src/render/theme.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/render/theme.js')>();
  return {
    ...original,
    loadTheme: (...args: Parameters<typeof original.loadTheme>) => {
      loads.push(args[0] ?? original.DEFAULT_THEME);
      return original.loadTheme(...args);
    },
  };
});
const { produceBriefing } = await import('../../src/produce/index.js');

test('a run loads its theme once, for the page and its warnings, and the warnings are of the theme the page used', async () => {
  const dir = await tempDir();
  const config = await loadConfig({ cwd: dir, env: {} });
  const run = (theme?: string) =>
    produceBriefing({ config, date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z'), inputs: [seedsDir], formats: ['html', 'json'], theme });

  const plain = await run();
  expect(loads).toEqual(['default']);
  expect(plain.themeWarnings).toEqual([]);

  const themeDir = join(dir, 'house');
  await mkdir(join(themeDir, 'partials'), { recursive: true });
  await writeFile(join(themeDir, 'theme.json'), JSON.stringify({ name: 'house', extends: 'default' }));
  await writeFile(join(themeDir, 'partials', 'masthead.hbs'), '<h1>{{titel}}</h1>');
  loads.length = 0;
  const house = await run(themeDir);
  expect(loads).toEqual([themeDir]);
  expect(house.themeWarnings).toEqual([expect.stringMatching(/house\/partials\/masthead\.hbs:1:7: "titel" is not a field/)]);

  loads.length = 0;
  await produceBriefing({ config, date: '2025-07-11', timezone: 'UTC', now: new Date(), inputs: [seedsDir], formats: ['json'] });
  expect(loads).toEqual([]);
});
