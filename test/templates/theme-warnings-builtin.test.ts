import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { tempDir } from '../helpers.js';

// Which themes the warnings walk reads: every call of validateTheme is recorded.
const walked = vi.hoisted(() => [] as string[]);
// Whether the walk's module was loaded at all (the factory runs when it is first imported).
const walkLoaded = vi.hoisted(() => ({ yes: false }));
vi.mock('../../src/templates/validate.js', async (importOriginal) => {
  walkLoaded.yes = true;
  const original = await importOriginal<typeof import('../../src/templates/validate.js')>();
  return {
    ...original,
    validateTheme: (path: string, options?: Parameters<typeof original.validateTheme>[1]) => {
      walked.push(path);
      return original.validateTheme(path, options);
    },
  };
});
const { themeWarnings } = await import('../../src/templates/theme-warnings.js');

test('the built-in themes are not walked, nor the walk loaded (the suite validates them with zero problems); a theme extending one is', async () => {
  const cwd = await tempDir('briefing-theme-warnings-');
  for (const name of ['default', 'compact', 'newsletter']) expect(await themeWarnings(name, { cwd })).toEqual([]);
  expect(walked).toEqual([]);
  expect(walkLoaded.yes).toBe(false);

  const themeDir = join(cwd, 'house');
  await mkdir(join(themeDir, 'partials'), { recursive: true });
  await writeFile(join(themeDir, 'theme.json'), JSON.stringify({ name: 'house', extends: 'default' }));
  await writeFile(join(themeDir, 'partials', 'masthead.hbs'), '<h1>{{titel}}</h1>');
  expect(await themeWarnings(themeDir, { cwd })).toEqual([expect.stringMatching(/^house\/partials\/masthead\.hbs:1:7: "titel" is not a field/)]);
  expect(walked).toEqual([themeDir]);
  expect(walkLoaded.yes).toBe(true);
});
