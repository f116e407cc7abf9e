import { describe, expect, it } from 'vitest';
import { InMemoryRunLedger } from '../../src/schedule/memory-ledger.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { collectLogs, deferred } from './helpers.js';

describe('Scheduler on the system clock and timers', () => {
  it('an every-second edition is really triggered, at a whole second', async () => {
    const ledger = new InMemoryRunLedger();
    const logs = collectLogs();
    const firstRun = deferred<Date>();
    const scheduler = new Scheduler({
      editions: [{ name: 'pulse', cron: '* * * * * *', timeZone: 'Europe/London' }],
      ledger,
      logger: logs.logger,
      runEdition: async (_edition, scheduledFor) => {
        firstRun.resolve(scheduledFor);
        return { status: 'success' };
      },
    });
    const t0 = Date.now();
    await scheduler.start();
    const scheduledFor = await Promise.race([
      firstRun.promise,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the scheduler did not trigger within 2.5 s')), 2_500)),
    ]);
    await scheduler.stop({ graceMs: 1_000 });
    expect(scheduledFor.getMilliseconds()).toBe(0);
    expect(scheduledFor.getTime()).toBeGreaterThan(t0 - 1_000);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(logs.events()).toContain('run.start');
    expect(ledger.all('pulse').length).toBeGreaterThanOrEqual(1);
  });
});
