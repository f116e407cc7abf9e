import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/index.js';
import { editionWindow } from '../../src/edition/filters.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { EngineThreads } from '../../src/produce/engine-threads.js';
import { getEdition, listRuns, openStore } from '../../src/store/index.js';
import { captureIO } from '../helpers.js';
import { deferred, ManualClock, ManualTimers } from '../schedule/helpers.js';
import { editionProject } from './helpers.js';

/** An edition run aborted as it starts (on this thread, or given to the engine's threads): nothing written, recorded aborted. */
async function abortedRun(engine?: EngineThreads): Promise<void> {
  const project = await editionProject();
  const config = await loadConfig({ cwd: project.dir, env: {} });
  const store = await openStore(project.db);
  try {
    const controller = new AbortController();
    const stages: string[] = [];
    const running = runEdition(config, 'morning', {
      date: '2025-07-10',
      now: new Date('2025-07-11T09:00:00Z'),
      deliver: true,
      signal: controller.signal,
      store,
      engine,
      onStage: (event) => stages.push(`${event.stage}:${event.phase}`),
    });
    // Reading the articles takes real I/O, so this lands while the run is generating.
    setImmediate(() => controller.abort(new Error('shutting down')));
    const outcome = await running;
    expect(outcome).toMatchObject({ status: 'aborted', error: 'shutting down', edition: 'morning', date: '2025-07-10' });
    // On this thread the abort is seen once the engine is done; a thread is ended in the middle of it.
    expect(stages.includes('compose:end')).toBe(engine === undefined);
    expect(existsSync(join(project.dir, 'out'))).toBe(false);
    expect(existsSync(join(project.dir, 'drop'))).toBe(false);
    expect(await store.read((db) => getEdition(db, 'morning', '2025-07-10'))).toMatchObject({ status: 'aborted', error: 'shutting down', outputs: [] });
  } finally {
    await store.close();
  }
}

describe('runEdition', () => {
  it('writes nothing and records the edition as aborted when its signal aborts mid-run', () => abortedRun());

  it('applies the edition\'s outlet and keyword filters, listing what they left out', async () => {
    const project = await editionProject({ extra: '    filters: { outlets: [Harbour Gazette], exclude: [mediation] }\n    minStories: 0\n' });
    const config = await loadConfig({ cwd: project.dir, env: {} });
    const store = await openStore(project.db);
    try {
      // No window limit matters here: 11 July at 23:00 covers the 11th only.
      const outcome = await runEdition(config, 'morning', { date: '2025-07-11', now: new Date('2025-07-12T09:00:00Z'), deliver: false, store });
      expect(outcome.status).toBe('success');
      const b = outcome.briefing!;
      expect(b.articles.map((a) => a.id)).toEqual([]);
      const reasons = b.excluded.map((e) => e.reason);
      expect(reasons.some((r) => /outlet Amsterdam Post is not one of the edition's outlets/.test(r))).toBe(true);
      expect(reasons.some((r) => /left out by the edition's include\/exclude keywords/.test(r))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('runEdition on the engine\'s threads', () => {
  let threads: EngineThreads;
  beforeAll(() => {
    threads = new EngineThreads({ threads: 1 });
  });
  afterAll(() => threads.close());

  it('filters as on this thread: the edition\'s filter crosses as data and is made on the thread', async () => {
    const project = await editionProject({ extra: '    filters: { outlets: [Harbour Gazette], exclude: [mediation] }\n    minStories: 0\n' });
    const config = await loadConfig({ cwd: project.dir, env: {} });
    const store = await openStore(project.db);
    try {
      const run = (engine?: EngineThreads) =>
        runEdition(config, 'morning', { date: '2025-07-11', now: new Date('2025-07-12T09:00:00Z'), deliver: false, store, engine });
      const here = await run();
      const threaded = await run(threads);
      expect(threaded.status).toBe('success');
      expect(threaded.briefing!.excluded).toEqual(here.briefing!.excluded);
      const reasons = threaded.briefing!.excluded.map((e) => e.reason);
      expect(reasons.some((r) => /outlet Amsterdam Post is not one of the edition's outlets/.test(r))).toBe(true);
      expect(reasons.some((r) => /outside the edition's window/.test(r))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('writes nothing and records the edition as aborted when its signal aborts a run given to the threads', () => abortedRun(threads));
});

describe('an edition\'s sources', () => {
  it('reads only the top-level sources it names', async () => {
    const project = await editionProject({ extra: '    sources: [day9]\n    minStories: 0\n' });
    const configText = readFileSync(project.configPath, 'utf8').replace(
      '  - { name: desk, kind: path, location: articles/ }',
      '  - { name: desk, kind: path, location: articles/ }\n  - { name: day9, kind: path, location: articles/2025-07-09 }',
    );
    writeFileSync(project.configPath, configText);
    const config = await loadConfig({ cwd: project.dir, env: {} });
    const store = await openStore(project.db);
    try {
      const outcome = await runEdition(config, 'morning', { date: '2025-07-11', now: new Date('2025-07-12T09:00:00Z'), deliver: false, store });
      // Only the 9th's folder is read (and its articles are outside the 11th's window): the 11th's articles never appear.
      expect(outcome.briefing!.stats.inputs).toBe(2);
      expect(outcome.briefing!.excluded.map((e) => e.path).every((p) => p.includes('2025-07-09'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('editionWindow', () => {
  it('ends at the end of a past date in the edition\'s zone, and at now for today', () => {
    expect(editionWindow(24, '2025-07-10', 'Europe/London', new Date('2025-07-12T00:00:00Z'))).toEqual({
      start: new Date('2025-07-09T23:00:00Z'),
      end: new Date('2025-07-10T23:00:00Z'),
    });
    expect(editionWindow(6, '2025-07-10', 'UTC', new Date('2025-07-10T07:30:00Z'))).toEqual({
      start: new Date('2025-07-10T01:30:00Z'),
      end: new Date('2025-07-10T07:30:00Z'),
    });
  });
});

describe('briefing schedule, wired in-process with an injected clock and timers', () => {
  it('runs the occurrence that is due for its own date, logs JSON lines, and stops on the shutdown signal', async () => {
    const project = await editionProject();
    const clock = new ManualClock('2025-07-10T05:59:00Z');
    const timers = new ManualTimers();
    // Once the scheduler has armed its timer, 06:00 comes.
    const fireAt6 = (): void => {
      if (timers.pending.size === 0) return void setImmediate(fireAt6);
      clock.set('2025-07-10T06:00:00Z');
      timers.fireAll();
    };
    const stop = deferred<string>();
    const io = captureIO(project.dir);
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    const finished = deferred<void>();
    const stdout = Object.assign(
      new Writable({
        write(chunk, _e, callback) {
          buffered += String(chunk);
          for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
            const line = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
            buffered = buffered.slice(nl + 1);
            lines.push(line);
            if (line.event === 'scheduler.start') setImmediate(fireAt6);
            if (line.event === 'run.finish') finished.resolve();
          }
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
    const exit = runCli(['schedule'], { ...io, stdout, now: () => clock.now(), timers, shutdown: () => stop.promise });
    await finished.promise;
    stop.resolve('SIGTERM');
    expect(await exit, io.err()).toBe(0);

    expect(timers.pending.size).toBe(0);
    expect(lines.find((l) => l.event === 'run.start')).toMatchObject({ edition: 'morning', scheduledFor: '2025-07-10T06:00:00.000Z', trigger: 'tick' });
    expect(lines.find((l) => l.event === 'run.finish')).toMatchObject({ status: 'success' });
    expect(lines.filter((l) => l.event === 'run.stage').map((l) => l.stage)).toEqual(['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'memory', 'render', 'write']);
    expect(lines.at(-1)).toMatchObject({ event: 'scheduler.stop' });
    expect(existsSync(join(project.dir, 'out', 'morning', 'briefing-2025-07-10.json'))).toBe(true);
    const store = await openStore(project.db);
    try {
      expect(await store.read((db) => listRuns(db))).toMatchObject([{ edition: 'morning', scheduledFor: '2025-07-10T06:00:00.000Z', outcome: 'ok' }]);
    } finally {
      await store.close();
    }
  });
});
