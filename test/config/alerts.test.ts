import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function load(yaml: string, env: Record<string, string> = {}) {
  const dir = await tempDir();
  dirs.push(dir);
  await writeFile(join(dir, 'briefing.config.yaml'), yaml);
  return loadConfig({ cwd: dir, env });
}

const smtp = 'smtp: { host: 127.0.0.1, port: 2525, from: "Brief <b@example.org>" }\n';

describe('alerts: and the run policies in the configuration', () => {
  it('resolves alerts with a 60-minute default interval, the webhook secret from the environment', async () => {
    const config = await load(`${smtp}alerts:\n  email: [ops@example.org]\n  webhook: { url: "https://hooks.example/a" }\n`, { BRIEFING_WEBHOOK_SECRET: 'envsecret' });
    expect(config.alerts).toEqual({ email: ['ops@example.org'], webhook: { url: 'https://hooks.example/a', secret: 'envsecret' }, minIntervalMinutes: 60 });
  });

  it('refuses e-mail alerts without smtp:, and an alerts: section with no channel', async () => {
    await expect(load('alerts:\n  email: [ops@example.org]\n')).rejects.toThrow(/alerts\.email: e-mail alerts need an smtp: section/);
    await expect(load(`${smtp}alerts:\n  minIntervalMinutes: 5\n`)).rejects.toThrow(/alerts: give email: \[addresses\] and\/or webhook: \{ url: \.\.\. \}/);
  });

  it('fills minStories and onSourceFailure from one set of defaults; the top level sets onSourceFailure for every edition', async () => {
    const editions = 'editions:\n  - { name: a, schedule: { cron: "0 6 * * *", timezone: UTC } }\n  - { name: b, schedule: { cron: "0 6 * * *", timezone: UTC }, minStories: 4, onSourceFailure: warn }\n';
    const plain = await load(editions);
    expect(plain.editions.map((e) => [e.minStories, e.onSourceFailure])).toEqual([[1, 'warn'], [4, 'warn']]);
    const strict = await load(`onSourceFailure: fail\n${editions}`);
    expect(strict.editions.map((e) => [e.minStories, e.onSourceFailure])).toEqual([[1, 'fail'], [4, 'warn']]);
    await expect(load('onSourceFailure: ignore\n')).rejects.toThrow(/onSourceFailure: expected one of warn, fail/);
  });
});
