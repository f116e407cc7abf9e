import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserManager } from '../../../src/browser/browser-manager.js';
import { loadConfig } from '../../../src/config/index.js';
import type { JobEvent } from '../../../src/serve/context.js';
import { createJobRunner, JobQueueFullError, type JobRunner } from '../../../src/serve/jobs/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { seedsDir, tempDir } from '../../helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const SEEDS = ['000_05e9f8036be27b38.txt', '001_855e24eac737cc7a.txt', '002_1550f4f9e6e3dec6.txt'];

async function setup(options: { concurrency?: number; queueLimit?: number; keepJobs?: number; idempotencyMs?: number; now?: () => Date } = {}) {
  const dir = await tempDir('briefing-jobs-');
  const config = await loadConfig({ cwd: dir, env: {} });
  const store: Store = await openStore(join(dir, 'briefing.sqlite'));
  const browser = new BrowserManager();
  const jobsDir = join(dir, 'jobs');
  await mkdir(jobsDir, { recursive: true });
  await writeFile(join(jobsDir, 'left-by-a-crash.txt'), 'stale');
  const logs: Record<string, unknown>[] = [];
  const runner = await createJobRunner({
    config,
    store,
    browser,
    jobsDir,
    concurrency: options.concurrency ?? 1,
    queueLimit: options.queueLimit ?? 5,
    keepJobs: options.keepJobs,
    idempotencyMs: options.idempotencyMs,
    now: options.now,
    log: (line) => void logs.push(line),
  });
  closers.push(async () => {
    await runner.close({ deadlineMs: 5000 });
    await browser.close();
    await store.close();
  });
  return { dir, runner, jobsDir, logs };
}

/** A staging folder holding the seed articles, as the upload reader leaves it. */
async function staged(runner: JobRunner): Promise<{ stagingDir: string; files: string[] }> {
  const stagingDir = await runner.createStaging();
  const files: string[] = [];
  for (const name of SEEDS) {
    await copyFile(join(seedsDir, name), join(stagingDir, name));
    files.push(join(stagingDir, name));
  }
  return { stagingDir, files };
}

function finished(runner: JobRunner, id: string): Promise<JobEvent[]> {
  return new Promise((resolve) => {
    const events: JobEvent[] = [];
    runner.subscribe(id, (event) => {
      events.push(event);
      if (event.type !== 'stage') resolve(events);
    });
  });
}

describe('the job runner', () => {
  it('empties its folder at start, runs jobs in order one at a time, refuses past the queue limit, and deletes uploads when a job ends', async () => {
    const { runner, jobsDir, logs } = await setup({ concurrency: 1, queueLimit: 1 });
    expect(await readdir(jobsDir)).toEqual([]);
    const first = await staged(runner);
    const second = await staged(runner);
    const a = runner.submitBriefing({ files: first.files, urls: [], formats: ['json'] }, { stagingDir: first.stagingDir });
    const b = runner.submitBriefing({ files: second.files, urls: [], formats: ['json'] }, { stagingDir: second.stagingDir });
    // The first starts at once, the second waits its turn.
    expect([a.state, b.state]).toEqual(['running', 'queued']);
    const third = await staged(runner);
    expect(() => runner.submitBriefing({ files: third.files, urls: [], formats: ['json'] }, { stagingDir: third.stagingDir })).toThrow(JobQueueFullError);
    // A refused request's uploads are removed at once.
    await expect.poll(() => existsSync(third.stagingDir), { timeout: 20_000 }).toBe(false);

    const [eventsA, eventsB] = await Promise.all([finished(runner, a.id), finished(runner, b.id)]);
    expect(eventsA.at(-1)!.type).toBe('done');
    expect(eventsB.at(-1)!.type).toBe('done');
    const order = logs.filter((l) => l.event === 'job.start' || l.event === 'job.end').map((l) => `${String(l.event)} ${l.job === a.id ? 'a' : 'b'}`);
    expect(order).toEqual(['job.start a', 'job.end a', 'job.start b', 'job.end b']);
    expect(existsSync(first.stagingDir)).toBe(false);
    expect(existsSync(second.stagingDir)).toBe(false);
    expect((await readdir(jobsDir)).sort()).toEqual([a.id, b.id].sort());
    const view = runner.get(a.id)!;
    expect(view.outputs.json).toMatch(new RegExp(`^/api/jobs/${a.id}/briefing-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    expect(runner.outputPath(a.id, view.outputs.json!.split('/').pop()!)).toMatch(new RegExp(`${a.id}/briefing-.*\\.json$`));
    for (const bad of ['../../briefing.sqlite', `../${b.id}/x.json`, '', '.']) expect(runner.outputPath(a.id, bad)).toBeUndefined();
    expect(runner.outputPath('nope', 'briefing.json')).toBeUndefined();
  });

  it('gives the same job for the same Idempotency-Key and principal, another for another principal or after the key expired', async () => {
    let at = new Date('2026-12-04T10:00:00Z');
    const { runner } = await setup({ idempotencyMs: 60_000, now: () => at });
    const desk = { name: 'desk', scope: 'admin' as const };
    const request = { files: [join(seedsDir, SEEDS[0]!)], urls: [], formats: ['json' as const] };
    const a = runner.submitBriefing(request, { idempotencyKey: 'k1', principal: desk });
    expect(runner.submitBriefing(request, { idempotencyKey: 'k1', principal: desk }).id).toBe(a.id);
    const other = runner.submitBriefing(request, { idempotencyKey: 'k1', principal: { name: 'ops', scope: 'admin' } });
    expect(other.id).not.toBe(a.id);
    at = new Date(at.getTime() + 61_000);
    expect(runner.submitBriefing(request, { idempotencyKey: 'k1', principal: desk }).id).not.toBe(a.id);
  });

  it('replays every event to a late subscriber; one that leaves early does not stop the job; a failure says why', async () => {
    const { runner } = await setup();
    const job = runner.submitBriefing({ files: [join(seedsDir, SEEDS[0]!)], urls: [], formats: ['json'] });
    const leave = runner.subscribe(job.id, () => {});
    leave();
    const live = await finished(runner, job.id);
    const replay: JobEvent[] = [];
    runner.subscribe(job.id, (event) => replay.push(event));
    expect(replay).toEqual(live);
    expect(live.at(-1)!.type).toBe('done');
    expect(live.filter((e) => e.type === 'stage' && e.phase === 'start').map((e) => e.stage)).toEqual(['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'render', 'write']);

    const empty = await tempDir('briefing-empty-');
    const failed = runner.submitBriefing({ files: [empty], urls: [], formats: ['json'] });
    const events = await finished(runner, failed.id);
    expect(events.at(-1)!.type).toBe('failed');
    expect(events.at(-1)!.message).toBeTruthy();
    expect(runner.get(failed.id)!.errors.length).toBeGreaterThan(0);
  });

  it('forgets finished jobs past keepJobs and removes their files; close() fails queued jobs and removes its folder', async () => {
    const { runner, jobsDir } = await setup({ keepJobs: 1 });
    const request = { files: [join(seedsDir, SEEDS[0]!)], urls: [], formats: ['json' as const] };
    const a = runner.submitBriefing(request);
    await finished(runner, a.id);
    const b = runner.submitBriefing(request);
    await finished(runner, b.id);
    await expect.poll(() => runner.get(a.id), { timeout: 20_000 }).toBeUndefined();
    await expect.poll(() => existsSync(join(jobsDir, a.id)), { timeout: 20_000 }).toBe(false);
    expect(runner.get(b.id)!.state).toBe('done');

    const running = runner.submitBriefing(request);
    const queued = runner.submitBriefing(request);
    const queuedEnd = finished(runner, queued.id);
    await runner.close({ deadlineMs: 10_000 });
    expect(runner.get(running.id)!.state).toBe('done');
    expect((await queuedEnd).at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/shut down before the job started/) });
    expect(existsSync(jobsDir)).toBe(false);
    expect(() => runner.submitBriefing(request)).toThrow(/shutting down/);
  });
});
