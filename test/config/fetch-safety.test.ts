import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/index.js';
import { tempDir } from '../helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fetch safety settings', () => {
  it('refuse private networks and allow two minutes per run by default', async () => {
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.fetch).toMatchObject({ allowPrivateNetworks: false, allowHosts: [], runDeadlineMs: 120_000 });
  });

  it('are read from the file', async () => {
    await writeFile(
      join(dir, 'briefing.config.yaml'),
      'fetch:\n  allowPrivateNetworks: true\n  allowHosts: [intranet.example, "*.corp.example", 10.1.2.0/24, "fd00::/8"]\n  runDeadlineMs: 30000\n',
    );
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.fetch).toMatchObject({
      allowPrivateNetworks: true,
      allowHosts: ['intranet.example', '*.corp.example', '10.1.2.0/24', 'fd00::/8'],
      runDeadlineMs: 30_000,
    });
  });

  it('name a bad allowHosts entry or deadline', () => {
    const problem = (text: string) => {
      try {
        parseConfigText(text, 'briefing.config.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(problem('fetch:\n  allowHosts: ["http://intranet.example/feed"]\n')).toContain('fetch.allowHosts[0]: a host name, *.domain, an IP address or a CIDR range');
    expect(problem('fetch:\n  runDeadlineMs: 0\n')).toContain('fetch.runDeadlineMs');
  });
});
