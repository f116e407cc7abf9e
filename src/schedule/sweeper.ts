import { systemTimers, type Timers } from './types.js';

export interface SweeperOptions {
  /** Time between the end of one sweep and the start of the next. */
  intervalMs: number;
  /** The work of one tick (the scheduler: heartbeat, then the outbox's due deliveries). */
  sweep: () => Promise<void>;
  /** A sweep that threw: reported, and the next tick comes as usual. */
  onError: (error: unknown) => void;
  timers?: Timers;
}

/**
 * Runs `sweep` now and then every `intervalMs` until stopped, never two at once: the running scheduler's
 * heartbeat and its retries of due deliveries, so a failed delivery is sent once its backoff ends, without a restart.
 */
export class Sweeper {
  private readonly timers: Timers;
  private handle: unknown;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: SweeperOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  /** Runs the first sweep now; resolves when it is done and the next one is armed. */
  async start(): Promise<void> {
    await this.tick();
  }

  /** Stops the ticks and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    await this.current;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.current = this.options.sweep().catch((error) => this.options.onError(error));
    await this.current;
    this.current = undefined;
    if (this.stopped) return;
    this.handle = this.timers.setTimeout(() => void this.tick(), this.options.intervalMs);
  }
}
