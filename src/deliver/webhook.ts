import { createHmac, timingSafeEqual } from 'node:crypto';
import { DeliveryFailure, type Channel, type SendJob, type SendResult } from './types.js';

export const SIGNATURE_HEADER = 'x-briefing-signature';
export const TIMESTAMP_HEADER = 'x-briefing-timestamp';
export const DELIVERY_HEADER = 'x-briefing-delivery';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. The timestamp is inside the signed bytes so a captured
 * request cannot be replayed later with a fresh timestamp header.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): constant-time check of a signature header. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function contentTypeOf(filename: string): string {
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  return (
    { pdf: 'application/pdf', html: 'text/html; charset=utf-8', json: 'application/json', md: 'text/markdown; charset=utf-8' }[ext] ??
    'application/octet-stream'
  );
}

/** The request body: the briefing JSON, or `{ briefing, files }` with every output base64-encoded. */
export function webhookBody(job: SendJob, includeFiles: boolean): string {
  const { briefing, outputs } = job.edition;
  if (!includeFiles) return JSON.stringify(briefing);
  const files = outputs.map((o) => ({
    name: o.filename,
    contentType: contentTypeOf(o.filename),
    base64: Buffer.from(o.content).toString('base64'),
  }));
  return JSON.stringify({ briefing, files });
}

export interface WebhookChannelOptions {
  timeoutMs: number;
  /** Seconds since the epoch for the timestamp header; injected in tests. */
  now?: () => Date;
}

export interface JsonPost {
  url: string;
  body: string;
  timeoutMs: number;
  /** Signs the body (timestamp + HMAC headers) when given. */
  secret?: string;
  /** Sent as X-Briefing-Delivery, so a receiver can drop a resend. */
  deliveryId?: string;
  now?: () => Date;
}

/**
 * One JSON POST as every webhook of the program makes it: http(s) only, a bounded timeout, no redirects followed
 * (a redirect could carry the signed body somewhere else), signed when there is a secret. 2xx resolves; 408, 429,
 * 5xx and network errors throw a transient DeliveryFailure, any other answer a permanent one.
 */
export async function postJson(post: JsonPost): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch {
    throw new DeliveryFailure(`webhook URL "${post.url}" is not a URL; give an absolute http(s) URL`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryFailure(`webhook URL "${post.url}" is not http(s); only http and https are posted to`, true);
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (post.secret !== undefined) {
    const timestamp = String(Math.floor((post.now?.() ?? new Date()).getTime() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signWebhook(post.secret, timestamp, post.body);
  }
  if (post.deliveryId !== undefined) headers[DELIVERY_HEADER] = post.deliveryId;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(post.timeoutMs), headers, body: post.body });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${post.timeoutMs} ms` : String((error as Error).cause ?? error);
    throw new DeliveryFailure(`webhook POST to ${url.origin} failed: ${reason}`, false, { cause: error });
  }
  // Drain the body so the connection is released, but never wait long for it.
  const answer = (await response.text().catch(() => '')).slice(0, 200);
  const status = response.status;
  if (status >= 200 && status < 300) return { detail: `HTTP ${status}` };
  const transient = status >= 500 || status === 408 || status === 429;
  const hint = status >= 300 && status < 400 ? ' (redirects are not followed: configure the final URL)' : '';
  throw new DeliveryFailure(`webhook ${url.origin} answered HTTP ${status}${hint}${answer ? `: ${answer}` : ''}`, !transient);
}

/**
 * The webhook channel: a signed JSON POST (see postJson). `X-Briefing-Delivery` carries the stable delivery id so
 * a receiver can drop a resend that follows a crash.
 */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  return {
    async send(job: SendJob): Promise<SendResult> {
      const recipient = job.recipient;
      if (recipient.channel !== 'webhook') throw new DeliveryFailure(`webhook channel given a ${recipient.channel} recipient`, true);
      return postJson({
        url: recipient.url,
        body: webhookBody(job, recipient.includeFiles ?? false),
        timeoutMs: options.timeoutMs,
        secret: recipient.secret,
        deliveryId: job.messageId,
        now: options.now,
      });
    },
  };
}
