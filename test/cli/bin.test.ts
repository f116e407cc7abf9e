import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, seedsDir, tempDir } from '../helpers.js';

// The installed command as users run it; `npm test` builds dist/ first.
const bin = join(repoRoot, 'bin', 'briefing.js');

describe('the briefing executable', () => {
  it('is built', () => {
    expect(existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))).toBe(true);
  });

  it('exits 0 and writes the briefing, 2 on bad usage', async () => {
    const out = await tempDir();
    const ok = spawnSync(process.execPath, [bin, 'generate', '--input', seedsDir, '--out', out, '--date', '2025-07-11', '--format', 'json'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(out, 'briefing-2025-07-11.json'))).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'generate', '--format', 'docx'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format "docx"/);
  });
});
