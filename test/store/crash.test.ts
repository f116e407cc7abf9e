import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, openStore } from '../../src/store/index.js';
import { repoRoot } from '../helpers.js';
import { scratchDir } from './temp-store.js';

describe('a writer killed with SIGKILL in the middle of its work', () => {
  it('leaves a valid database holding every commit it reported, and nothing that blocks the next writer', async () => {
    const path = join(await scratchDir('briefing-crash-'), 'briefing.sqlite');
    const child = spawn(join(repoRoot, 'node_modules/.bin/vite-node'), [join(repoRoot, 'test/store/fixtures/writer.ts'), path], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        if ((out.match(/committed/g) ?? []).length >= 30) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${err}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const reported = (out.match(/committed \d+/g) ?? []).length;

    // Opening runs the integrity check: a damaged file would throw here.
    const store = await openStore(path, { busyTimeoutMs: 5_000 });
    const runs = await store.read((db) => listRuns(db, { edition: 'edition-0' }));
    // Every reported commit is on disk; at most the one in flight more, and never part of one.
    expect(runs.length).toBeGreaterThanOrEqual(reported);
    expect(runs.length).toBeLessThanOrEqual(reported + 1);
    expect((await store.read((db) => listRuns(db))).length).toBe(runs.length * 20);
    // The dead writer's lock died with it.
    await store.transaction((db) => void db.run('DELETE FROM runs'));
    expect(await store.read((db) => listRuns(db))).toEqual([]);
    await store.close();
  });
});
