import { FetchError } from './errors.js';

/**
 * The one deadline all fetches of a run share. Per-request timeouts bound one request; this bounds their sum, so
 * many slow servers (each just inside its own timeout) cannot hold a scheduled run for minutes.
 */
export class RunDeadline {
  private readonly controller = new AbortController();
  private readonly endsAt: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {
    this.endsAt = Date.now() + ms;
    this.timer = setTimeout(() => this.controller.abort(), ms);
    // The deadline must never keep the process alive on its own.
    this.timer.unref();
  }

  /** Aborted when the deadline passes: in-flight requests listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get passed(): boolean {
    return this.controller.signal.aborted || Date.now() >= this.endsAt;
  }

  error(href: string): FetchError {
    return new FetchError(
      href,
      'run-deadline',
      `skipped ${href}: the run's fetch deadline (fetch.runDeadlineMs, ${this.ms} ms) passed before it was fetched; the run goes on with what arrived in time. Raise fetch.runDeadlineMs if the sources are slow.`,
    );
  }

  throwIfPassed(href: string): void {
    if (this.passed) throw this.error(href);
  }

  /**
   * The promise's value, or the deadline error if the deadline passes first. A value that arrives too late is handed
   * to `onLate` (to give back a concurrency slot, for example) instead of being lost.
   */
  race<T>(href: string, promise: Promise<T>, onLate?: (value: T) => void): Promise<T> {
    if (this.passed) {
      void promise.then(onLate, () => undefined);
      return Promise.reject(this.error(href));
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error(href));
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          if (this.signal.aborted) onLate?.(value);
          else resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Stops the timer (the run is over); the deadline still counts as passed once its time has come. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
