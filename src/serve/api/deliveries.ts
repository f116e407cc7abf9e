/* The outbox over HTTP: GET /api/deliveries, POST /api/deliveries/:id/retry and /resend. */
import type { FastifyInstance } from 'fastify';
import { emailAddressProblem } from '../../config/email-address.js';
import { deliveryView, describeDelivery, type DeliveryOutcome } from '../../deliver/index.js';
import { resendEdition, retryDelivery } from '../../edition/redeliver.js';
import { listOutbox, type OutboxKey, type OutboxStatus } from '../../store/index.js';
import { BriefingError } from '../../util/errors.js';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../problem.js';
import { requireScope } from '../security.js';
import { idParam, withProblems } from './schemas.js';

const STATES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];

/** A delivery's id in URLs: its key (edition, date, channel, recipient) as base64url; the outbox has no other. */
export function deliveryId(key: OutboxKey): string {
  return Buffer.from(JSON.stringify([key.edition, key.date, key.channel, key.recipient])).toString('base64url');
}

export function parseDeliveryId(id: string): OutboxKey | undefined {
  try {
    const parts = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string')) return undefined;
    const [edition, date, channel, recipient] = parts as [string, string, string, string];
    return { edition, date, channel, recipient };
  } catch {
    return undefined;
  }
}

const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    edition: { type: 'string' },
    date: { type: 'string' },
    channel: { type: 'string' },
    recipient: { type: 'string' },
    status: { type: 'string', enum: STATES },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'string' },
    lastError: { type: 'string', nullable: true },
    sentAt: { type: 'string', nullable: true },
    createdAt: { type: 'string' },
    description: { type: 'string' },
    canRetry: { type: 'boolean' },
  },
} as const;

const outcomeSchema = {
  type: 'object',
  properties: {
    outcomes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { channel: { type: 'string' }, recipient: { type: 'string' }, status: { type: 'string' }, error: { type: 'string' }, description: { type: 'string' } },
      },
    },
  },
} as const;

export async function registerDeliveryRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(
    '/api/deliveries',
    {
      preHandler: requireScope('read', 'api'),
      schema: {
        summary: 'The outbox: every delivery, newest first, optionally of one state, edition or date',
        tags: ['deliveries'],
        querystring: {
          type: 'object',
          properties: { state: { type: 'string', enum: STATES }, edition: { type: 'string', maxLength: 100 }, date: { type: 'string', maxLength: 10 } },
        },
        response: withProblems({ 200: { type: 'object', properties: { deliveries: { type: 'array', items: deliverySchema } } } }, 400, 401),
      },
    },
    async (request) => {
      const query = request.query as { state?: OutboxStatus; edition?: string; date?: string };
      const rows = await ctx.store.read((db) => listOutbox(db, { status: query.state, edition: query.edition, date: query.date }));
      const now = ctx.now();
      return { deliveries: rows.map((row) => ({ id: deliveryId(row), ...deliveryView(row, now) })) };
    },
  );

  app.post(
    '/api/deliveries/:id/retry',
    {
      preHandler: requireScope('admin', 'api'),
      schema: {
        summary: 'Send a pending or failed delivery now',
        tags: ['deliveries'],
        params: idParam,
        response: withProblems({ 200: outcomeSchema }, 401, 403, 404, 409),
      },
    },
    async (request) => {
      const key = await knownDelivery(ctx, (request.params as { id: string }).id);
      const outcomes = await asConflict(() => retryDelivery(ctx.config, ctx.store, key, { now: ctx.now(), log: ctx.log }));
      return { outcomes: outcomes.map((o) => outcomeView(o, ctx.now())) };
    },
  );

  app.post(
    '/api/deliveries/:id/resend',
    {
      preHandler: requireScope('admin', 'api'),
      schema: {
        summary: "Send this delivery's edition to an e-mail address (again, or as a new copy when it was delivered)",
        tags: ['deliveries'],
        params: idParam,
        body: { type: 'object', properties: { to: { type: 'string', minLength: 3, maxLength: 320 } }, required: ['to'] },
        response: withProblems({ 200: outcomeSchema }, 400, 401, 403, 404, 409),
      },
    },
    async (request) => {
      const key = await knownDelivery(ctx, (request.params as { id: string }).id);
      const to = (request.body as { to: string }).to.trim();
      const problem = emailAddressProblem(to);
      if (problem) throw new ProblemError(400, 'Invalid address', `"to" ${problem}; give one e-mail address like ann@example.org.`);
      const outcomes = await asConflict(() => resendEdition(ctx.config, ctx.store, { edition: key.edition, date: key.date, to }, { now: ctx.now(), log: ctx.log }));
      return { outcomes: outcomes.map((o) => outcomeView(o, ctx.now())) };
    },
  );
}

async function knownDelivery(ctx: ServerContext, id: string): Promise<OutboxKey> {
  const key = parseDeliveryId(id);
  const rows = key ? await ctx.store.read((db) => listOutbox(db, { edition: key.edition, date: key.date })) : [];
  const row = key && rows.find((r) => r.channel === key.channel && r.recipient === key.recipient);
  if (!key || !row) throw new ProblemError(404, 'No such delivery', `there is no delivery ${id}; GET /api/deliveries lists them with their ids.`);
  return key;
}

/** What an operator asked for that cannot be done now (already sent, gone from the configuration) is a 409 that says why. */
async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BriefingError) throw new ProblemError(409, 'Cannot deliver', error.message);
    throw error;
  }
}

function outcomeView(outcome: DeliveryOutcome, now: Date) {
  return { channel: outcome.channel, recipient: outcome.recipient, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), description: describeDelivery(outcome, now) };
}
