import { BrowserBusyError, RenderAbortedError } from './errors.js';

interface Waiter {
  grant: () => void;
  refuse: (error: Error) => void;
}

/**
 * At most `limit` holders at a time, the rest wait first come, first served, and at most `maxWaiting` wait: past
 * that a request is refused at once (BrowserBusyError), because a server under a burst should say "later" rather
 * than pile up work it will never finish in time. A waiter whose signal aborts leaves the line.
 */
export class RenderQueue {
  private holders = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.holders;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves once the caller may go; the caller must call the returned release exactly once. */
  async enter(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw aborted(signal);
    if (this.holders < this.limit && this.waiting.length === 0) {
      this.holders += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) {
      throw new BrowserBusyError(
        `The browser pool is busy: ${this.holders} renders running and ${this.waiting.length} waiting (the most allowed). Try again in a moment, or raise maxQueuedJobs / maxConcurrentPages if the machine has room.`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at !== -1) this.waiting.splice(at, 1);
        waiter.refuse(aborted(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
    // The slot was handed over by release(): holders already counts this caller.
    return this.releaser();
  }

  /** Refuses everyone still waiting (the pool is closing). */
  refuseAll(error: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.refuse(error);
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // Handing the slot straight to the next waiter keeps the order strict: nobody can slip in between.
      if (next) next.grant();
      else this.holders -= 1;
    };
  }
}

function aborted(signal: AbortSignal): RenderAbortedError {
  return new RenderAbortedError('The render was cancelled before it started (its request went away).', { cause: signal.reason });
}
