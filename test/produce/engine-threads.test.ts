import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeeds, writeCorpus } from '../../src/bench/corpus.js';
import { generateBriefing, type StageEvent } from '../../src/pipeline.js';
import { EngineThreadError, EngineThreads, OutOfMemoryError } from '../../src/produce/engine-threads.js';
import { sourcesFromInputs } from '../../src/sources/index.js';
import { seedsDir, tempDir } from '../helpers.js';

// The threads load the built engine (dist/), as `briefing serve` does; `npm test` builds it first.
const now = new Date('2025-07-11T06:00:00Z');
const runOf = (inputs: string[]) => ({ sources: sourcesFromInputs(inputs), date: '2025-07-11', timezone: 'UTC', now });

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
  }, 5);
  try {
    await work();
    longest = Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe('EngineThreads', () => {
  let threads: EngineThreads;
  let bigDay: string;
  beforeAll(async () => {
    threads = new EngineThreads({ threads: 2 });
    // 400 articles made from the seeds (each a rotated copy with a line of its own): every one read, cleaned and
    // analysed, enough for a stage to hold a thread for a good part of a second.
    bigDay = await tempDir();
    const seeds = await readSeeds(seedsDir);
    await writeCorpus(bigDay, seeds, 400);
  });
  afterAll(async () => {
    await threads.close();
    await rm(bigDay, { recursive: true, force: true });
  });

  it('makes the briefing the engine makes on this thread, and reports every stage as it ends', async () => {
    const events: StageEvent[] = [];
    const threaded = await threads.generate({ ...runOf([seedsDir]), onStage: (event) => events.push(event) });
    const here = await generateBriefing(runOf([seedsDir]));
    expect(threaded.briefing).toEqual(here.briefing);
    expect(threaded.failedSources).toEqual(here.failedSources);
    expect(events.map((e) => `${e.stage}:${e.phase}`)).toEqual(
      ['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose'].flatMap((stage) => [`${stage}:start`, `${stage}:end`]),
    );
    expect(threaded.briefing.threads.length).toBeGreaterThan(0);
  });

  it('leaves the event loop free while a big run works, where the same run on this thread holds it', async () => {
    const here = await longestStall(() => generateBriefing(runOf([bigDay])));
    const threaded = await longestStall(() => threads.generate(runOf([bigDay])));
    expect(here).toBeGreaterThan(300);
    expect(threaded).toBeLessThan(here / 4);
  });

  it('ends a run at once when it is aborted, with the reason given, and runs the next one', async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const run = threads.generate({ ...runOf([bigDay]), signal: controller.signal, onStage: (e) => stages.push(`${e.stage}:${e.phase}`) });
    // Aborted in the middle of the engine's work, not between two stages.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = performance.now();
    controller.abort(new Error('the server is stopping'));
    await expect(run).rejects.toThrow('the server is stopping');
    // Ending a thread takes milliseconds; the run's remaining stages take well over a second on this day.
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(stages).not.toContain('compose:end');
    const next = await threads.generate(runOf([seedsDir]));
    expect(next.briefing.threads.length).toBeGreaterThan(0);
  });

  it('fails a run that outgrows its thread\'s heap alone, saying what to change, and runs the next one', async () => {
    // 2,000 articles need well over 32 MB of heap; the seeds' five fit.
    const biggerDay = await tempDir();
    const small = new EngineThreads({ threads: 1, memoryMb: 32 });
    try {
      const seeds = await readSeeds(seedsDir);
      await writeCorpus(biggerDay, seeds, 2_000);
      const run = small.generate({ ...runOf([biggerDay]), maxArticles: 20_000 });
      await expect(run).rejects.toThrow(OutOfMemoryError);
      await expect(run).rejects.toThrow(/ran out of memory on this run \(at most 20,000 articles, heap limit about 32 MB\): lower maxArticles .* NODE_OPTIONS=--max-old-space-size/);
      const next = await small.generate(runOf([seedsDir]));
      expect(next.briefing.threads.length).toBeGreaterThan(0);
    } finally {
      await small.close();
      await rm(biggerDay, { recursive: true, force: true });
    }
  });

  it('fails the runs waiting for a thread that cannot start, each time, instead of leaving them waiting', async () => {
    // A heap too small for the engine's modules: no thread of this pool ever starts.
    const broken = new EngineThreads({ threads: 1, memoryMb: 4 });
    try {
      // The first run has a thread, which dies loading the engine; the next waits for one that never starts.
      await expect(broken.generate(runOf([seedsDir]))).rejects.toThrow(/ran out of memory|could not start/);
      const next = broken.generate(runOf([seedsDir]));
      await expect(next).rejects.toThrow(EngineThreadError);
      await expect(next).rejects.toThrow(/the engine's thread could not start: .*memory/);
    } finally {
      await broken.close();
    }
  }, 20_000);
});
