import { describe, expect, it } from 'vitest';
import { InMemoryRunLedger } from '../../src/schedule/memory-ledger.js';
import { Scheduler, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import type { RunEdition, RunOutcome, ScheduledEdition } from '../../src/schedule/types.js';
import { ManualClock, ManualTimers, collectLogs, deferred, flush, ok } from './helpers.js';

const morning: ScheduledEdition = { name: 'morning', cron: '0 6 * * *', timeZone: 'Europe/London' };

function setup(overrides: Omit<Partial<SchedulerOptions>, 'ledger'> & { clock: ManualClock; ledger?: InMemoryRunLedger }) {
  const ledger = overrides.ledger ?? new InMemoryRunLedger();
  const timers = new ManualTimers();
  const logs = collectLogs();
  const calls: { edition: string; scheduledFor: string }[] = [];
  const runEdition: RunEdition =
    overrides.runEdition ??
    (async (edition, scheduledFor) => {
      calls.push({ edition: edition.name, scheduledFor: scheduledFor.toISOString() });
      return ok;
    });
  const scheduler = new Scheduler({
    editions: [morning],
    timers,
    logger: logs.logger,
    ...overrides,
    ledger,
    runEdition,
  });
  return { scheduler, ledger, timers, logs, calls };
}

describe('Scheduler: start and catch-up', () => {
  it('arms one timer per edition for its next occurrence in its zone, at most 6 h ahead, and clears them at stop', async () => {
    // Saturday 04:00Z: London's 06:00 (BST) is 1 h away; New York's weekday 18:00 is Monday 22:00Z, re-armed in 6 h steps.
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const { scheduler, timers } = setup({ clock, editions: [morning, { name: 'evening', cron: '0 18 * * 1-5', timeZone: 'America/New_York' }] });
    await scheduler.start();
    expect(timers.delays()).toEqual([3_600_000, 6 * 3_600_000]);
    await scheduler.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('a timer woken before its occurrence re-arms for the rest of the wait instead of running', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const { scheduler, timers, calls } = setup({ clock });
    await scheduler.start();
    clock.set('2026-07-04T04:30:00Z');
    expect(timers.fireAll()).toBe(1);
    await scheduler.idle();
    expect(calls).toEqual([]);
    expect(timers.delays()).toEqual([1_800_000]);
    await scheduler.stop();
  });

  it('after downtime produces the latest missed edition once, not every missed one', async () => {
    const clock = new ManualClock('2026-07-04T08:00:00Z');
    const ledger = new InMemoryRunLedger();
    ledger.claim('morning', new Date('2026-07-01T05:00:00Z'), new Date('2026-07-01T05:00:00Z'));
    ledger.finish('morning', new Date('2026-07-01T05:00:00Z'), new Date('2026-07-01T05:01:00Z'), 'success');
    const { scheduler, calls, logs } = setup({ clock, ledger });
    await scheduler.start();
    await scheduler.idle();
    expect(calls).toEqual([{ edition: 'morning', scheduledFor: '2026-07-04T05:00:00.000Z' }]);
    const catchup = logs.lines.find((l) => l.event === 'catchup');
    expect(catchup).toMatchObject({ edition: 'morning', scheduledFor: '2026-07-04T05:00:00.000Z', lastScheduledFor: '2026-07-01T05:00:00.000Z' });
    await scheduler.stop();

    // A second restart the same morning finds the run claimed: nothing more.
    const again = setup({ clock, ledger });
    await again.scheduler.start();
    await again.scheduler.idle();
    expect(again.calls).toEqual([]);
    expect(again.logs.events()).not.toContain('catchup');
    expect(ledger.all('morning').map((r) => [r.scheduledFor.toISOString(), r.outcome])).toEqual([
      ['2026-07-01T05:00:00.000Z', 'success'],
      ['2026-07-04T05:00:00.000Z', 'success'],
    ]);
    await again.scheduler.stop();
  });

  it('does not catch up on a first start, with no run on record', async () => {
    const clock = new ManualClock('2026-07-04T08:00:00Z');
    const { scheduler, calls, logs } = setup({ clock });
    await scheduler.start();
    await scheduler.idle();
    expect(calls).toEqual([]);
    expect(logs.events()).toEqual(['scheduler.start']);
    await scheduler.stop();
  });

  it('does not catch up when nothing was missed', async () => {
    const clock = new ManualClock('2026-07-04T08:00:00Z');
    const ledger = new InMemoryRunLedger();
    ledger.claim('morning', new Date('2026-07-04T05:00:00Z'), new Date('2026-07-04T05:00:00Z'));
    const { scheduler, calls, logs } = setup({ clock, ledger });
    await scheduler.start();
    await scheduler.idle();
    expect(calls).toEqual([]);
    expect(logs.events()).not.toContain('catchup');
    await scheduler.stop();
  });
});

describe('Scheduler: ticks', () => {
  it('a tick runs the occurrence due now and logs start, stages, outputs, deliveries and finish', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const outcome: RunOutcome = {
      status: 'success',
      stages: [{ name: 'render', ms: 1200 }],
      outputs: ['out/morning/briefing-2026-07-04.pdf'],
      deliveries: [{ channel: 'email', recipient: 'ed@example.org', status: 'sent' }],
    };
    const { scheduler, timers, logs, ledger } = setup({
      clock,
      runEdition: async (_e, _s, _signal, log) => {
        log({ event: 'run.stage', stage: 'fetch', ms: 300 });
        clock.advance(2_000);
        return outcome;
      },
    });
    await scheduler.start();
    expect(logs.events()).not.toContain('run.start');
    clock.set('2026-07-04T05:00:00.020Z');
    timers.fireAll();
    await scheduler.idle();
    const run = logs.lines.filter((l) => l.event.startsWith('run.'));
    expect(run.map((l) => l.event)).toEqual(['run.start', 'run.stage', 'run.stage', 'run.output', 'run.delivery', 'run.finish']);
    for (const line of run) expect(line).toMatchObject({ edition: 'morning', scheduledFor: '2026-07-04T05:00:00.000Z' });
    expect(run[1]).toMatchObject({ stage: 'fetch', ms: 300 });
    expect(run[2]).toMatchObject({ stage: 'render', ms: 1200 });
    expect(run[3]).toMatchObject({ path: 'out/morning/briefing-2026-07-04.pdf' });
    expect(run[4]).toMatchObject({ channel: 'email', recipient: 'ed@example.org', status: 'sent' });
    expect(run[5]).toMatchObject({ level: 'info', status: 'success', ms: 2000 });
    expect(typeof run[0]!.ts).toBe('string');
    expect(ledger.lastSuccess('morning')?.scheduledFor.toISOString()).toBe('2026-07-04T05:00:00.000Z');
    await scheduler.stop();
  });

  it('a tick that fires twice produces one run', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const { scheduler, timers, calls, logs } = setup({ clock });
    await scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    timers.fireAll();
    void scheduler.trigger('morning', 'tick');
    await scheduler.idle();
    clock.set('2026-07-04T05:00:01Z');
    await scheduler.trigger('morning', 'tick'); // again after the run finished
    expect(calls).toHaveLength(1);
    expect(logs.lines.filter((l) => l.event === 'run.skipped').map((l) => l.reason)).toEqual(['overlap', 'not-due']);
    await scheduler.stop();
  });

  it('two schedulers sharing a ledger produce one run', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const ledger = new InMemoryRunLedger();
    const a = setup({ clock, ledger });
    const b = setup({ clock, ledger });
    await a.scheduler.start();
    await b.scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    b.timers.fireAll();
    a.timers.fireAll();
    await Promise.all([a.scheduler.idle(), b.scheduler.idle()]);
    expect([...a.calls, ...b.calls]).toEqual([{ edition: 'morning', scheduledFor: '2026-07-04T05:00:00.000Z' }]);
    expect([...a.logs.lines, ...b.logs.lines].filter((l) => l.event === 'run.skipped')).toEqual([
      expect.objectContaining({ reason: 'claimed', scheduledFor: '2026-07-04T05:00:00.000Z' }),
    ]);
    await a.scheduler.stop();
    await b.scheduler.stop();
  });

  it('a run still going when the next tick comes is not overlapped: the tick is skipped and logged', async () => {
    const every5: ScheduledEdition = { name: 'wire', cron: '*/5 * * * *', timeZone: 'UTC' };
    const clock = new ManualClock('2026-07-04T04:59:00Z');
    const gate = deferred<RunOutcome>();
    let started = 0;
    const { scheduler, timers, logs, ledger } = setup({
      clock,
      editions: [every5],
      runEdition: () => {
        started++;
        return gate.promise;
      },
    });
    await scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    timers.fireAll();
    await flush();
    expect(scheduler.running()).toEqual(['wire']);
    // The timer re-armed as it fired, so the next occurrence comes while the run is still going.
    expect(timers.delays()).toEqual([300_000]);
    clock.set('2026-07-04T05:05:00Z');
    timers.fireAll();
    await flush();
    expect(started).toBe(1);
    expect(logs.lines.filter((l) => l.event === 'run.skipped')).toEqual([
      expect.objectContaining({ edition: 'wire', reason: 'overlap', level: 'warn' }),
    ]);
    gate.resolve(ok);
    await scheduler.idle();
    expect(ledger.all('wire').map((r) => r.scheduledFor.toISOString())).toEqual(['2026-07-04T05:00:00.000Z']);
    await scheduler.stop();
  });

  it('a failing job is logged as run.error and recorded as failed; the next run still happens', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    let n = 0;
    const { scheduler, timers, logs, ledger } = setup({
      clock,
      runEdition: async () => {
        if (n++ === 0) throw new Error('no sources could be read');
        return ok;
      },
    });
    await scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    timers.fireAll();
    await scheduler.idle();
    expect(logs.lines.find((l) => l.event === 'run.error')).toMatchObject({ level: 'error', error: 'no sources could be read', status: 'failed' });
    expect(ledger.lastRun('morning')).toMatchObject({ outcome: 'failed', error: 'no sources could be read' });
    clock.set('2026-07-05T05:00:00Z');
    timers.fireAll();
    await scheduler.idle();
    expect(ledger.lastRun('morning')).toMatchObject({ outcome: 'success' });
    expect(ledger.lastSuccess('morning')?.scheduledFor.toISOString()).toBe('2026-07-05T05:00:00.000Z');
    await scheduler.stop();
  });
});

describe('Scheduler: DST', () => {
  it('runs a 01:30 London edition on the spring-forward day, at the jump', async () => {
    const early: ScheduledEdition = { name: 'early', cron: '30 1 * * *', timeZone: 'Europe/London' };
    const clock = new ManualClock('2026-03-28T12:00:00Z');
    const ledger = new InMemoryRunLedger();
    ledger.claim('early', new Date('2026-03-28T01:30:00Z'), new Date('2026-03-28T01:30:00Z'));
    const { scheduler, timers, calls } = setup({ clock, ledger, editions: [early] });
    await scheduler.start();
    // 13 h until 01:00Z next day; timers re-arm at least every 6 h.
    expect(timers.delays()).toEqual([6 * 3_600_000]);
    clock.set('2026-03-29T01:00:00Z'); // 02:00 BST, the jump
    expect(timers.fireAll()).toBe(1);
    await scheduler.idle();
    expect(calls).toEqual([{ edition: 'early', scheduledFor: '2026-03-29T01:00:00.000Z' }]);
    await scheduler.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('runs a 01:30 London edition once on the fall-back night: the second 01:30 is not due', async () => {
    const early: ScheduledEdition = { name: 'early', cron: '30 1 * * *', timeZone: 'Europe/London' };
    const clock = new ManualClock('2026-10-24T12:00:00Z');
    const ledger = new InMemoryRunLedger();
    ledger.claim('early', new Date('2026-10-24T00:30:00Z'), new Date('2026-10-24T00:30:00Z'));
    const { scheduler, timers, calls, logs } = setup({ clock, ledger, editions: [early] });
    await scheduler.start();
    clock.set('2026-10-25T00:30:00Z'); // the first 01:30 (BST)
    expect(timers.fireAll()).toBe(1);
    await scheduler.idle();
    // The next timer is for the 26th (25 h away, so armed for 6 h), not for the second 01:30 an hour later.
    expect(timers.delays()).toEqual([6 * 3_600_000]);
    clock.set('2026-10-25T01:30:00Z');
    expect(await scheduler.trigger('early', 'tick')).toEqual({ ran: false, reason: 'not-due' });
    expect(calls).toEqual([{ edition: 'early', scheduledFor: '2026-10-25T00:30:00.000Z' }]);
    expect(logs.lines.filter((l) => l.event === 'run.skipped').at(-1)).toMatchObject({ reason: 'not-due', trigger: 'tick' });
    await scheduler.stop();
  });
});

describe('Scheduler: stop', () => {
  it('lets a run in progress finish within the grace period', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const gate = deferred<RunOutcome>();
    let signal: AbortSignal | undefined;
    const { scheduler, timers, ledger, logs } = setup({
      clock,
      runEdition: (_e, _s, s) => {
        signal = s;
        return gate.promise;
      },
    });
    await scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    timers.fireAll();
    await flush();
    const stopping = scheduler.stop({ graceMs: 30_000 });
    await flush();
    // The edition's timer is gone; only the grace period's is left.
    expect(timers.delays()).toEqual([30_000]);
    gate.resolve(ok);
    expect(await stopping).toEqual({ finished: ['morning'], aborted: [] });
    expect(signal!.aborted).toBe(false);
    expect(ledger.lastRun('morning')).toMatchObject({ outcome: 'success' });
    expect(logs.events()).toContain('scheduler.stop');
    expect(await scheduler.trigger('morning', 'tick')).toEqual({ ran: false, reason: 'stopped' });
  });

  it('aborts a run still going after the grace period; the job sees the abort', async () => {
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    let sawAbort: unknown;
    const { scheduler, timers, ledger, logs } = setup({
      clock,
      runEdition: (_e, _s, signal) =>
        new Promise<RunOutcome>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = signal.reason;
            reject(new Error('render aborted; temp files removed'));
          });
        }),
    });
    await scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    timers.fireAll();
    await flush();
    const stopping = scheduler.stop({ graceMs: 5_000 });
    await flush();
    expect(timers.fireAll()).toBe(1); // the grace period runs out
    expect(await stopping).toEqual({ finished: [], aborted: ['morning'] });
    expect(String(sawAbort)).toMatch(/grace period ran out/);
    expect(ledger.lastRun('morning')).toMatchObject({ outcome: 'aborted', error: 'render aborted; temp files removed' });
    expect(logs.lines.find((l) => l.event === 'run.finish')).toMatchObject({ status: 'aborted', level: 'error' });
  });
});
