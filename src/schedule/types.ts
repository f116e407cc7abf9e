/** What the scheduler needs from the outside world, kept small so tests can inject it. */

/** The time source: the real clock in production, a settable one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** One edition as the scheduler sees it (the CLI maps the configuration onto this). */
export interface ScheduledEdition {
  name: string;
  /** Cron expression, 5 fields (or 6 with seconds first), read as wall-clock time in `timeZone`. */
  cron: string;
  /** IANA zone, e.g. `Europe/London`. */
  timeZone: string;
  /** How late a missed occurrence may still be produced when the scheduler starts; default 24 h. */
  catchUpMs?: number;
}

export type RunStatus = 'success' | 'failed' | 'aborted';

export interface RunStage {
  name: string;
  ms: number;
}

export interface RunDelivery {
  channel: string;
  recipient: string;
  status: 'sent' | 'queued' | 'failed';
  error?: string;
}

/** What a job reports back; the scheduler logs it and records `status` in the ledger. */
export interface RunOutcome {
  status: RunStatus;
  stages?: RunStage[];
  /** Files written (paths). */
  outputs?: string[];
  deliveries?: RunDelivery[];
  error?: string;
}

/**
 * Produces one edition. Must honour `signal`: when it aborts, stop promptly and leave no
 * partial files behind (write through temp files and rename, or delete what was started);
 * the scheduler records the run as `aborted` and does not retry it.
 * `log` emits extra structured lines (e.g. `run.stage` as each stage ends) tagged with the run.
 */
export type RunEdition = (
  edition: ScheduledEdition,
  scheduledFor: Date,
  signal: AbortSignal,
  log: (line: Record<string, unknown>) => void,
) => Promise<RunOutcome>;

/** A run as the ledger remembers it. */
export interface RunRecord {
  edition: string;
  scheduledFor: Date;
  claimedAt: Date;
  /** Unset while the run is going (or when the process died during it). */
  finishedAt?: Date;
  outcome?: RunStatus;
  error?: string;
}

/**
 * The at-most-once record of runs: one row per (edition, scheduledFor). `claim` must be
 * atomic across processes sharing the ledger (a UNIQUE constraint), returning false when the
 * occurrence was already claimed by anyone, including an earlier life of this process.
 */
export interface RunLedger {
  claim(edition: string, scheduledFor: Date, claimedAt: Date): boolean | Promise<boolean>;
  finish(
    edition: string,
    scheduledFor: Date,
    finishedAt: Date,
    outcome: RunStatus,
    error?: string,
  ): void | Promise<void>;
  /** The run with the latest scheduledFor. */
  lastRun(edition: string): RunRecord | undefined | Promise<RunRecord | undefined>;
  /** The latest run whose outcome is `success`. */
  lastSuccess(edition: string): RunRecord | undefined | Promise<RunRecord | undefined>;
}

export type LogLevel = 'info' | 'warn' | 'error';

export type ScheduleEvent =
  | 'run.start'
  | 'run.stage'
  | 'run.output'
  | 'run.delivery'
  | 'run.finish'
  | 'run.error'
  | 'run.skipped'
  | 'catchup'
  | 'cron.message'
  | 'scheduler.start'
  | 'scheduler.restored'
  | 'scheduler.stop'
  | 'config.reload';

/** One structured log line; the CLI prints each as a JSON line. */
export interface ScheduleLogLine {
  ts: string;
  level: LogLevel;
  event: ScheduleEvent;
  edition?: string;
  scheduledFor?: string;
  ms?: number;
  [key: string]: unknown;
}

export type ScheduleLogger = (line: ScheduleLogLine) => void;

/** Timer functions, injectable so tests fire occurrences and grace periods without sleeping. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
