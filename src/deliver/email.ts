import { Transform } from 'node:stream';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Branding } from '../render/branding.js';
import { renderEmail, type RenderedEmail } from '../render/email.js';
import { resolveSmtpAuth, type EmailSettings } from './settings.js';
import { DeliveryFailure, type Channel, type SendJob, type SendResult } from './types.js';

export interface EmailChannelOptions {
  settings: EmailSettings;
  editorNote?: string;
  locale?: string;
  /** The edition's theme: its email.hbs (or the one it inherits) makes the body. Default "default". */
  theme?: string;
  /** The edition's branding (accent, logo, classification, title, locale, date format). */
  branding?: Branding;
  /** The user's themes folder, and where relative theme and logo paths are resolved from. */
  themesDir?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Network-level SMTP error codes (nodemailer's `code`) worth another attempt. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EPROTOCOL', 'EMESSAGE']);

/** 5xx replies are final (bad address, rejected content); 4xx and lost connections are worth retrying. */
export function classifySmtpError(error: unknown): DeliveryFailure {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const reply = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') {
    return new DeliveryFailure(`SMTP authentication failed: ${reply}. Check delivery.email.user/pass or BRIEFING_SMTP_USER/BRIEFING_SMTP_PASS.`, true, { cause: error });
  }
  if (typeof e.responseCode === 'number') {
    const permanent = e.responseCode >= 500;
    return new DeliveryFailure(`SMTP server answered ${e.responseCode}: ${reply}`, permanent, { cause: error });
  }
  if (e.code === 'ETLS') {
    return new DeliveryFailure(`SMTP TLS failed: ${reply}. Check delivery.email.secure/requireTLS and the server's certificate.`, true, { cause: error });
  }
  const transient = e.code === undefined || TRANSIENT_CODES.has(e.code);
  return new DeliveryFailure(`SMTP send failed${e.code ? ` (${e.code})` : ''}: ${reply}`, !transient, { cause: error });
}

/** nodemailer's options for the configured SMTP server: one place for host, TLS, credentials and timeouts. */
export function smtpTransportOptions(settings: EmailSettings, env?: NodeJS.ProcessEnv): SMTPTransport.Options {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ignoreTLS: settings.ignoreTLS,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    auth: resolveSmtpAuth(settings, env),
    connectionTimeout: settings.connectionTimeoutMs,
    greetingTimeout: settings.greetingTimeoutMs,
    socketTimeout: settings.socketTimeoutMs,
    name: settings.domain,
  };
}

/**
 * A plain-text message through the configured SMTP server (alerts, not briefings): sent from `settings.from`,
 * failures classified like deliveries' (a DeliveryFailure saying what the server answered).
 */
export async function sendPlainEmail(settings: EmailSettings, message: { to: string; subject: string; text: string; headers?: Record<string, string> }, env?: NodeJS.ProcessEnv): Promise<SendResult> {
  const transport = nodemailer.createTransport(smtpTransportOptions(settings, env));
  try {
    const info = await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text, headers: message.headers });
    if (info.rejected.length > 0) throw new DeliveryFailure(`SMTP server refused ${info.rejected.join(', ')}: ${info.response}`, true);
    return { detail: info.response };
  } catch (error) {
    throw error instanceof DeliveryFailure ? error : classifySmtpError(error);
  } finally {
    transport.close();
  }
}

/**
 * The e-mail channel: one message per recipient over SMTP, the edition theme's e-mail body (render/email.ts: HTML
 * made for mail clients, the branding's logo inline, a text alternative), the PDF attached (and the HTML when
 * `attachHtml`), and the job's stable Message-ID.
 * A new transport per message keeps a dropped connection from affecting the next recipient.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const { settings } = options;
  const transportOptions = smtpTransportOptions(settings, options.env);
  // Every recipient of an edition gets the same body: rendered once per edition, not once per message.
  const bodies = new WeakMap<SendJob['edition'], Promise<RenderedEmail>>();
  const bodyOf = (job: SendJob, attachmentName: string | undefined): Promise<RenderedEmail> => {
    let body = bodies.get(job.edition);
    if (!body) {
      body = renderEmail(job.edition.briefing, {
        edition: job.edition.edition,
        theme: options.theme,
        editorNote: options.editorNote,
        locale: options.locale,
        attachmentName,
        branding: options.branding,
        themesDir: options.themesDir,
        cwd: options.cwd,
      }).catch((error: unknown) => {
        bodies.delete(job.edition);
        // Retried like a lost connection: once the theme or the branding is fixed, the next try sends.
        throw new DeliveryFailure(`the e-mail body could not be made: ${(error as Error).message}`, false, { cause: error });
      });
      bodies.set(job.edition, body);
    }
    return body;
  };
  return {
    idDomain: settings.domain,
    async send(job: SendJob): Promise<SendResult> {
      if (job.recipient.channel !== 'email') throw new DeliveryFailure(`email channel given a ${job.recipient.channel} recipient`, true);
      const { briefing, outputs, edition } = job.edition;
      const pdf = outputs.find((o) => o.filename.toLowerCase().endsWith('.pdf'));
      const html = outputs.find((o) => o.filename.toLowerCase().endsWith('.html'));
      const pdfName = pdf ? `${edition}-${briefing.date}.pdf` : undefined;
      const body = await bodyOf(job, pdfName);
      const attachments = [
        // Inline images first: the logo the HTML refers to by cid:, shown in the body rather than listed.
        ...body.inlineImages.map((image) => ({ filename: image.filename, content: image.content, contentType: image.contentType, cid: image.cid, contentDisposition: 'inline' as const })),
        ...(pdf ? [{ filename: pdfName!, content: Buffer.from(pdf.content), contentType: 'application/pdf' }] : []),
        ...(html && settings.attachHtml ? [{ filename: `${edition}-${briefing.date}.html`, content: Buffer.from(html.content), contentType: 'text/html; charset=utf-8' }] : []),
      ];
      const transport = nodemailer.createTransport(transportOptions);
      if (job.onCommitPoint) watchCommitPoint(transport, job.onCommitPoint);
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: job.recipient.to,
          subject: body.subject,
          text: body.text,
          html: body.html,
          messageId: job.messageId,
          // A fixed Date header keeps a resend byte-for-byte recognisable as the same message.
          date: new Date(briefing.generatedAt),
          headers: { 'X-Briefing-Edition': edition, 'X-Briefing-Date': briefing.date },
          attachments,
        });
        if (info.rejected.length > 0) {
          throw new DeliveryFailure(`SMTP server refused ${info.rejected.join(', ')}: ${info.response}`, true);
        }
        return { detail: info.response, ...(body.warnings.length > 0 ? { warnings: body.warnings } : {}) };
      } catch (error) {
        throw error instanceof DeliveryFailure ? error : classifySmtpError(error);
      } finally {
        transport.close();
      }
    },
  };
}

/**
 * Calls `onCommitPoint` when the last byte of the message has passed on its way to the server, before
 * nodemailer appends SMTP's final "." (which is what lets the server commit the message). Runs synchronously
 * in the stream's flush, so the caller's marker is on disk before the dot can be written.
 */
function watchCommitPoint(transport: Transporter, onCommitPoint: () => void): void {
  transport.use('stream', (mail, done) => {
    mail.message.transform(
      () =>
        new Transform({
          transform(chunk, _encoding, callback) {
            callback(null, chunk);
          },
          flush(callback) {
            try {
              onCommitPoint();
              callback();
            } catch (error) {
              callback(error as Error);
            }
          },
        }),
    );
    done();
  });
}

export interface SmtpTestResult {
  ok: boolean;
  /** The server's answer to the message, or what went wrong and how to fix it. */
  message: string;
}

/**
 * Sends one small message with the configured SMTP settings (`briefing deliver --test`): the quickest way to
 * check the host, port, TLS and credentials before the first edition relies on them.
 */
export async function sendTestEmail(settings: EmailSettings, to: string, options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): Promise<SmtpTestResult> {
  const transport = nodemailer.createTransport(smtpTransportOptions(settings, options.env));
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to,
      subject: 'briefing: test message',
      text: `This is a test from briefing (briefing deliver --test), sent ${(options.now ?? new Date()).toISOString()} through ${settings.host}:${settings.port}. The SMTP settings work.`,
    });
    if (info.rejected.length > 0) return { ok: false, message: `the server refused ${info.rejected.join(', ')}: ${info.response}` };
    return { ok: true, message: info.response };
  } catch (error) {
    return { ok: false, message: `${classifySmtpError(error).message}${smtpHint(error, settings)}` };
  } finally {
    transport.close();
  }
}

/** What to change for the common ways an SMTP setup fails. */
function smtpHint(error: unknown, settings: EmailSettings): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ECONNREFUSED') {
    return ` (nothing answered at ${settings.host}:${settings.port}: check smtp.host and smtp.port; 587 is usual with STARTTLS, 465 with secure: true)`;
  }
  if (code === 'ETIMEDOUT') return ` (no answer from ${settings.host}:${settings.port} in time: a firewall, or the wrong port or secure setting)`;
  return '';
}
