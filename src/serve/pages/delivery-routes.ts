/*
 * The outbox as a page: what was sent, what waits, what failed and why; admins can retry a delivery now or resend an
 * edition to an address, with the same functions `briefing deliver` uses (edition/redeliver.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emailAddressProblem } from '../../config/email-address.js';
import { retryDelivery, resendEdition } from '../../edition/redeliver.js';
import { deliveryView } from '../../deliver/index.js';
import { listOutbox } from '../../store/index.js';
import type { BriefingConfig } from '../../config/index.js';
import type { QueueReport } from '../../queue/report.js';
import type { ServerContext } from '../context.js';
import { requireScope } from '../security.js';
import { validDate, validEditionName } from './edition-data.js';
import { sendPage } from './page.js';

const NOTICES: Record<string, { kind: 'ok' | 'problem'; text: string }> = {
  sent: { kind: 'ok', text: 'Sent.' },
  'not-sent': { kind: 'problem', text: 'Not sent: the row below says why. It will be retried on its schedule.' },
  invalid: { kind: 'problem', text: 'Give an edition, a date written YYYY-MM-DD and a valid e-mail address.' },
};

export async function registerDeliveryPages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const read = requireScope('read', 'page');
  const admin = requireScope('admin', 'page');

  app.get('/deliveries', { preHandler: read }, (request, reply) =>
    showOutbox(request, reply, NOTICES[String((request.query as Record<string, unknown>).notice ?? '')]),
  );

  /** In scale-out mode (a queue configured), the queue beside the outbox; a Redis that does not answer is said on the page. */
  async function queueView(config: BriefingConfig): Promise<{ report?: QueueReport; problem?: string } | undefined> {
    if (!config.queue.url) return undefined;
    const { queueReport } = await import('../../queue/status.js');
    try {
      return { report: await queueReport(config, config.queue.url) };
    } catch (error) {
      return { problem: `The queue did not answer (${(error as Error).message}); is redis-server running?` };
    }
  }

  async function showOutbox(request: FastifyRequest, reply: FastifyReply, notice?: { kind: string; text: string }, status = 200) {
    const rows = await ctx.store.read((db) => listOutbox(db));
    const count = (state: string) => rows.filter((r) => r.status === state).length;
    return sendPage(ctx, request, reply, 'deliveries', { title: 'Deliveries', section: 'deliveries' }, {
      rows: rows.map((row) => deliveryView(row, ctx.now())),
      summary: `${count('sent')} sent, ${count('pending') + count('sending')} pending, ${count('failed')} failed.`,
      admin: request.principal?.scope === 'admin',
      editionNames: ctx.config.editions.map((e) => e.name),
      latestDate: rows[0]?.date,
      notice,
      queue: await queueView(ctx.config),
    }, status);
  }

  app.post('/deliveries/retry', { preHandler: admin }, async (request, reply) => {
    const body = fieldsOf(request);
    const date = validDate(body.date);
    if (!validEditionName(body.edition ?? '') || !date || !body.channel || !body.recipient) return showOutbox(request, reply, NOTICES.invalid, 400);
    return attempt(request, reply, () => retryDelivery(ctx.config, ctx.store, { edition: body.edition!, date, channel: body.channel!, recipient: body.recipient! }, deliveryOptions(ctx)));
  });

  app.post('/deliveries/resend', { preHandler: admin }, async (request, reply) => {
    const body = fieldsOf(request);
    const date = validDate(body.date);
    const to = validAddress(body.to);
    if (!validEditionName(body.edition ?? '') || !date || !to) return showOutbox(request, reply, NOTICES.invalid, 400);
    return attempt(request, reply, () => resendEdition(ctx.config, ctx.store, { edition: body.edition!, date, to }, deliveryOptions(ctx)));
  });

  /** Done: back to the outbox (a reload does not send again). Refused: the outbox with the reason and its fix. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, run: () => Promise<Array<{ status: string }>>) {
    let outcomes: Array<{ status: string }>;
    try {
      outcomes = await run();
    } catch (error) {
      const message = (error as Error).message;
      ctx.log({ event: 'page.delivery', level: 'warn', message });
      return showOutbox(request, reply, { kind: 'problem', text: `Not done: ${message}` }, 409);
    }
    return back(reply, outcomes.length > 0 && outcomes.every((o) => o.status === 'sent') ? 'sent' : 'not-sent');
  }
}

function deliveryOptions(ctx: ServerContext) {
  return { now: ctx.now(), log: ctx.log };
}

function fieldsOf(request: FastifyRequest): Partial<Record<'edition' | 'date' | 'channel' | 'recipient' | 'to', string>> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : undefined);
  return { edition: text('edition'), date: text('date'), channel: text('channel'), recipient: text('recipient'), to: text('to') };
}

function validAddress(value: string | undefined): string | undefined {
  if (!value || value.length > 254) return undefined;
  try {
    return emailAddressProblem(value) === undefined ? value : undefined;
  } catch {
    return undefined;
  }
}

function back(reply: FastifyReply, notice: string) {
  return reply.code(303).header('location', `/deliveries?notice=${notice}`).send();
}
