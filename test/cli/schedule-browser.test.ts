import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { createScheduling } from '../../src/cli/schedule.js';
import { loadConfig } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { editionProject } from '../edition/helpers.js';

let browser: BrowserManager | undefined;
let store: Store | undefined;

afterEach(async () => {
  await browser?.close();
  await store?.close();
  browser = undefined;
  store = undefined;
});

describe('the scheduler prints every edition on one browser', () => {
  it('two PDF editions due at once: one Chromium launch, two PDFs', async () => {
    const project = await editionProject({
      formats: 'json, pdf',
      extra: `  - name: evening
    schedule: { cron: "0 6 * * *", timezone: UTC }
    formats: [pdf]
    window: { hours: 24 }
    staleAfterDays: 1
`,
    });
    const config = await loadConfig({ cwd: project.dir, env: {} });
    store = await openStore(config.database);
    browser = new BrowserManager();
    const lines: Record<string, unknown>[] = [];
    const scheduling = createScheduling({
      config: () => config,
      store,
      browser,
      now: () => new Date('2025-07-11T06:00:05Z'),
      env: {},
      print: (line) => void lines.push(line as unknown as Record<string, unknown>),
    });
    const runs = await Promise.all([scheduling.scheduler.trigger('morning', 'tick'), scheduling.scheduler.trigger('evening', 'tick')]);
    expect(runs.map((r) => (r.ran ? r.outcome.status : r.reason)), JSON.stringify(lines.filter((l) => l.level === 'error'))).toEqual(['success', 'success']);
    expect(browser.stats().launches).toBe(1);
    const pdfs = [...(await readdir(join(project.dir, 'out', 'morning'))), ...(await readdir(join(project.dir, 'out', 'evening')))].filter((n) => n.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    await scheduling.stop(0);
  });
});
