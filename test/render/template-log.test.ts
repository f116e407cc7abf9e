import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTheme } from '../../src/render/theme.js';
import { tempDir } from '../helpers.js';

let dir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('{{log}} in a theme', () => {
  it('writes to stderr, never to stdout where the scheduler writes its JSON lines', async () => {
    dir = await tempDir('briefing-log-theme-');
    await mkdir(join(dir, 'chatty'));
    await writeFile(join(dir, 'chatty', 'theme.json'), JSON.stringify({ name: 'chatty', extends: 'default' }));
    await writeFile(join(dir, 'chatty', 'layout.hbs'), '{{log "rendering" title 3}}{{log "hidden" level="debug"}}{{log "careful" level="warn"}}<h1>{{title}}</h1>');
    const theme = await loadTheme('./chatty', dir);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const info = vi.spyOn(console, 'info');
    const html = theme.layout({ title: 'Morning' });
    const out = stdout.mock.calls.map((c) => String(c[0])).join('');
    const err = stderr.mock.calls.map((c) => String(c[0])).join('');
    const infoCalls = info.mock.calls.length;
    vi.restoreAllMocks();
    expect(html).toBe('<h1>Morning</h1>');
    expect(out).toBe('');
    expect(infoCalls).toBe(0);
    expect(err).toBe('briefing: template info: rendering Morning 3\nbriefing: template warn: careful\n');
  });
});
