import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO } from '../helpers.js';
import { editionProject } from './helpers.js';

// Every Chromium the process starts, counted on its way to the real launch.
const launches = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/browser/launch-chromium.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/browser/launch-chromium.js')>();
  return {
    ...real,
    launchChromium: (...args: Parameters<typeof real.launchChromium>) => {
      launches.count += 1;
      return real.launchChromium(...args);
    },
  };
});

/** morning (JSON and PDF), evening (PDF) and noon (JSON only, which must not start the browser). */
const threeEditions = (evening = '') =>
  editionProject({
    formats: 'json, pdf',
    extra: `  - name: evening
    schedule: { cron: "0 18 * * *", timezone: UTC }
    formats: [pdf]
    window: { hours: 24 }
${evening}  - name: noon
    schedule: { cron: "0 12 * * *", timezone: UTC }
    formats: [json]
    window: { hours: 24 }
`,
  });

const isPdf = async (path: string) => (await readFile(path)).subarray(0, 5).toString('latin1') === '%PDF-';

describe('briefing generate --edition A --edition B', () => {
  it('runs the editions one after the other on one browser', async () => {
    const project = await threeEditions();
    launches.count = 0;
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    const args = ['generate', '--edition', 'morning', '--edition', 'noon', '--edition', 'evening', '--date', '2025-07-10', '--no-deliver'];
    expect(await runCli(args, io), io.err()).toBe(0);
    expect(await isPdf(join(project.dir, 'out', 'morning', 'briefing-2025-07-10.pdf'))).toBe(true);
    expect(await isPdf(join(project.dir, 'out', 'evening', 'briefing-2025-07-10.pdf'))).toBe(true);
    expect(existsSync(join(project.dir, 'out', 'noon', 'briefing-2025-07-10.json'))).toBe(true);
    expect(launches.count).toBe(1);
    expect(io.err().match(/edition (morning|noon|evening) of 2025-07-10: /g)).toEqual([
      'edition morning of 2025-07-10: ',
      'edition noon of 2025-07-10: ',
      'edition evening of 2025-07-10: ',
    ]);
  });

  it('an edition that fails does not stop the next; the command fails and says how many did', async () => {
    // Two stories at most in these articles: evening's minimum cannot be met.
    const project = await threeEditions('    minStories: 50\n');
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    const code = await runCli(['generate', '--edition', 'evening', '--edition', 'morning', '--date', '2025-07-10', '--no-deliver'], io);
    expect(code).toBe(7);
    expect(io.err()).toMatch(/edition "evening" of 2025-07-10 failed, nothing was delivered/);
    expect(io.err()).toMatch(/1 of 2 editions failed \(said above\); the others were produced\./);
    expect(await isPdf(join(project.dir, 'out', 'morning', 'briefing-2025-07-10.pdf'))).toBe(true);
    expect(existsSync(join(project.dir, 'out', 'evening'))).toBe(false);
  });

  it('a name the configuration does not have is refused before any edition runs', async () => {
    const project = await threeEditions();
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--edition', 'nigth', '--date', '2025-07-10'], io)).toBe(2);
    expect(io.err()).toMatch(/no edition is named "nigth"; the configuration has morning, evening, noon\./);
    expect(existsSync(join(project.dir, 'out'))).toBe(false);
  });
});
