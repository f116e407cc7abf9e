import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { deliveryOutbox } from '../../src/deliver/index.js';
import { claimRun, openStore } from '../../src/store/index.js';
import { editionProject } from '../edition/helpers.js';
import { captureIO, repoRoot } from '../helpers.js';

const main = join(repoRoot, 'src/cli/main.ts');
const viteNode = join(repoRoot, 'node_modules/vite-node/vite-node.mjs');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('briefing status after a scheduler was killed with kill -9', () => {
  it('says running while it runs, then not running; its unfinished run is "interrupted", its lapsed send "retrying now"', async () => {
    const project = await editionProject({ cron: '0 6 1 1 *' });
    cleanup.push(() => rm(project.dir, { recursive: true, force: true }));
    const child = spawn(process.execPath, [viteNode, main, 'schedule'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const gone = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    cleanup.push(async () => void (child.kill('SIGKILL'), await gone));
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += String(chunk);
        if (stdout.includes('"scheduler.start"')) resolve();
      });
      child.on('close', () => reject(new Error(`the scheduler exited early: ${stdout}`)));
    });

    const live = captureIO(project.dir, new Date());
    expect(await runCli(['status'], live), live.err()).toBe(0);
    expect(live.out()).toMatch(new RegExp(`^scheduler: running \\(pid ${child.pid} on .+, last seen \\d+ s ago\\)$`, 'm'));

    child.kill('SIGKILL');
    expect(await gone).toBe('SIGKILL');

    // What a scheduler killed mid-run leaves behind: a claimed run never finished, a send whose lease ran out.
    const store = await openStore(project.db);
    try {
      const claimedAt = new Date(Date.now() - 10 * 60_000);
      await store.transaction((db) => claimRun(db, 'morning', '2025-07-11T06:00:00.000Z', claimedAt));
      const outbox = deliveryOutbox(store);
      const key = { edition: 'morning', date: '2025-07-11', channel: 'email' as const, recipient: 'ann@example.org' };
      await outbox.enqueue(key, claimedAt);
      await outbox.claim(key, '<id@briefing.test>', new Date(claimedAt.getTime() + 5 * 60_000), claimedAt);
    } finally {
      await store.close();
    }

    const after = captureIO(project.dir, new Date());
    expect(await runCli(['status'], after), after.err()).toBe(0);
    expect(after.out()).toMatch(/^scheduler: not running \(last seen \S+, \d+ s ago\)$/m);
    expect(after.out()).toContain('last run:      2025-07-11T06:00:00.000Z interrupted (the scheduler stopped during the run)');
    expect(after.out()).not.toContain('unfinished');
    expect(after.out()).toMatch(/pending {2}morning 2025-07-11 email ann@example\.org: retrying now: its sender stopped \(lease ran out at /);
    expect(after.out()).toContain('morning 2025-07-11: 0 sent, 1 pending, 0 failed');
  }, 60_000);
});
