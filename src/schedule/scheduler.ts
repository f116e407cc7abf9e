/**
 * Runs editions on their cron schedules. Each edition has one timer, armed at its next occurrence as computed by
 * cron.ts (croner), so the instant a run fires for and the occurrence it is recorded as are the same computation.
 * Which occurrence is due, and whether it may run, are decided here, so a duplicate firing, a second scheduler
 * process, or a restart after downtime each yield at most one run per occurrence (the ledger's claim is the arbiter).
 */
import { validateCron, validateTimeZone, nextRuns } from './cron.js';
import { dueRuns, missedOccurrence } from './due.js';
import { errorMessage, UsageError } from '../util/errors.js';
import {
  systemClock,
  systemTimers,
  type Clock,
  type LogLevel,
  type RunEdition,
  type RunLedger,
  type RunOutcome,
  type ScheduleEvent,
  type ScheduleLogger,
  type ScheduledEdition,
  type Timers,
} from './types.js';

export interface SchedulerOptions {
  editions: ScheduledEdition[];
  ledger: RunLedger;
  runEdition: RunEdition;
  logger?: ScheduleLogger;
  clock?: Clock;
  /** The timers occurrences fire from; tests fire them by hand. */
  timers?: Timers;
  /** After aborting a run at shutdown, how long to wait for the job to wind down; default 10 s. */
  abortWaitMs?: number;
}

export type TriggerReason = 'tick' | 'catchup';

export type TriggerResult =
  | { ran: true; scheduledFor: Date; outcome: RunOutcome }
  | { ran: false; reason: 'stopped' | 'overlap' | 'not-due' | 'claimed' | 'unknown-edition' };

export interface StopResult {
  /** Editions whose run finished within the grace period. */
  finished: string[];
  /** Editions whose run was aborted after the grace period. */
  aborted: string[];
}

interface InFlight {
  controller: AbortController;
  done: Promise<TriggerResult>;
  settled: boolean;
}

/** Ticks can come a hair early (timer rounding); an occurrence this close ahead counts as now. */
const LOOKAHEAD_MS = 500;
/** Timers re-arm at least this often, so long waits survive clock corrections (and suspended laptops). */
const MAX_TIMER_DELAY_MS = 6 * 3_600_000;

export class Scheduler {
  private readonly editions: Map<string, ScheduledEdition>;
  private readonly ledger: RunLedger;
  private readonly runEdition: RunEdition;
  private readonly logger: ScheduleLogger;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly abortWaitMs: number;
  /** Each edition's timer for its next occurrence. */
  private readonly alarms = new Map<string, unknown>();
  /** The occurrence each edition's timer last fired for (ms). */
  private readonly firedFor = new Map<string, number>();
  private started = false;
  /** The per-edition mutex: set synchronously before any await, so two ticks cannot both pass. */
  private readonly busy = new Map<string, InFlight | 'claiming'>();
  private stopping = false;

  constructor(options: SchedulerOptions) {
    this.editions = validEditions(options.editions);
    this.ledger = options.ledger;
    this.runEdition = options.runEdition;
    this.logger = options.logger ?? (() => {});
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.abortWaitMs = options.abortWaitMs ?? 10_000;
  }

  /**
   * Produces the most recent occurrence missed while the scheduler was down (once, within each edition's
   * catch-up window), then arms every edition's timer. Resolves once catch-up runs have been claimed and
   * started; `idle()` waits for them to finish.
   */
  async start(): Promise<void> {
    if (this.stopping) throw new Error('This Scheduler was stopped; create a new one to start again.');
    if (this.started) return;
    this.started = true;
    this.log('info', 'scheduler.start', { editions: [...this.editions.keys()] });
    await Promise.all([...this.editions.keys()].map((name) => this.catchUp(name)));
    for (const name of this.editions.keys()) this.arm(name);
  }

  private async catchUp(name: string): Promise<void> {
    const edition = this.editions.get(name)!;
    const missed = await missedOccurrence(edition, this.ledger, this.clock.now());
    if (!missed) return;
    this.log('info', 'catchup', {
      edition: name,
      scheduledFor: missed.scheduledFor.toISOString(),
      lastScheduledFor: missed.lastScheduledFor.toISOString(),
    });
    // Wait for the claim but not for the run: start() should not block on a whole edition.
    const claimed = await this.claimAndLaunch(name, 'catchup').catch(() => undefined);
    if (claimed && 'done' in claimed) claimed.done.catch(() => {});
  }

  /** Triggers from a timer: failures are already logged by trigger(), so they must not surface as unhandled rejections. */
  private fire(name: string, reason: TriggerReason): void {
    this.trigger(name, reason).catch(() => {});
  }

  /**
   * Handles one firing (or a catch-up) of an edition: works out the occurrence
   * due now, claims it in the ledger and runs the job. Public so the CLI and tests can fire it.
   */
  async trigger(name: string, reason: TriggerReason): Promise<TriggerResult> {
    const claimed = await this.claimAndLaunch(name, reason);
    return 'done' in claimed ? claimed.done : claimed;
  }

  /** Claims the due occurrence and starts its run; resolves as soon as the run has started (or was refused). */
  private async claimAndLaunch(name: string, reason: TriggerReason): Promise<TriggerResult | InFlight> {
    const edition = this.editions.get(name);
    if (!edition) return { ran: false, reason: 'unknown-edition' };
    if (this.stopping) return { ran: false, reason: 'stopped' };
    const current = this.busy.get(name);
    if (current) {
      this.log('warn', 'run.skipped', { edition: name, reason: 'overlap', trigger: reason });
      return { ran: false, reason: 'overlap' };
    }
    this.busy.set(name, 'claiming');
    let scheduledFor: Date;
    try {
      const now = this.clock.now();
      const last = await this.ledger.lastRun(name);
      const due = dueRuns(edition, last?.scheduledFor, new Date(now.getTime() + LOOKAHEAD_MS));
      if (due.length === 0) {
        this.busy.delete(name);
        if (reason !== 'catchup') this.log('info', 'run.skipped', { edition: name, reason: 'not-due', trigger: reason });
        this.arm(name);
        return { ran: false, reason: 'not-due' };
      }
      scheduledFor = due[0]!;
      if (!(await this.ledger.claim(name, scheduledFor, now))) {
        this.busy.delete(name);
        this.log('info', 'run.skipped', {
          edition: name,
          scheduledFor: scheduledFor.toISOString(),
          reason: 'claimed',
          trigger: reason,
        });
        this.arm(name);
        return { ran: false, reason: 'claimed' };
      }
    } catch (err) {
      this.busy.delete(name);
      this.log('error', 'run.error', { edition: name, stage: 'claim', trigger: reason, error: errorMessage(err) });
      throw err;
    }
    const controller = new AbortController();
    const flight: InFlight = { controller, settled: false, done: undefined as unknown as Promise<TriggerResult> };
    flight.done = this.execute(edition, scheduledFor, controller, reason).finally(() => {
      flight.settled = true;
      this.busy.delete(name);
      if (!this.stopping) this.arm(name);
    });
    this.busy.set(name, flight);
    return flight;
  }

  private async execute(
    edition: ScheduledEdition,
    scheduledFor: Date,
    controller: AbortController,
    reason: TriggerReason,
  ): Promise<TriggerResult> {
    const run = { edition: edition.name, scheduledFor: scheduledFor.toISOString() };
    const started = this.clock.now().getTime();
    this.log('info', 'run.start', { ...run, trigger: reason });
    let outcome: RunOutcome;
    try {
      outcome = await this.runEdition(edition, scheduledFor, controller.signal, (line) =>
        this.logger({ ts: this.clock.now().toISOString(), level: 'info', event: 'run.stage', ...line, ...run }),
      );
    } catch (err) {
      outcome = { status: controller.signal.aborted ? 'aborted' : 'failed', error: errorMessage(err) };
    }
    if (controller.signal.aborted && outcome.status === 'success') {
      // A job that ignored the abort but finished is still a finished edition.
      this.log('warn', 'run.error', { ...run, error: 'aborted, but the job completed anyway' });
    }
    for (const stage of outcome.stages ?? []) this.log('info', 'run.stage', { ...run, stage: stage.name, ms: stage.ms });
    for (const output of outcome.outputs ?? []) this.log('info', 'run.output', { ...run, path: output });
    for (const d of outcome.deliveries ?? []) {
      this.log(d.status === 'failed' ? 'error' : 'info', 'run.delivery', { ...run, ...d });
    }
    if (outcome.status !== 'success') {
      this.log('error', 'run.error', { ...run, status: outcome.status, error: outcome.error ?? 'unknown error' });
    }
    const finished = this.clock.now();
    this.log(outcome.status === 'success' ? 'info' : 'error', 'run.finish', {
      ...run,
      status: outcome.status,
      ms: finished.getTime() - started,
    });
    try {
      await this.ledger.finish(edition.name, scheduledFor, finished, outcome.status, outcome.error);
    } catch (err) {
      this.log('error', 'run.error', { ...run, stage: 'record', error: errorMessage(err) });
    }
    return { ran: true, scheduledFor, outcome };
  }

  /**
   * Arms the edition's timer for its next occurrence (replacing the one armed before). The timer re-arms as it
   * fires, so firings go on while a long run is still going (and are skipped as overlaps, as they should be);
   * it never re-arms for an occurrence it already fired for, even when it fired a hair early.
   */
  private arm(name: string): void {
    const existing = this.alarms.get(name);
    if (existing !== undefined) this.timers.clearTimeout(existing);
    this.alarms.delete(name);
    const edition = this.editions.get(name);
    if (this.stopping || !this.started || !edition) return;
    const now = this.clock.now().getTime();
    const after = Math.max(now, this.firedFor.get(name) ?? 0);
    const next = nextRuns(edition.cron, edition.timeZone, new Date(after), 1)[0];
    if (!next) return;
    const delay = Math.min(next.getTime() - now, MAX_TIMER_DELAY_MS);
    const handle = this.timers.setTimeout(() => {
      this.alarms.delete(name);
      if (this.clock.now().getTime() + LOOKAHEAD_MS >= next.getTime()) {
        this.firedFor.set(name, next.getTime());
        this.arm(name);
        this.fire(name, 'tick');
      } else {
        this.arm(name);
      }
    }, Math.max(0, delay));
    this.alarms.set(name, handle);
  }

  /**
   * Replaces the editions (a reloaded configuration): all are validated first, so an invalid set changes nothing.
   * Added and rescheduled editions get a timer for their next occurrence (no catch-up: nothing was missed under
   * the new schedule); removed ones lose theirs. A run in progress finishes as it started.
   */
  replaceEditions(editions: ScheduledEdition[]): ScheduleChanges {
    const next = validEditions(editions);
    const changes: ScheduleChanges = { added: [], removed: [], rescheduled: [] };
    for (const name of [...this.editions.keys()]) {
      if (next.has(name)) continue;
      changes.removed.push(name);
      this.editions.delete(name);
      this.firedFor.delete(name);
      this.arm(name); // clears its timer: the edition is gone
    }
    for (const [name, edition] of next) {
      const before = this.editions.get(name);
      this.editions.set(name, edition);
      if (!before) changes.added.push(name);
      else if (before.cron !== edition.cron || before.timeZone !== edition.timeZone) changes.rescheduled.push(name);
      else continue;
      this.firedFor.delete(name);
      if (!this.busy.has(name)) this.arm(name); // a running edition re-arms when its run ends
    }
    return changes;
  }

  /** Names of editions with a run in progress. */
  running(): string[] {
    return [...this.busy.entries()].filter(([, v]) => v !== 'claiming').map(([k]) => k);
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    for (;;) {
      const flights = [...this.busy.values()];
      if (flights.length === 0) return;
      await Promise.all(
        flights.map((f) => (f === 'claiming' ? new Promise<void>((r) => setImmediate(r)) : f.done.catch(() => {}))),
      );
    }
  }

  /**
   * Stops the triggers, gives running editions `graceMs` to finish, then aborts the rest via
   * their AbortSignal and waits up to `abortWaitMs` for them to wind down. For SIGINT/SIGTERM.
   */
  async stop({ graceMs = 30_000 }: { graceMs?: number } = {}): Promise<StopResult> {
    this.stopping = true;
    for (const handle of this.alarms.values()) this.timers.clearTimeout(handle);
    this.alarms.clear();
    // A claim already under way becomes a run; wait for it so that run is covered by the grace period too.
    while ([...this.busy.values()].includes('claiming')) await new Promise<void>((r) => setImmediate(r));
    const flights = [...this.busy.entries()].filter((e): e is [string, InFlight] => e[1] !== 'claiming');
    this.log('info', 'scheduler.stop', { running: flights.map(([name]) => name), graceMs });
    await this.waitFor(flights, graceMs);
    const result: StopResult = { finished: [], aborted: [] };
    for (const [name, flight] of flights) {
      if (flight.settled) {
        result.finished.push(name);
      } else {
        result.aborted.push(name);
        flight.controller.abort(new Error(`The scheduler is shutting down and the ${graceMs} ms grace period ran out.`));
      }
    }
    if (result.aborted.length > 0) await this.waitFor(flights, this.abortWaitMs);
    return result;
  }

  private async waitFor(flights: [string, InFlight][], ms: number): Promise<void> {
    if (flights.every(([, f]) => f.settled)) return;
    let handle: unknown;
    const timeout = new Promise<void>((resolve) => {
      handle = this.timers.setTimeout(resolve, ms);
    });
    await Promise.race([Promise.allSettled(flights.map(([, f]) => f.done)), timeout]);
    this.timers.clearTimeout(handle);
  }

  private log(level: LogLevel, event: ScheduleEvent, fields: Record<string, unknown>): void {
    this.logger({ ts: this.clock.now().toISOString(), level, event, ...fields });
  }
}

/** What replaceEditions changed, by edition name. */
export interface ScheduleChanges {
  added: string[];
  removed: string[];
  /** Editions whose cron or zone changed. */
  rescheduled: string[];
}

/** The editions by name, each checked: a name, unique, a cron expression and zone the scheduler can use. */
function validEditions(editions: ScheduledEdition[]): Map<string, ScheduledEdition> {
  const byName = new Map<string, ScheduledEdition>();
  for (const edition of editions) {
    const context = `edition "${edition.name}"`;
    if (!edition.name) throw new UsageError('An edition has no name: give each edition a unique `name`.');
    if (byName.has(edition.name)) throw new UsageError(`Two editions are named "${edition.name}": edition names must be unique.`);
    validateCron(edition.cron, context);
    validateTimeZone(edition.timeZone, context);
    byName.set(edition.name, edition);
  }
  return byName;
}
