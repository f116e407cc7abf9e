import type { ChildProcess } from 'node:child_process';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { threadsForMachine } from '../capacity.js';
import { BrowserClosedError, BrowserCrashedError, RenderTimeoutError } from './errors.js';
import { chromiumArgs, findChromium } from './find-chromium.js';
import { killGroup, launchChromium, processExit } from './launch-chromium.js';
import { createProfileDir, removeProfile, sweepStaleProfiles } from './profiles.js';
import { RenderQueue } from './render-queue.js';

export interface BrowserManagerOptions {
  /** Defaults to findChromium(). */
  executablePath?: string;
  /**
   * A new browser after this many jobs (its pages go with it), so nothing a long-lived Chromium might accumulate
   * lives on indefinitely. Default 500: with pages emptied in place Chromium's memory stays flat over hundreds of
   * renders (measured: 1,340 MB of process-tree RSS after 50 renders and after 400), while a restart, launching the
   * browser and opening and locking down its pages again, costs about as much as ten renders.
   */
  maxJobsPerBrowser?: number;
  launchTimeoutMs?: number;
  /** Deadline of one withPage() job, page setup included (time waiting in the queue is not counted). */
  renderTimeoutMs?: number;
  /** Renders at the same time (pages open in the browser); default defaultConcurrentPages(). */
  maxConcurrentPages?: number;
  /** Renders waiting for a page; one more is refused with BrowserBusyError. Default 32. */
  maxQueuedJobs?: number;
  /**
   * Close the browser after this long without a render (it is launched again by the next one). For long-lived
   * processes whose renders come in bursts, e.g. a scheduler's morning editions: Chromium idle all day holds memory.
   * Default: never.
   */
  idleCloseMs?: number;
}

export interface WithPageOptions {
  /** Aborting it while the job still waits for a page takes the job out of the line (RenderAbortedError). */
  signal?: AbortSignal;
}

/** What a job can learn about the requests its page tried to make (all of them were refused). */
export interface PageJobContext {
  blockedRequests: string[];
  /** 1 on the first try, 2 on the retry after a browser crash. */
  attempt: number;
}

export interface BrowserManagerStats {
  launches: number;
  /** Time spent starting browsers, all launches together. */
  launchMs: number;
  jobs: number;
  retries: number;
  blockedRequests: number;
  /** The last blocked URLs (at most 100), for logs and tests. */
  recentBlockedUrls: string[];
  /** Jobs holding a page now. */
  active: number;
  /** Jobs waiting for a page now. */
  queued: number;
  /** Pages created (and locked down): about 190 ms each on a small machine, which reuse avoids. */
  pagesOpened: number;
  /** Jobs served by a warm page left by an earlier job. */
  pagesReused: number;
  /** Jobs that finished without an error. */
  renders: number;
  /** Browsers started after the first: after a crash, a deadline or maxJobsPerBrowser jobs. */
  restarts: number;
}

/** One render per CPU, and no more than 4: past that pages only compete for the same cores and memory. */
export const defaultConcurrentPages: (cpus?: number) => number = threadsForMachine;

interface Slot {
  browser: Browser;
  process: ChildProcess;
  userDataDir: string;
  jobs: number;
  active: number;
  retired: boolean;
  /** Set when the browser went away without us closing it. */
  lost: boolean;
  closing?: Promise<void>;
  /** Warm pages, already locked down and reset, waiting for the next job. */
  idle: PooledPage[];
  /** The page prelaunch() is opening: a job arriving meanwhile waits for it rather than opening a second one. */
  opening?: Promise<void>;
}

interface PooledPage {
  page: Page;
  /** The job using the page now; its refused requests are reported to it. */
  job: PageJobContext | undefined;
  /** False until a job has had the page (one opened by prelaunch() is new to the first job, not reused). */
  used: boolean;
}

const KEEP_BLOCKED_URLS = 100;
const DEFAULT_MAX_JOBS_PER_BROWSER = 500;
/** Returning a page (reset to an empty document) takes a few ms; a page that needs longer is not worth keeping. */
const RESET_TIMEOUT_MS = 5_000;

/**
 * One Chromium per process, shared by every render: launched on the first job and replaced when it crashes, hangs
 * past a deadline or has served maxJobsPerBrowser jobs. At most maxConcurrentPages jobs hold a page at once, the
 * others wait in line (first come, first served; a full line refuses with BrowserBusyError). Pages are kept warm
 * and reused: opening and locking down a new one costs far more than resetting a used one to an empty document.
 * Every page runs with JavaScript off and all network refused, because the documents carry hostile article text.
 */
export class BrowserManager {
  readonly maxJobsPerBrowser: number;
  readonly launchTimeoutMs: number;
  readonly renderTimeoutMs: number;
  readonly maxConcurrentPages: number;
  readonly maxQueuedJobs: number;
  readonly idleCloseMs: number | undefined;
  private readonly queue: RenderQueue;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly explicitPath: string | undefined;
  private current: Slot | undefined;
  private launching: Promise<Slot> | undefined;
  private readonly slots = new Set<Slot>();
  private closed = false;
  private sweeping: Promise<unknown> | undefined;
  private readonly counters = {
    launches: 0,
    launchMs: 0,
    jobs: 0,
    retries: 0,
    blockedRequests: 0,
    recentBlockedUrls: [] as string[],
    pagesOpened: 0,
    pagesReused: 0,
    renders: 0,
    restarts: 0,
  };

  constructor(options: BrowserManagerOptions = {}) {
    this.explicitPath = options.executablePath;
    this.maxJobsPerBrowser = positive(options.maxJobsPerBrowser ?? DEFAULT_MAX_JOBS_PER_BROWSER, 'maxJobsPerBrowser');
    this.launchTimeoutMs = positive(options.launchTimeoutMs ?? 30_000, 'launchTimeoutMs');
    this.renderTimeoutMs = positive(options.renderTimeoutMs ?? 60_000, 'renderTimeoutMs');
    this.maxConcurrentPages = wholePositive(options.maxConcurrentPages ?? defaultConcurrentPages(), 'maxConcurrentPages');
    this.maxQueuedJobs = wholeOrZero(options.maxQueuedJobs ?? 32, 'maxQueuedJobs');
    this.queue = new RenderQueue(this.maxConcurrentPages, this.maxQueuedJobs);
    this.idleCloseMs = options.idleCloseMs === undefined ? undefined : positive(options.idleCloseMs, 'idleCloseMs');
  }

  /** A snapshot of the counters and of the line now (for /healthz, logs and tests). */
  stats(): BrowserManagerStats {
    return {
      ...this.counters,
      recentBlockedUrls: [...this.counters.recentBlockedUrls],
      active: this.queue.active,
      queued: this.queue.queued,
    };
  }

  /** True while a browser process is up (false before the first job: the launch is lazy). */
  get running(): boolean {
    return this.current !== undefined && !this.current.lost && this.current.browser.connected;
  }

  /** Process id of the current browser, for diagnostics and tests. */
  get browserPid(): number | undefined {
    return this.running ? this.current?.process.pid : undefined;
  }

  /**
   * Runs fn on a locked-down page once one is free (waiting in line if need be). The page goes back to the pool,
   * reset to an empty document, when fn succeeds, and is closed when it fails. fn sets the page's viewport and
   * media type itself (a reused page keeps the last job's). A browser crash during the job is retried once on a
   * new browser, so fn must be safe to run twice (rendering is).
   */
  async withPage<T>(fn: (page: Page, context: PageJobContext) => Promise<T>, options: WithPageOptions = {}): Promise<T> {
    if (this.closed) throw new BrowserClosedError('The browser manager is closed; create a new one for more renders.');
    clearTimeout(this.idleTimer);
    const release = await this.queue.enter(options.signal);
    try {
      return await this.withRetry(fn);
    } finally {
      release();
      this.closeWhenIdle();
    }
  }

  private closeWhenIdle(): void {
    if (this.idleCloseMs === undefined || this.queue.active > 0 || this.queue.queued > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const slot = this.current;
      if (slot && this.queue.active === 0 && this.queue.queued === 0) this.retire(slot, false);
    }, this.idleCloseMs);
    // Never what keeps a process alive.
    this.idleTimer.unref();
  }

  private async withRetry<T>(fn: (page: Page, context: PageJobContext) => Promise<T>): Promise<T> {
    try {
      return await this.attempt(fn, 1);
    } catch (error) {
      if (!(error instanceof LostBrowser)) throw error;
      this.counters.retries += 1;
      try {
        return await this.attempt(fn, 2);
      } catch (retryError) {
        if (!(retryError instanceof LostBrowser)) throw retryError;
        throw new BrowserCrashedError(
          'Chromium crashed twice while rendering (once on a fresh browser). Check memory limits (/dev/shm, ulimit) and that the document is not pathological.',
          { cause: retryError.cause },
        );
      }
    }
  }

  /**
   * Starts the browser, and opens a locked-down page when it has none (idle or in use), now instead of at the
   * first job, so their start-up overlaps work the caller still has to do (generating the briefing and its
   * HTML). A busy browser gets no extra page: its jobs' pages come back to the pool. A failure here is not
   * lost: the first job tries again and reports the error.
   */
  prelaunch(): void {
    if (this.closed) return;
    this.acquire()
      .then((slot) => {
        if (slot.idle.length === 0 && slot.active === 0) slot.opening ??= this.openIdlePage(slot);
      })
      .catch(() => undefined);
  }

  /** Closes every browser and removes its profile directory. Safe to call more than once. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.queue.refuseAll(new BrowserClosedError('The browser manager was closed while this render waited for a page.'));
    const launching = this.launching;
    if (launching) await launching.catch(() => undefined);
    this.current = undefined;
    await Promise.all([...this.slots].map((slot) => this.shutdown(slot)));
  }

  private async attempt<T>(fn: (page: Page, context: PageJobContext) => Promise<T>, attempt: number): Promise<T> {
    const slot = await this.acquire();
    slot.jobs += 1;
    slot.active += 1;
    this.counters.jobs += 1;
    const context: PageJobContext = { blockedRequests: [], attempt };
    let pooled: PooledPage | undefined;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let succeeded = false;
    const work = (async () => {
      pooled = await this.takePage(slot);
      pooled.job = context;
      return fn(pooled.page, context);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(
          new RenderTimeoutError(
            `Rendering took longer than the ${this.renderTimeoutMs} ms deadline. Raise it with the renderTimeoutMs option (BrowserManager) if the document is legitimately large.`,
          ),
        );
      }, this.renderTimeoutMs);
    });
    try {
      const result = await Promise.race([work, deadline]);
      succeeded = true;
      this.counters.renders += 1;
      return result;
    } catch (error) {
      if (timedOut) {
        work.catch(() => undefined);
        // A page past its deadline may be wedged (an endless layout): only a new browser is sure to be clean.
        this.retire(slot, true);
        throw error;
      }
      if (await this.wasLost(slot)) throw new LostBrowser(error);
      throw error;
    } finally {
      clearTimeout(timer);
      // A browser that has served its last job is retired as this job ends, not when the next one comes, so its
      // page is not reset for a job it will never serve (a process printing one document closes it at once).
      if (slot.jobs >= this.maxJobsPerBrowser && !slot.retired) this.retire(slot, false);
      if (pooled) {
        pooled.job = undefined;
        if (succeeded) await this.givePageBack(slot, pooled);
        // A failed job may have left its page anywhere (a navigation half done): it is not worth resetting.
        else if (!timedOut && !slot.lost) await pooled.page.close().catch(() => undefined);
      }
      slot.active -= 1;
      if (slot.retired && slot.active === 0) void this.shutdown(slot);
    }
  }

  /** A warm page of this browser if one is idle, else a new one, locked down. */
  private async takePage(slot: Slot): Promise<PooledPage> {
    if (slot.opening) await slot.opening;
    const warm = slot.idle.pop();
    if (warm && !warm.page.isClosed()) {
      if (warm.used) this.counters.pagesReused += 1;
      warm.used = true;
      return warm;
    }
    const pooled = await this.openPage(slot);
    pooled.used = true;
    return pooled;
  }

  private async openPage(slot: Slot): Promise<PooledPage> {
    const page = await slot.browser.newPage();
    const pooled: PooledPage = { page, job: undefined, used: false };
    await this.lockDown(pooled);
    this.counters.pagesOpened += 1;
    return pooled;
  }

  /** prelaunch()'s page, put in the pool for the first job; a failure is left to that job, which opens its own. */
  private async openIdlePage(slot: Slot): Promise<void> {
    try {
      const pooled = await this.openPage(slot);
      if (!slot.retired && !slot.lost && !this.closed) slot.idle.push(pooled);
      else await pooled.page.close().catch(() => undefined);
    } catch {
      // the first job opens a page itself and reports what goes wrong
    } finally {
      slot.opening = undefined;
    }
  }

  /**
   * Resets the page to an empty document (which also cancels whatever the last one still had pending: a refresh, a
   * late image) and keeps it for the next job, unless its browser is going away or the pool has enough idle pages.
   */
  private async givePageBack(slot: Slot, pooled: PooledPage): Promise<void> {
    // A retired browser is shut down, pages and all, when its last job ends.
    if (slot.retired) return;
    const { page } = pooled;
    const keep = !slot.lost && !this.closed && slot.idle.length < this.maxConcurrentPages;
    if (keep && !page.isClosed()) {
      try {
        // The lock-down must hold for the next job whatever this one did to the page; a job that switched
        // JavaScript on is not trusted to have left nothing else behind.
        if (page.isJavaScriptEnabled()) throw new Error('JavaScript was switched on');
        await withTimeout(
          (async () => {
            await page.setRequestInterception(true);
            // A job that navigated away (our jobs never do) leaves a document we do not empty in place.
            if (page.url() === 'about:blank') await page.evaluate(emptyDocument);
            else await page.goto('about:blank');
            await page.emulateMediaType();
          })(),
          RESET_TIMEOUT_MS,
        );
        if (!slot.retired && !slot.lost && !this.closed) {
          slot.idle.push(pooled);
          return;
        }
      } catch {
        // Falls through: the page is closed below.
      }
    }
    if (!slot.lost) await withTimeout(page.close(), RESET_TIMEOUT_MS).catch(() => undefined);
  }

  private async lockDown(pooled: PooledPage): Promise<void> {
    const { page } = pooled;
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      // data: URLs never reach the network; Chromium resolves them itself whatever we answer.
      if (request.url().startsWith('data:')) {
        void request.continue().catch(() => undefined);
        return;
      }
      const url = request.url();
      pooled.job?.blockedRequests.push(url);
      this.counters.blockedRequests += 1;
      this.counters.recentBlockedUrls.push(url);
      if (this.counters.recentBlockedUrls.length > KEEP_BLOCKED_URLS) this.counters.recentBlockedUrls.shift();
      if (request.isNavigationRequest()) {
        // An aborted navigation replaces the document with an error page (a <meta http-equiv=refresh>
        // would blank the PDF); "204 No Content" keeps the current document, as browsers must.
        void request.respond({ status: 204, body: '' }).catch(() => undefined);
        return;
      }
      void request.abort('blockedbyclient').catch(() => undefined);
    });
  }

  /** The job failed: was it because the browser went away? The disconnect event can trail the failed call a little. */
  private async wasLost(slot: Slot): Promise<boolean> {
    if (slot.lost || !slot.browser.connected) return true;
    const proc = slot.process;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return slot.lost || !slot.browser.connected || proc.exitCode !== null || proc.signalCode !== null;
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new BrowserClosedError('The browser manager is closed; create a new one for more renders.');
    const slot = this.current;
    if (slot && !slot.lost && slot.browser.connected && slot.jobs < this.maxJobsPerBrowser) return slot;
    if (slot) this.retire(slot, false);
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    const launched = await this.launching;
    if (this.closed) throw new BrowserClosedError('The browser manager was closed while a browser was starting.');
    return launched;
  }

  private retire(slot: Slot, now: boolean): void {
    slot.retired = true;
    if (this.current === slot) this.current = undefined;
    if (now || slot.active === 0) void this.shutdown(slot);
  }

  private async launch(): Promise<Slot> {
    const executablePath = this.explicitPath ?? findChromium();
    const started = performance.now();
    // Profiles of runs killed with SIGKILL are swept once per manager, before this one adds its own.
    this.sweeping ??= sweepStaleProfiles();
    await this.sweeping;
    const userDataDir = await createProfileDir();
    let launched: Awaited<ReturnType<typeof launchChromium>>;
    try {
      launched = await launchChromium({
        executablePath,
        // Exactly our flags: puppeteer's defaults change between versions and we want to know what runs.
        args: [...chromiumArgs(), `--user-data-dir=${userDataDir}`],
        timeoutMs: this.launchTimeoutMs,
        protocolTimeoutMs: this.renderTimeoutMs + 10_000,
      });
    } catch (error) {
      await removeProfile(userDataDir).catch(() => undefined);
      throw error;
    }
    const { browser } = launched;
    if (this.counters.launches > 0) this.counters.restarts += 1;
    this.counters.launches += 1;
    this.counters.launchMs += Math.round(performance.now() - started);
    const slot: Slot = { browser, process: launched.process, userDataDir, jobs: 0, active: 0, retired: false, lost: false, idle: [] };
    browser.once('disconnected', () => {
      if (!slot.closing) slot.lost = true;
      if (this.current === slot) this.current = undefined;
      if (!slot.closing) void this.shutdown(slot);
    });
    this.slots.add(slot);
    if (this.closed) {
      await this.shutdown(slot);
      throw new BrowserClosedError('The browser manager was closed while a browser was starting.');
    }
    this.current = slot;
    return slot;
  }

  private shutdown(slot: Slot): Promise<void> {
    slot.closing ??= (async () => {
      // Its pages go with the browser.
      slot.idle = [];
      if (slot.browser.connected) {
        await withTimeout(slot.browser.close(), 5_000).catch(() => undefined);
      }
      // Browser.close asks Chromium to quit; a browser that has not within a moment is killed with its helpers.
      await withTimeout(processExit(slot.process), 2_000).catch(() => undefined);
      killGroup(slot.process);
      // The profile is removed only once the browser is gone, or it would write into the folder being removed.
      await withTimeout(processExit(slot.process), 5_000).catch(() => undefined);
      await removeProfile(slot.userDataDir).catch(() => undefined);
      this.slots.delete(slot);
    })();
    return slot.closing;
  }
}

/**
 * Run in the page (DevTools evaluation works with the page's JavaScript off): stops whatever the document still
 * loads or has scheduled (a late image, a refresh) and replaces it with an empty one, in place. Navigating to
 * about:blank does the same but builds a new document, and measured, made the next render of a briefing cost about
 * 50 ms more of Chromium's CPU, on a print of about 110 ms.
 */
function emptyDocument(): void {
  const win = globalThis as any;
  const doc = win.document;
  win.stop();
  // From the prototype: on a document, a named element (<img name="open">) hides the method of the same name.
  win.Document.prototype.open.call(doc);
  win.Document.prototype.close.call(doc);
}

/** Internal marker: the job failed because its browser went away, so it may be retried. */
class LostBrowser extends Error {
  constructor(cause: unknown) {
    super('browser lost', { cause });
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function wholePositive(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  return value;
}

function wholeOrZero(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be zero or a positive whole number, got ${value}`);
  return value;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
