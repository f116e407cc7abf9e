import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { managedBrowsers } from './helpers.js';
import { BrowserClosedError, BrowserCrashedError, BrowserLaunchError, RenderTimeoutError } from '../../src/browser/errors.js';

const manager = managedBrowsers();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const textOf = (page: Page) => page.evaluate(() => (globalThis as any).document.body.textContent as string);

describe('BrowserManager', () => {
  test('launches lazily on the first job, keeps the page warm after a job, and close() ends the browser (twice is fine)', async () => {
    const m = manager();
    expect(m.running).toBe(false);
    expect(m.stats().launches).toBe(0);
    let seen: Page | undefined;
    const text = await m.withPage(async (page) => {
      seen = page;
      await page.setContent('<p>hello</p>');
      return textOf(page);
    });
    expect(text).toBe('hello');
    expect(seen?.isClosed()).toBe(false);
    expect(m.running).toBe(true);
    expect(m.stats().launches).toBe(1);
    const pid = m.browserPid!;
    expect(alive(pid)).toBe(true);
    await m.close();
    await m.close();
    expect(m.running).toBe(false);
    await waitUntil(() => !alive(pid));
    await expect(m.withPage(async () => 1)).rejects.toBeInstanceOf(BrowserClosedError);
  });

  test('prelaunch() starts the browser and opens a page before any job, and the first job uses both', async () => {
    const m = manager();
    m.prelaunch();
    await waitUntil(() => m.stats().pagesOpened === 1, 20_000);
    expect(m.running).toBe(true);
    expect(m.stats().launches).toBe(1);
    const text = await m.withPage(async (page) => {
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "script ran"</script>');
      return page.evaluate(() => (globalThis as any).document.getElementById('p').textContent as string);
    });
    // The prelaunched page is locked down like any other, and counts as new to the job, not as reused.
    expect(text).toBe('static');
    expect(m.stats()).toMatchObject({ launches: 1, pagesOpened: 1, pagesReused: 0 });
  });

  test('prelaunch() on a browser whose page is in use opens no extra page', async () => {
    const m = manager();
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = m.withPage(async () => {
      started();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    m.prelaunch();
    // What an extra page would take to open, with room to spare on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    release();
    await job;
    expect(m.stats().pagesOpened).toBe(1);
  });

  test('pages have JavaScript disabled', async () => {
    const m = manager();
    const text = await m.withPage(async (page) => {
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "script ran"</script>');
      return page.evaluate(() => (globalThis as any).document.getElementById('p').textContent as string);
    });
    expect(text).toBe('static');
  });

  test('the page is closed also when the job throws', async () => {
    const m = manager();
    let seen: Page | undefined;
    await expect(
      m.withPage(async (page) => {
        seen = page;
        throw new Error('job failed');
      }),
    ).rejects.toThrow('job failed');
    expect(seen?.isClosed()).toBe(true);
    expect(m.stats().retries).toBe(0);
  });

  test('a browser killed between jobs is replaced: the next job succeeds', async () => {
    const m = manager();
    await m.withPage(async (page) => page.setContent('<p>one</p>'));
    const first = m.browserPid!;
    process.kill(first, 'SIGKILL');
    await waitUntil(() => !alive(first));
    const text = await m.withPage(async (page) => {
      await page.setContent('<p>two</p>');
      return textOf(page);
    });
    expect(text).toBe('two');
    expect(m.stats().launches).toBe(2);
    expect(m.browserPid).not.toBe(first);
  });

  test('a crash in the middle of a render is retried once on a fresh browser', async () => {
    const m = manager();
    const attempts: number[] = [];
    const pids: number[] = [];
    const bytes = await m.withPage(async (page, context) => {
      attempts.push(context.attempt);
      pids.push(m.browserPid!);
      await page.setContent('<p>render me</p>');
      if (context.attempt === 1) process.kill(m.browserPid!, 'SIGKILL');
      return page.pdf();
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(attempts).toEqual([1, 2]);
    expect(pids[0]).not.toBe(pids[1]);
    expect(m.stats().retries).toBe(1);
    expect(m.stats().launches).toBe(2);
  });

  test('a second crash, on the fresh browser too, is reported as a crash with its exit code', async () => {
    const m = manager();
    let attempts = 0;
    const error = await m
      .withPage(async (page) => {
        attempts += 1;
        process.kill(m.browserPid!, 'SIGKILL');
        return page.pdf();
      })
      .catch((e: unknown) => e);
    expect(attempts).toBe(2);
    expect(error).toBeInstanceOf(BrowserCrashedError);
    expect((error as BrowserCrashedError).exitCode).toBe(5);
    expect(await m.withPage(async () => 'still usable')).toBe('still usable');
  });

  test('restarts the browser after maxJobsPerBrowser jobs', async () => {
    const m = manager({ maxJobsPerBrowser: 2 });
    const pids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await m.withPage(async (page) => {
        pids.push(m.browserPid!);
        await page.setContent(`<p>${i}</p>`);
      });
    }
    expect(m.stats().launches).toBe(3);
    expect(new Set(pids).size).toBe(3);
    expect(pids[0]).toBe(pids[1]);
    expect(pids[2]).toBe(pids[3]);
    expect(pids[1]).not.toBe(pids[2]);
    await waitUntil(() => !alive(pids[0]!) && !alive(pids[2]!));
  });

  test('a browser that has served maxJobsPerBrowser jobs goes as its last job ends, without resetting its page', async () => {
    const m = manager({ maxJobsPerBrowser: 1 });
    let pid = 0;
    let navigated = false;
    await m.withPage(async (p) => {
      pid = m.browserPid!;
      await p.setContent('<p>only</p>');
      p.on('framenavigated', () => (navigated = true));
    });
    // Not kept for a next job: the page was not navigated back to an empty document, and the browser ends unasked.
    expect(navigated).toBe(false);
    expect(m.running).toBe(false);
    await waitUntil(() => !alive(pid));
    expect(await m.withPage(async (p) => p.setContent('<p>next</p>').then(() => m.stats().launches))).toBe(2);
  });

  test('enforces the render deadline with an error that says how to raise it; the next job runs on a fresh browser', async () => {
    // The deadline counts opening the page, and the first page of a fresh browser takes seconds on a busy machine.
    const m = manager({ renderTimeoutMs: 8_000 });
    const started = Date.now();
    const error = await m
      .withPage(async () => {
        await new Promise((resolve) => setTimeout(resolve, 60_000));
        return 'late';
      })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(error).toBeInstanceOf(RenderTimeoutError);
    expect((error as RenderTimeoutError).message).toMatch(/8000 ms deadline.*renderTimeoutMs/);
    expect((error as RenderTimeoutError).exitCode).toBe(4);
    const text = await m.withPage(async (page) => {
      await page.setContent('<p>after</p>');
      return textOf(page);
    });
    expect(text).toBe('after');
    expect(m.stats().launches).toBe(2);
  });

  test('a browser that does not start gives a launch error naming the executable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-fake-chrome-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const fake = join(dir, 'chrome');
    await writeFile(fake, '#!/bin/sh\necho broken >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const m = manager({ executablePath: fake, launchTimeoutMs: 5_000 });
    const error = await m.withPage(async () => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserLaunchError);
    expect((error as BrowserLaunchError).message).toContain(fake);
    expect((error as BrowserLaunchError).exitCode).toBe(3);
    expect(m.running).toBe(false);
  });
});
