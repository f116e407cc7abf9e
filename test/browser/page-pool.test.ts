import type { Page } from 'puppeteer-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { BrowserManager, defaultConcurrentPages } from '../../src/browser/browser-manager.js';
import { BrowserBusyError, BrowserClosedError, RenderAbortedError } from '../../src/browser/errors.js';
import { startRecordingServer, managedBrowsers } from './helpers.js';

const manager = managedBrowsers();

/** A promise the test settles by hand, to hold a page as long as it wants. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

async function waitUntil(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Takes one page of the pool and keeps it until `hold.open()`; resolves once the page is taken. */
async function occupyPage(m: BrowserManager): Promise<{ hold: ReturnType<typeof gate>; blocker: Promise<void> }> {
  const hold = gate();
  let holding = false;
  const blocker = m.withPage(async () => {
    holding = true;
    await hold.opened;
  });
  await waitUntil(() => holding);
  return { hold, blocker };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const paragraph = (page: Page) => page.evaluate(() => (globalThis as any).document.getElementById('p')?.textContent ?? '') as Promise<string>;
const bodyText = (page: Page) => page.evaluate(() => (globalThis as any).document.body?.textContent ?? '') as Promise<string>;

describe('the page pool', () => {
  test('one page per CPU by default, at most 4', () => {
    expect(defaultConcurrentPages(1)).toBe(1);
    expect(defaultConcurrentPages(2)).toBe(2);
    expect(defaultConcurrentPages(16)).toBe(4);
    expect(new BrowserManager().maxConcurrentPages).toBe(defaultConcurrentPages());
    expect(() => new BrowserManager({ maxConcurrentPages: 0 })).toThrow(RangeError);
    expect(() => new BrowserManager({ maxQueuedJobs: 1.5 })).toThrow(RangeError);
  });

  test('never runs more renders at once than maxConcurrentPages, and finishes them all', async () => {
    const m = manager({ maxConcurrentPages: 2 });
    let running = 0;
    let most = 0;
    let mostSeenByStats = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        m.withPage(async (page) => {
          running += 1;
          most = Math.max(most, running);
          mostSeenByStats = Math.max(mostSeenByStats, m.stats().active);
          await page.setContent(`<p>job ${i}</p>`);
          await sleep(150);
          const text = await bodyText(page);
          running -= 1;
          return text;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 6 }, (_, i) => `job ${i}`));
    expect(most).toBe(2);
    expect(mostSeenByStats).toBe(2);
    const stats = m.stats();
    expect(stats).toMatchObject({ active: 0, queued: 0, renders: 6, pagesOpened: 2, pagesReused: 4, launches: 1, restarts: 0 });
  });

  test('waiting renders start first come, first served', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    const hold = gate();
    const started: string[] = [];
    const blocker = m.withPage(async () => {
      started.push('blocker');
      await hold.opened;
    });
    await waitUntil(() => started.length === 1);
    const waiting = ['a', 'b', 'c', 'd'].map((name) =>
      m.withPage(async (page) => {
        started.push(name);
        await page.setContent(`<p>${name}</p>`);
      }),
    );
    await waitUntil(() => m.stats().queued === 4);
    expect(m.stats().active).toBe(1);
    hold.open();
    await Promise.all([blocker, ...waiting]);
    expect(started).toEqual(['blocker', 'a', 'b', 'c', 'd']);
  });

  test('a full line refuses at once with BrowserBusyError, which says what to do; the line still works after', async () => {
    const m = manager({ maxConcurrentPages: 1, maxQueuedJobs: 2 });
    const { hold, blocker } = await occupyPage(m);
    const queued = [m.withPage(async () => 'q1'), m.withPage(async () => 'q2')];
    await waitUntil(() => m.stats().queued === 2);
    let ran = false;
    const started = Date.now();
    const error = await m
      .withPage(async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(BrowserBusyError);
    expect((error as Error).message).toMatch(/Try again in a moment.*maxQueuedJobs/);
    expect(ran).toBe(false);
    expect(m.stats().queued).toBe(2);
    hold.open();
    await blocker;
    expect(await Promise.all(queued)).toEqual(['q1', 'q2']);
    expect(await m.withPage(async () => 'after')).toBe('after');
  });

  test('no line at all (maxQueuedJobs 0): a second render while one runs is refused', async () => {
    const m = manager({ maxConcurrentPages: 1, maxQueuedJobs: 0 });
    const { hold, blocker } = await occupyPage(m);
    await expect(m.withPage(async () => 1)).rejects.toBeInstanceOf(BrowserBusyError);
    hold.open();
    await blocker;
  });

  test('a warm page is reused, reset to an empty document, instead of opening a new one', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    const pages: Page[] = [];
    const before: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await m.withPage(async (page) => {
        pages.push(page);
        before.push(`${page.url()}|${await bodyText(page)}`);
        await page.emulateMediaType('print');
        await page.setContent(`<p>render ${i}</p>`);
      });
    }
    expect(new Set(pages).size).toBe(1);
    // What a job finds: an empty document, not the last job's text.
    expect(before).toEqual(['about:blank|', 'about:blank|', 'about:blank|', 'about:blank|']);
    const isScreen = await m.withPage((page) => page.evaluate(() => (globalThis as any).matchMedia('screen').matches as boolean));
    expect(isScreen).toBe(true);
    expect(m.stats()).toMatchObject({ pagesOpened: 1, pagesReused: 4, renders: 5 });
  });

  test('a render whose caller gives up while it waits leaves the line and never runs', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    const { hold, blocker } = await occupyPage(m);
    const controller = new AbortController();
    let ran = false;
    const cancelled = m.withPage(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    const next = m.withPage(async () => 'next');
    await waitUntil(() => m.stats().queued === 2);
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(RenderAbortedError);
    expect(m.stats().queued).toBe(1);
    hold.open();
    await blocker;
    expect(await next).toBe('next');
    expect(ran).toBe(false);
    // Already aborted: refused before it queues.
    await expect(m.withPage(async () => 1, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RenderAbortedError);
  });

  test('close() refuses the renders still waiting', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    const { hold, blocker } = await occupyPage(m);
    const waiting = m.withPage(async () => 1);
    await waitUntil(() => m.stats().queued === 1);
    const closing = m.close();
    await expect(waiting).rejects.toBeInstanceOf(BrowserClosedError);
    hold.open();
    await blocker.catch(() => undefined);
    await closing;
  });

  test('after the browser dies, its warm pages are dropped and the next renders get a new browser and new pages', async () => {
    const m = manager({ maxConcurrentPages: 2 });
    const hold = gate();
    await Promise.all([0, 1].map(() => m.withPage(async (page) => page.setContent('<p>warm</p>'))));
    expect(m.stats().pagesOpened).toBe(2);
    const pid = m.browserPid!;
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !m.running);
    hold.open();
    const texts = await Promise.all(
      ['x', 'y'].map((name) =>
        m.withPage(async (page) => {
          await page.setContent(`<p>${name}</p>`);
          return bodyText(page);
        }),
      ),
    );
    expect(texts).toEqual(['x', 'y']);
    expect(m.browserPid).not.toBe(pid);
    expect(m.stats()).toMatchObject({ launches: 2, restarts: 1, pagesOpened: 4, pagesReused: 0 });
  });

  test('a reused page is still locked down: what the last document tried leaks into neither the network nor the next job', async () => {
    const server = await startRecordingServer();
    onTestFinished(() => server.close());
    const origin = `http://127.0.0.1:${server.port}`;
    const m = manager({ maxConcurrentPages: 1 });
    const hostile = (tag: string) =>
      `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=${origin}/refresh-${tag}">` +
      `<link rel="stylesheet" href="${origin}/style-${tag}.css"></head><body><p id="p">static ${tag}</p>` +
      `<img src="${origin}/image-${tag}.png"><img loading="lazy" src="${origin}/lazy-${tag}.png" style="margin-top:5000px">` +
      `<script>document.getElementById("p").textContent = "script ran"; fetch("${origin}/fetch-${tag}")</script></body></html>`;
    const runs: Array<{ text: string; blocked: string[] }> = [];
    for (const tag of ['one', 'two']) {
      const run = await m.withPage(async (page, context) => {
        await page.setContent(hostile(tag), { waitUntil: 'load' });
        // Long enough for the refresh (0 s) to have fired, were it allowed to.
        await sleep(300);
        return { text: await paragraph(page), blocked: [...context.blockedRequests] };
      });
      runs.push(run);
    }
    expect(m.stats()).toMatchObject({ pagesOpened: 1, pagesReused: 1 });
    expect(runs.map((r) => r.text)).toEqual(['static one', 'static two']);
    expect(runs[0]!.blocked).toEqual(expect.arrayContaining([`${origin}/image-one.png`, `${origin}/style-one.css`]));
    expect(runs[1]!.blocked).toEqual(expect.arrayContaining([`${origin}/image-two.png`, `${origin}/style-two.css`]));
    // Each job sees only its own document's requests.
    expect(runs[1]!.blocked.some((url) => url.includes('-one'))).toBe(false);
    expect(runs[0]!.blocked.some((url) => url.includes('-two'))).toBe(false);
    expect(runs.flatMap((r) => r.blocked).some((url) => url.includes('fetch-'))).toBe(false);
    await sleep(200);
    expect(server.requests).toEqual([]);
  });

  test('a reused page carries nothing of the last render: no document, style, title, media type or pending refresh', async () => {
    const server = await startRecordingServer();
    onTestFinished(() => server.close());
    const origin = `http://127.0.0.1:${server.port}`;
    const m = manager({ maxConcurrentPages: 1 });
    // A refresh to a URL (refused, but it would be counted as the next job's request) and one that reloads the
    // page itself (about:blank is no request to refuse: it would blank the next job's document), both due while
    // the next job runs.
    for (const refresh of [`1;url=${origin}/late-refresh`, '1']) {
      await m.withPage(async (page) => {
        await page.emulateMediaType('print');
        await page.setContent(
          `<!doctype html><html><head><title>first</title><meta http-equiv="refresh" content="${refresh}">` +
            `<style>p { color: rgb(255, 0, 0) }</style></head><body><p id="p">first</p>` +
            // A named image shadows document.open: the reset must not depend on it (name="close" would break
            // puppeteer's own setContent, which calls document.close()).
            `<img name="open" src="data:,"></body></html>`,
          { waitUntil: 'load' },
        );
      });
      const next = await m.withPage(async (page, context) => {
        const found = await page.evaluate(() => {
          const doc = (globalThis as any).document;
          return {
            url: String(doc.URL),
            title: String(doc.title),
            markup: String(doc.documentElement?.outerHTML ?? ''),
            styleSheets: Number(doc.styleSheets.length),
            screen: Boolean((globalThis as any).matchMedia('screen').matches),
          };
        });
        await page.setContent('<!doctype html><html><body><p id="p">second</p></body></html>', { waitUntil: 'load' });
        // Past the moment the first document's refresh was due.
        await sleep(1_500);
        const color = await page.evaluate(() => {
          const doc = (globalThis as any).document;
          return String((globalThis as any).getComputedStyle(doc.getElementById('p')).color);
        });
        return { found, text: await paragraph(page), color, blocked: [...context.blockedRequests] };
      });
      expect(next.found).toEqual({ url: 'about:blank', title: '', markup: '<html><head></head><body></body></html>', styleSheets: 0, screen: true });
      expect(next.text).toBe('second');
      expect(next.color).toBe('rgb(0, 0, 0)');
      expect(next.blocked).toEqual([]);
    }
    expect(m.stats()).toMatchObject({ pagesOpened: 1, pagesReused: 3 });
    expect(server.requests).toEqual([]);
  });

  test('a job that navigated its page away still leaves the next job an empty about:blank, locked down', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    await m.withPage(async (page) => {
      await page.goto('data:text/html,<title>away</title><p id="p">away</p>');
    });
    const found = await m.withPage(async (page) => `${page.url()}|${await bodyText(page)}|${await page.title()}`);
    expect(found).toBe('about:blank||');
    const text = await m.withPage(async (page) => {
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "script ran"</script>');
      return paragraph(page);
    });
    expect(text).toBe('static');
    expect(m.stats()).toMatchObject({ pagesOpened: 1, pagesReused: 2 });
  });

  test('a job that switches JavaScript on does not give its page back: the next job gets a fresh locked-down page', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    const pages: Page[] = [];
    await m.withPage(async (page) => {
      pages.push(page);
      await page.setJavaScriptEnabled(true);
    });
    const text = await m.withPage(async (page) => {
      pages.push(page);
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "script ran"</script>');
      return paragraph(page);
    });
    expect(text).toBe('static');
    expect(pages[0]).not.toBe(pages[1]);
    expect(pages[0]!.isClosed()).toBe(true);
    expect(m.stats()).toMatchObject({ pagesOpened: 2, pagesReused: 0 });
  });
});

describe('closing an idle browser', () => {
  test('idleCloseMs closes the browser after the last render and launches a new one for the next', async () => {
    const m = manager({ maxConcurrentPages: 1, idleCloseMs: 300 });
    await m.withPage(async (page) => page.setContent('<p id="p">one</p>'));
    const firstPid = m.browserPid;
    expect(firstPid).toBeDefined();
    // A render that starts before the timer fires keeps the same browser.
    await m.withPage(async (page) => page.setContent('<p id="p">two</p>'));
    expect(m.browserPid).toBe(firstPid);
    await waitUntil(() => !m.running, 10_000);
    const text = await m.withPage(async (page) => {
      await page.setContent('<p id="p">three</p>');
      return paragraph(page);
    });
    expect(text).toBe('three');
    expect(m.browserPid).not.toBe(firstPid);
    expect(m.stats().launches).toBe(2);
  });

  test('without idleCloseMs the browser stays up between renders', async () => {
    const m = manager({ maxConcurrentPages: 1 });
    await m.withPage(async (page) => page.setContent('<p>one</p>'));
    await sleep(600);
    expect(m.running).toBe(true);
    expect(m.stats().launches).toBe(1);
  });
});
