import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { loadConfig } from '../../src/config/index.js';
import { produceBriefing, type ProduceStageEvent } from '../../src/produce/index.js';
import { EditionRunFailedError } from '../../src/util/errors.js';
import { seedsDir, tempDir } from '../helpers.js';

const now = new Date('2025-07-11T06:00:00Z');

async function base(dir: string) {
  const config = await loadConfig({ cwd: dir, env: {} });
  return { config, date: '2025-07-11', timezone: 'UTC', now };
}

describe('produceBriefing', () => {
  it('returns the outputs without writing when no outDir is given, and reports every stage in order', async () => {
    const dir = await tempDir();
    const events: ProduceStageEvent[] = [];
    const produced = await produceBriefing({ ...(await base(dir)), inputs: [seedsDir], formats: ['json', 'md'], onStage: (e) => events.push(e) });
    expect(produced.outputs.map((o) => o.filename)).toEqual(['briefing-2025-07-11.json', 'briefing-2025-07-11.md']);
    expect(produced.written).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect(produced.briefing.threads.length).toBeGreaterThan(0);
    const ended = events.filter((e) => e.phase === 'end').map((e) => e.stage);
    expect(ended).toEqual(['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'render']);
    expect(produced.stages.map((s) => s.name)).toEqual(ended);
  });

  it('writes every output into outDir when given', async () => {
    const dir = await tempDir();
    const produced = await produceBriefing({ ...(await base(dir)), inputs: [seedsDir], formats: ['json', 'html'], outDir: join(dir, 'out') });
    expect(produced.written).toEqual([join(dir, 'out', 'briefing-2025-07-11.json'), join(dir, 'out', 'briefing-2025-07-11.html')]);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['briefing-2025-07-11.html', 'briefing-2025-07-11.json']);
    expect(produced.stages.at(-1)?.name).toBe('write');
  });

  it('writes without flushing to the disk when asked not to flush (outputs that need not survive a crash)', async () => {
    const dir = await tempDir();
    const handle = await open(join(dir, 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(handle) as { sync(): Promise<void> }, 'sync');
    await handle.close();
    onTestFinished(() => sync.mockRestore());
    const produced = await produceBriefing({ ...(await base(dir)), inputs: [seedsDir], formats: ['json', 'md'], outDir: join(dir, 'out'), flush: false });
    expect(sync).not.toHaveBeenCalled();
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['briefing-2025-07-11.json', 'briefing-2025-07-11.md']);
    expect(await readFile(produced.written[0]!, 'utf8')).toBe(String(produced.outputs[0]!.content));
    await produceBriefing({ ...(await base(dir)), inputs: [seedsDir], formats: ['json', 'md'], outDir: join(dir, 'flushed') });
    expect(sync).toHaveBeenCalledTimes(3);
  });

  it('a run without a PDF leaves the shared browser it is given alone (no launch, no page)', async () => {
    const dir = await tempDir();
    const browser = new BrowserManager();
    onTestFinished(() => browser.close());
    await produceBriefing({ ...(await base(dir)), inputs: [seedsDir], formats: ['json', 'html'], browser });
    // prelaunch() would have started it: a scheduler's JSON-only edition must not wake Chromium.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(browser.running).toBe(false);
    expect(browser.stats()).toMatchObject({ launches: 0, pagesOpened: 0 });
  });

  it('fails with the reasons, before rendering or writing, when nothing could be read', async () => {
    const dir = await tempDir();
    const events: string[] = [];
    const error = await produceBriefing({
      ...(await base(dir)),
      inputs: [join(dir, 'missing')],
      formats: ['json'],
      outDir: join(dir, 'out'),
      onStage: (e) => events.push(e.stage),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditionRunFailedError);
    expect((error as EditionRunFailedError).reasons.join(' ')).toMatch(/every source failed|nothing could be read/);
    expect(events).not.toContain('render');
    expect(await readdir(dir)).toEqual([]);
  });

  it('applies memory before the verdict: a briefing left with fewer stories than minStories fails', async () => {
    const dir = await tempDir();
    const error = await produceBriefing({
      ...(await base(dir)),
      inputs: [seedsDir],
      formats: ['json'],
      memory: (briefing) => ({ ...briefing, threads: [] }),
      verdict: { minStories: 1 },
    }).catch((e: unknown) => e);
    expect((error as EditionRunFailedError).reasons).toEqual(['the briefing has 0 stories, fewer than minStories (1)']);
  });

  it('stops between stages when the signal is aborted, writing nothing', async () => {
    const dir = await tempDir();
    const controller = new AbortController();
    const error = await produceBriefing({
      ...(await base(dir)),
      inputs: [seedsDir],
      formats: ['json'],
      outDir: join(dir, 'out'),
      signal: controller.signal,
      memory: (briefing) => {
        controller.abort(new Error('stop now'));
        return briefing;
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('stop now');
    expect(await readdir(dir)).toEqual([]);
  });
});
