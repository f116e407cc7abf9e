import { SMTPServer } from 'smtp-server';
import type { Clock, EditionOutputs } from '../../src/deliver/index.js';
import { renderJson } from '../../src/render/json.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

/** A clock that only moves when told to, or when something sleeps on it: retries and backoff without waiting. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private instant: number) {}
  now(): Date {
    return new Date(this.instant);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.instant += ms;
  }
  advance(ms: number): void {
    this.instant += ms;
  }
}

/** A small but real PDF (not the renderer's): for tests that care about delivery, not the document. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export function sampleEdition(edition = 'morning', pdf: Uint8Array = TINY_PDF): EditionOutputs {
  return {
    edition,
    briefing: sampleBriefing,
    outputs: [renderJson(sampleBriefing), { filename: `briefing-${sampleBriefing.date}.pdf`, content: pdf }],
  };
}

export interface TestSmtp {
  port: number;
  /** Raw messages the server accepted (answered 250 to), in order. */
  messages: Array<{ raw: string; from: string; to: string[] }>;
  /** DATA transfers received, accepted or not. */
  dataCount: () => number;
  /** With `holdReply`: resolves when a message has been received whole (final dot read) and awaits its answer. */
  nextHeld: () => Promise<HeldReply>;
  close: () => Promise<void>;
}

/** A message the server has read to its final dot and not yet answered: the test decides, and when. */
export interface HeldReply {
  /** Stores the message (as a server that committed it would) and answers 250 if anyone still listens. */
  accept(): void;
  /** Answers 451 and drops the message. */
  reject(): void;
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, any or no auth). `dropAfterData: n` makes it read the first n
 * messages completely and then cut the connection instead of answering: the client never hears a 250.
 * `refuse` lists addresses answered with 550 at RCPT TO.
 */
export async function startSmtp(
  options: { dropAfterData?: number; auth?: { user: string; pass: string }; refuse?: string[]; holdReply?: boolean; port?: number } = {},
): Promise<TestSmtp> {
  let drops = options.dropAfterData ?? 0;
  let data = 0;
  const held: HeldReply[] = [];
  const waiting: ((held: HeldReply) => void)[] = [];
  const messages: TestSmtp['messages'] = [];
  const server: SMTPServer = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        data += 1;
        if (drops > 0) {
          drops -= 1;
          // Find this session's connection and cut it: the message was transferred but never acknowledged.
          const connections = (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections;
          for (const connection of connections) if (connection.id === session.id) connection._socket.destroy();
          return;
        }
        const store = () =>
          messages.push({
            raw: Buffer.concat(chunks).toString('latin1'),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
        if (options.holdReply) {
          const reply: HeldReply = {
            accept: () => (store(), callback()),
            reject: () => callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 })),
          };
          const waiter = waiting.shift();
          if (waiter) waiter(reply);
          else held.push(reply);
          return;
        }
        store();
        callback();
      });
    },
  });
  // A client that dies mid-session (a killed process) resets its connection; the server reports it here, and a
  // real server carries on, as this one must (unheard, the error would end the test process).
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const nextHeld = () => new Promise<HeldReply>((resolve) => (held.length > 0 ? resolve(held.shift()!) : waiting.push(resolve)));
  return { port, messages, dataCount: () => data, nextHeld, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  filename: string | null;
  body: Buffer;
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function param(value: string | undefined, name: string): string | null {
  const match = value?.match(new RegExp(`${name}="?([^";]+)"?`, 'i'));
  return match ? match[1]! : null;
}

function decode(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable': {
      const soft = body.replace(/=\r\n/g, '');
      const bytes: number[] = [];
      for (let i = 0; i < soft.length; i += 1) {
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
          bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(soft.charCodeAt(i));
      }
      return Buffer.from(bytes);
    }
    default:
      return Buffer.from(body, 'latin1');
  }
}

/** Just enough MIME to read what nodemailer writes: headers, and the leaf parts of nested multiparts. */
export function parseMime(raw: string): { headers: Record<string, string>; parts: MimePart[] } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const contentType = headers['content-type'] ?? 'text/plain';
  if (/^multipart\//i.test(contentType)) {
    const boundary = param(contentType, 'boundary')!;
    const pieces = body.split(`--${boundary}`).slice(1);
    const parts: MimePart[] = [];
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      parts.push(...parseMime(piece.replace(/^\r\n/, '').replace(/\r\n$/, '')).parts);
    }
    return { headers, parts };
  }
  const filename = param(headers['content-disposition'], 'filename') ?? param(contentType, 'name');
  return { headers, parts: [{ headers, contentType: contentType.split(';')[0]!.trim().toLowerCase(), filename, body: decode(body, headers['content-transfer-encoding']) }] };
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and ?B?) back to text. */
export function decodeHeader(value: string | undefined): string {
  return (value ?? '').replace(/\s*=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }).trim();
}
