import { hostname } from 'node:os';
import { BrowserManager } from '../browser/browser-manager.js';
import { EngineThreads } from '../produce/engine-threads.js';
import { loadConfig, type BriefingConfig } from '../config/index.js';
import type { PermanentFailureHook } from '../deliver/index.js';
import { deliverPending } from '../edition/deliver-pending.js';
import { runEdition } from '../edition/run-edition.js';
import { Scheduler, StoreRunLedger, Sweeper, type ScheduleLogLine, type Timers } from '../schedule/index.js';
import { openStore, recordHeartbeat, recordSchedulerStopped, type Store } from '../store/index.js';
import { dateInTimeZone } from '../util/dates.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';
import { scheduledEditions } from './scheduled.js';
import { ConfigReloader, watchConfigFile } from './schedule-reload.js';
import { threadsForMachine } from '../capacity.js';

export interface ScheduleOptions {
  config?: string;
  /** How long running editions may take to finish at shutdown before they are aborted, in seconds. */
  grace?: string;
  /** Scale-out mode: job schedulers on this queue (true: the configured queue) instead of the in-process scheduler. */
  queue?: string | boolean;
}

export interface ScheduleIO extends CommandIO {
  /** Resolves with the signal's name when the process is asked to stop; tests resolve it themselves. */
  shutdown?: () => Promise<string>;
  /** The timers occurrences fire from (the system's by default); tests fire them by hand. */
  timers?: Timers;
  /** Subscribes to reload requests (SIGHUP by default); returns the unsubscribe. */
  onHangup?: (listener: () => void) => () => void;
  /** How long the configuration file must be quiet before a change is reloaded (default 300 ms). */
  reloadDebounceMs?: number;
  /** Time between two sweeps (heartbeat + due deliveries); default DELIVERY_SWEEP_MS. Tests make it short. */
  sweepIntervalMs?: number;
  /** A delivery given up for good; default: a JSON log line and an alert (alerts:). */
  onPermanentFailure?: PermanentFailureHook;
}

/** SIGHUP, the usual "read your configuration again"; listening also keeps it from ending the process. */
function processHangup(listener: () => void): () => void {
  process.on('SIGHUP', listener);
  return () => process.off('SIGHUP', listener);
}

/** How often the running scheduler writes its heartbeat and sends deliveries whose backoff ended. */
export const DELIVERY_SWEEP_MS = 60_000;

/** Waits for SIGINT or SIGTERM, whichever comes first. */
export function processShutdown(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** The scheduler's browser closes after this long without a render; the next edition launches it again. */
const SCHEDULER_BROWSER_IDLE_MS = 5 * 60_000;

/**
 * `briefing schedule`: runs every edition on its cron in its zone until SIGINT/SIGTERM, one JSON log line per event
 * on stdout. The store's runs table makes each occurrence run at most once, across restarts and processes; at
 * shutdown running editions get the grace period, then are aborted (an aborted run writes no files).
 */
export async function runSchedule(options: ScheduleOptions, io: ScheduleIO): Promise<void> {
  if (options.queue !== undefined && options.queue !== false) return (await import('./schedule-queue.js')).runQueueSchedule(options, io);
  const graceMs = parseGrace(options.grace);
  // Listening before anything slow, so a signal during start-up is not lost (nor kills the process outright).
  const shutdown = (io.shutdown ?? processShutdown)();
  // The same for SIGHUP, whose default would end the process: one during start-up reloads once started.
  let onHangup: (() => void) | undefined;
  let hungUp = false;
  const stopHangup = (io.onHangup ?? processHangup)(() => (onHangup ? onHangup() : (hungUp = true)));
  try {
    await schedule(options, io, graceMs, shutdown, (listener) => {
      onHangup = listener;
      if (hungUp) listener();
    });
  } finally {
    stopHangup();
  }
}

async function schedule(
  options: ScheduleOptions,
  io: ScheduleIO,
  graceMs: number,
  shutdown: Promise<string>,
  listenForHangup: (listener: () => void) => void,
): Promise<void> {
  const env = io.env ?? process.env;
  const load = () => loadConfig({ cwd: io.cwd, file: options.config, env });
  // Replaced by a reload; each run reads the configuration in force when it starts.
  let config = await load();
  if (config.editions.length === 0) {
    throw new UsageError(`the configuration${config.file ? ` (${config.file})` : ''} has no editions to schedule; add one under editions: (briefing init writes an example).`);
  }
  const store = await openStore(config.database, {
    log: (entry) => print({ ts: io.now().toISOString(), level: entry.level, event: 'cron.message', message: entry.message }),
  });
  function print(line: ScheduleLogLine): void {
    io.stdout.write(`${JSON.stringify(line)}\n`);
  }
  // One browser for every edition of this process (editions due at the same minute share its pages), closed when
  // idle for a few minutes: editions come in bursts, and an idle Chromium would hold memory all day.
  const browser = new BrowserManager({ idleCloseMs: SCHEDULER_BROWSER_IDLE_MS });
  // Editions' engine runs on threads of their own: the scheduler's timers (deadlines, the heartbeat, the next
  // edition) and the other editions' renders keep going while one edition's day is analysed.
  const engine = new EngineThreads();
  const scheduling = createScheduling({
    config: () => config,
    store,
    browser,
    engine,
    now: io.now,
    env,
    print,
    timers: io.timers,
    sweepIntervalMs: io.sweepIntervalMs,
    onPermanentFailure: io.onPermanentFailure,
  });
  const scheduler = scheduling.scheduler;
  const reloader = new ConfigReloader({
    load,
    scheduler,
    current: () => config,
    replace: (next) => {
      config = next;
    },
    log: (line) => print({ ts: io.now().toISOString(), ...line } as ScheduleLogLine),
  });
  await reloader.primeFrom(config.file);
  const reload = (trigger: 'SIGHUP' | 'file-change') => void reloader.reload(trigger);
  listenForHangup(() => reload('SIGHUP'));
  const stopWatching = config.file ? watchConfigFile(config.file, () => reload('file-change'), { debounceMs: io.reloadDebounceMs }) : () => {};
  try {
    // Started once the reloader listens, so no change made while it starts is missed.
    await scheduling.start();
    await shutdown;
    await scheduling.stop(graceMs);
  } finally {
    stopWatching();
    await scheduling.stop(0);
    await engine.close();
    await browser.close();
    await store.close();
  }
}

export interface SchedulingOptions {
  /** The configuration in force (a reload replaces it); each run reads it when it starts. */
  config: () => BriefingConfig;
  store: Store;
  /** Shared with the rest of the process (briefing serve); when absent each PDF run starts its own. */
  browser?: BrowserManager;
  /** Where editions' engine runs (threads shared with the rest of the process); default this thread. */
  engine?: EngineThreads;
  now: () => Date;
  env: Record<string, string | undefined>;
  print: (line: ScheduleLogLine) => void;
  timers?: Timers;
  sweepIntervalMs?: number;
  onPermanentFailure?: PermanentFailureHook;
}

export interface Scheduling {
  scheduler: Scheduler;
  /** Starts the heartbeat, the delivery sweep and the scheduler. */
  start(): Promise<void>;
  /** Stops the scheduler (running editions get `graceMs`, then are aborted), the sweeps, and records the stop. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Runs every edition on its cron, with the heartbeat and the delivery sweep beside it: the scheduling of `briefing
 * schedule`, and of `briefing serve --schedule` on the server's store and browser.
 */
export async function startScheduling(options: SchedulingOptions): Promise<Scheduling> {
  const scheduling = createScheduling(options);
  await scheduling.start();
  return scheduling;
}

/** startScheduling() without the start, for a caller that sets up more (a config reloader) before it. */
export function createScheduling(options: SchedulingOptions): Scheduling {
  const { store, env, print } = options;
  const now = options.now;
  const scheduler = new Scheduler({
    editions: scheduledEditions(options.config()),
    ledger: new StoreRunLedger(store),
    clock: { now },
    ...(options.timers ? { timers: options.timers } : {}),
    logger: print,
    runEdition: async (edition, scheduledFor, signal, log) => {
      const config = options.config();
      const outcome = await runEdition(config, edition.name, {
        // The date of the occurrence, not of the moment it ran: a late catch-up still produces that day's edition.
        date: dateInTimeZone(scheduledFor, edition.timeZone),
        now: now(),
        deliver: true,
        signal,
        log,
        store,
        browser: options.browser,
        engine: options.engine,
        // A morning's pages are read on every CPU (editions seldom run at once).
        extractionThreads: threadsForMachine(),
        env,
        onPermanentFailure: options.onPermanentFailure,
      });
      // Deliveries of earlier days that failed transiently are owed until sent: each run pays them off.
      if (!signal.aborted) await deliverPending(config, store, { now: now(), env, log, onPermanentFailure: options.onPermanentFailure });
      return outcome;
    },
  });
  // Who this scheduler is in the heartbeat table (`briefing status` reads it).
  const self = { host: hostname(), pid: process.pid, startedAt: now().toISOString() };
  // A sweep repeats every minute: a warning about rows it leaves alone (their edition left the configuration) is
  // printed once per process, not once a minute.
  const warned = new Set<string>();
  const printSweep = (line: Record<string, unknown>) => {
    if (line.level === 'warn') {
      const id = JSON.stringify([line.edition, line.date, line.message]);
      if (warned.has(id)) return;
      warned.add(id);
    }
    print({ ts: now().toISOString(), level: 'info', ...line } as ScheduleLogLine);
  };
  const onError = (stage: string) => (error: unknown) =>
    print({ ts: now().toISOString(), level: 'error', event: 'run.error', stage, error: (error as Error)?.message ?? String(error) });
  const intervalMs = options.sweepIntervalMs ?? DELIVERY_SWEEP_MS;
  // Two loops, so a slow SMTP server holding up a sweep never makes a live scheduler look dead.
  const heartbeat = new Sweeper({ intervalMs, sweep: () => store.transaction((db) => recordHeartbeat(db, self, now())), onError: onError('heartbeat') });
  // Everything due in the outbox, of any edition and date: retries end when their backoff does, not at a restart.
  const retries = new Sweeper({
    intervalMs,
    sweep: async () => void (await deliverPending(options.config(), store, { now: now(), env, log: printSweep, onPermanentFailure: options.onPermanentFailure })),
    onError: onError('delivery sweep'),
  });
  let stopped: Promise<void> | undefined;
  const stop = async (graceMs: number) => {
    await scheduler.stop({ graceMs }).catch(() => undefined);
    stopped ??= (async () => {
      await heartbeat.stop();
      await retries.stop();
      await store.transaction((db) => recordSchedulerStopped(db, self, now())).catch(() => undefined);
    })();
    await stopped;
  };
  const start = async () => {
    try {
      await heartbeat.start();
      await retries.start();
      await scheduler.start();
    } catch (error) {
      await stop(0);
      throw error;
    }
  };
  return { scheduler, start, stop };
}

function parseGrace(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--grace "${value}" must be a number of seconds (0 or more).`);
  return Math.round(seconds * 1000);
}
