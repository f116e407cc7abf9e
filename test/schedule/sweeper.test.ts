import { describe, expect, it } from 'vitest';
import { Sweeper } from '../../src/schedule/sweeper.js';
import { ManualTimers } from './helpers.js';

describe('Sweeper', () => {
  it('sweeps at start and after each interval, never two at once, goes on after an error, and stops for good', async () => {
    const timers = new ManualTimers();
    const errors: unknown[] = [];
    let sweeps = 0;
    let release: (() => void) | undefined;
    const sweeper = new Sweeper({
      intervalMs: 60_000,
      timers,
      onError: (error) => errors.push(error),
      sweep: async () => {
        sweeps += 1;
        if (sweeps === 2) throw new Error('SMTP exploded');
        if (sweeps === 3) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    await sweeper.start();
    expect(sweeps).toBe(1);
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([60_000]);

    timers.fireAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sweeps).toBe(2);
    expect(errors).toEqual([new Error('SMTP exploded')]);
    expect(timers.pending.size).toBe(1);

    // A slow sweep: no timer is armed until it ends, so a second cannot start beside it.
    timers.fireAll();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sweeps).toBe(3);
    expect(timers.pending.size).toBe(0);

    const stopped = sweeper.stop();
    release!();
    await stopped;
    expect(timers.pending.size).toBe(0);
    expect(sweeps).toBe(3);
  });
});
