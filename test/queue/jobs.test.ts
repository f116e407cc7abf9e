import { describe, expect, it } from 'vitest';
import {
  deliveriesOf,
  deliveryJobId,
  deliveryQueueName,
  DELIVERIES_QUEUE,
  editionRunJobId,
  scheduledForOf,
  smtpQueueName,
} from '../../src/queue/jobs.js';
import { rateLimit } from '../../src/queue/worker.js';
import { schedulerIdOf } from '../../src/queue/schedulers.js';

describe('queue job ids and fan-out', () => {
  it('gives one stable id per edition occurrence and per delivery, never with a ":" (BullMQ refuses it)', () => {
    expect(editionRunJobId('morning', '2025-07-11T06:00:00.000Z')).toBe(editionRunJobId('morning', '2025-07-11T06:00:00.000Z'));
    expect(editionRunJobId('morning', '2025-07-11T06:00:00.000Z')).not.toBe(editionRunJobId('morning', '2025-07-12T06:00:00.000Z'));
    expect(editionRunJobId('morning', '2025-07-11T06:00:00.000Z')).not.toContain(':');
    const hook = { edition: 'morning', date: '2025-07-11', channel: 'webhook' as const, recipient: 'https://hooks.example.org:8443/in' };
    expect(deliveryJobId(hook)).not.toContain(':');
    expect(deliveryJobId(hook)).toBe('delivery.send|morning|2025-07-11|webhook|https%3A%2F%2Fhooks.example.org%3A8443%2Fin');
    // A part holding the separator cannot make two deliveries share an id.
    const a = deliveryJobId({ edition: 'a|b', date: 'd', channel: 'email', recipient: 'x@y' });
    const b = deliveryJobId({ edition: 'a', date: 'b|d', channel: 'email', recipient: 'x@y' });
    expect(a).not.toBe(b);
    expect(schedulerIdOf('morning')).toBe('edition-morning');
  });

  it('fans an edition out to one delivery per recipient, keyed as the outbox keys them', () => {
    const jobs = deliveriesOf(
      {
        name: 'morning',
        recipients: [
          { channel: 'email', to: ' ann@example.org ' },
          { channel: 'email', to: 'bob@example.org' },
          { channel: 'file', dir: '/srv/drop' },
        ],
      },
      '2025-07-11',
    );
    expect(jobs).toEqual([
      { edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'ann@example.org' },
      { edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'bob@example.org' },
      { edition: 'morning', date: '2025-07-11', channel: 'file', recipient: '/srv/drop' },
    ]);
    expect(new Set(jobs.map(deliveryJobId)).size).toBe(3);
  });

  it('sends e-mail through a queue per SMTP host (its rate limit) and the other channels through one shared queue', () => {
    expect(smtpQueueName({ host: 'smtp.example.org', port: 587 })).toBe('briefing-smtp-smtp.example.org-587');
    expect(deliveryQueueName('email', { host: 'smtp.example.org', port: 587 })).toBe('briefing-smtp-smtp.example.org-587');
    expect(deliveryQueueName('webhook', { host: 'smtp.example.org', port: 587 })).toBe(DELIVERIES_QUEUE);
    expect(smtpQueueName({ host: '::1', port: 25 })).not.toContain(':');
    expect(rateLimit(10)).toEqual({ max: 10, duration: 1000 });
    expect(rateLimit(0.5)).toEqual({ max: 1, duration: 2000 });
  });

  it("takes a job scheduler's occurrence from BullMQ's prevMillis when the data names none", () => {
    const fallback = new Date('2030-01-01T00:00:00Z');
    expect(scheduledForOf({ edition: 'm', scheduledFor: '2025-07-11T06:00:00Z' }, {}, fallback).toISOString()).toBe('2025-07-11T06:00:00.000Z');
    expect(scheduledForOf({ edition: 'm' }, { prevMillis: Date.parse('2025-07-12T06:00:00Z') }, fallback).toISOString()).toBe('2025-07-12T06:00:00.000Z');
    expect(scheduledForOf({ edition: 'm', scheduledFor: 'nonsense' }, {}, fallback)).toBe(fallback);
  });
});
