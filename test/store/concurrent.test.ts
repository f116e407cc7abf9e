import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listOutbox, listRuns, openStore, STORE_SCHEMA_VERSION } from '../../src/store/index.js';
import { repoRoot } from '../helpers.js';
import { BACKENDS, freshDatabase } from './backends.js';
import { scratchDir } from './temp-store.js';

const ATTEMPTS = 40;

interface Contender {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ code: number | null; results: { i: number; claimed: boolean; enqueued: boolean }[]; stderr: string }>;
}

function contender(path: string, goFile: string): Contender {
  const child = spawn(join(repoRoot, 'node_modules/.bin/vite-node'), [join(repoRoot, 'test/store/fixtures/contender.ts'), path, goFile, String(ATTEMPTS)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.startsWith('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`contender exited before it was ready (${code}): ${stderr}`)));
  });
  const done = new Promise<Awaited<Contender['done']>>((resolve) =>
    child.on('close', (code) =>
      resolve({
        code,
        stderr,
        results: stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { i: number; claimed: boolean; enqueued: boolean }),
      }),
    ),
  );
  return { child, ready, done };
}

describe.each(BACKENDS)('two processes writing the same database at once, on %s', (backend) => {
  it('each run claim and each outbox key goes to exactly one of them, and no SQLITE_BUSY escapes', async () => {
    const dir = await scratchDir('briefing-concurrent-');
    // A fresh database: both processes also create and migrate it at the same moment.
    const path = await freshDatabase(backend);
    const goFile = join(dir, 'go');
    const a = contender(path, goFile);
    const b = contender(path, goFile);
    await Promise.all([a.ready, b.ready]);
    // Both start their attempts at the same instant, a little ahead.
    await writeFile(goFile, String(Date.now() + 300));
    const [ra, rb] = await Promise.all([a.done, b.done]);

    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(`${ra.stderr}${rb.stderr}`).not.toMatch(/SQLITE_BUSY|locked|40001|deadlock/);
    expect(ra.results).toHaveLength(ATTEMPTS);
    expect(rb.results).toHaveLength(ATTEMPTS);
    for (let i = 0; i < ATTEMPTS; i++) {
      expect([ra.results[i]!.claimed, rb.results[i]!.claimed].filter(Boolean), `claim ${i}`).toHaveLength(1);
      expect([ra.results[i]!.enqueued, rb.results[i]!.enqueued].filter(Boolean), `enqueue ${i}`).toHaveLength(1);
    }
    // They really raced for the same keys: each won some (the attempts are timed to start together).
    expect(ra.results.filter((r) => r.claimed).length).toBeGreaterThan(0);
    expect(rb.results.filter((r) => r.claimed).length).toBeGreaterThan(0);

    const store = await openStore(path);
    expect(await store.read((db) => listRuns(db))).toHaveLength(ATTEMPTS);
    expect(await store.read((db) => listOutbox(db))).toHaveLength(ATTEMPTS);
    // Each migration applied once, although both processes found the file new.
    expect((await store.read((db) => db.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version'))).map((r) => r.version)).toEqual(
      Array.from({ length: STORE_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    await store.close();
  });
});
