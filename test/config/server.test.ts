import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultServerConcurrency, loadConfig } from '../../src/config/index.js';
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

describe('server: in the configuration', () => {
  it('fills the defaults: loopback, port 8080, no token, bounded uploads and queue', async () => {
    const config = await load('title: T\n');
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080, tokens: [], maxUploadFiles: 50, queueLimit: 20 });
    expect(config.server.concurrency).toBe(defaultServerConcurrency());
    expect(defaultServerConcurrency(2)).toBe(3);
    expect(defaultServerConcurrency(64)).toBe(5);
  });

  it('reads tokens from the file and BRIEFING_TOKENS, the environment replacing a token of the same name', async () => {
    const yaml = 'server:\n  host: 0.0.0.0\n  port: 9000\n  tokens:\n    - { name: desk, scope: read, token: aaaaaaaaaaaaaaaaaaaa }\n    - { name: ops, scope: admin, token: bbbbbbbbbbbbbbbbbbbb }\n';
    const config = await load(yaml, { BRIEFING_TOKENS: 'ops:admin:cccccccccccccccccccc, bot:read:dd:dddddddddddddddddd' });
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.server.port).toBe(9000);
    expect(config.server.tokens).toEqual([
      { name: 'desk', scope: 'read', token: 'aaaaaaaaaaaaaaaaaaaa' },
      { name: 'ops', scope: 'admin', token: 'cccccccccccccccccccc' },
      { name: 'bot', scope: 'read', token: 'dd:dddddddddddddddddd' },
    ]);
  });

  it('refuses short tokens, unknown scopes and unknown keys with the fix', async () => {
    await expect(load('server:\n  tokens: [{ name: a, scope: admin, token: short }]\n')).rejects.toThrow(/at least 16 characters/);
    await expect(load('title: T\n', { BRIEFING_TOKENS: 'a:owner:eeeeeeeeeeeeeeeeeeee' })).rejects.toThrow(/BRIEFING_TOKENS: "a": scope .*name:read:TOKEN or name:admin:TOKEN/);
    await expect(load('server:\n  prot: 80\n')).rejects.toThrow(/prot/);
  });
});
