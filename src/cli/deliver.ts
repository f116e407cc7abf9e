import { loadConfig, type BriefingConfig } from '../config/index.js';
import { describeDelivery, sendTestEmail, deliveryOutbox, type DeliveryOutcome, type Recipient } from '../deliver/index.js';
import { deliverPending } from '../edition/deliver-pending.js';
import { resendEdition } from '../edition/redeliver.js';
import { findEdition } from '../edition/run-edition.js';
import { openStore, type Store } from '../store/index.js';
import { parseBriefingDate } from '../util/dates.js';
import { DeliveryError, UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';

export interface DeliverCommandOptions {
  config?: string;
  retry?: boolean;
  resend?: boolean;
  test?: boolean;
  edition?: string;
  date?: string;
  to?: string;
}

/**
 * `briefing deliver`, for operators: `--retry` sends every pending delivery now (no waiting for its backoff),
 * `--resend --edition E --date D --to ADDR` sends one recorded extra copy, `--test --to ADDR` checks the SMTP
 * settings. Exit code 1 when something was not delivered.
 */
export async function runDeliver(options: DeliverCommandOptions, io: CommandIO): Promise<void> {
  const modes = (['retry', 'resend', 'test'] as const).filter((mode) => options[mode]);
  if (modes.length !== 1) throw new UsageError('briefing deliver needs exactly one of --retry, --resend or --test.');
  const env = io.env ?? process.env;
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env });
  if (options.test) return testSmtp(config, requireAddress(options.to, '--test'), io);
  const store = await openStore(config.database);
  try {
    if (options.retry) await retryNow(config, store, io);
    else await resend(config, store, options, io);
  } finally {
    await store.close();
  }
}

/** An e-mail address given on the command line: one address, no header tricks. */
function requireAddress(value: string | undefined, mode: string): string {
  if (!value) throw new UsageError(`${mode} needs --to ADDRESS.`);
  const address = value.trim();
  if (/[\r\n,;<>\s]/.test(address) || !/^[^@]+@[^@]+\.[^@]+$/.test(address)) {
    throw new UsageError(`--to "${value}" is not one e-mail address (like ann@example.org).`);
  }
  return address;
}

async function testSmtp(config: BriefingConfig, to: string, io: CommandIO): Promise<void> {
  const email = config.delivery.email;
  if (!email) {
    throw new UsageError(`there are no SMTP settings to test: add an smtp: section (host, port, from) to ${config.file ?? 'briefing.config.yaml'}.`);
  }
  const result = await sendTestEmail(email, to, { env: io.env ?? process.env, now: io.now() });
  if (!result.ok) throw new DeliveryError(`SMTP test through ${email.host}:${email.port} failed: ${result.message}`);
  io.stdout.write(`briefing: test message to ${to} through ${email.host}:${email.port}: the server answered "${result.message}"\n`);
}

async function retryNow(config: BriefingConfig, store: Store, io: CommandIO): Promise<void> {
  const problems: string[] = [];
  const log = (line: Record<string, unknown>) => {
    if (line.level === 'error' || line.level === 'warn') problems.push(`edition ${String(line.edition)} of ${String(line.date)}: ${String(line.message)}`);
  };
  const outcomes = await deliverPending(config, store, { now: io.now(), env: io.env ?? process.env, ignoreBackoff: true, log });
  for (const problem of problems) io.stderr.write(`briefing: ${problem}\n`);
  if (outcomes.length === 0) {
    if (problems.length > 0) throw new DeliveryError('pending deliveries could not be retried (see above).');
    io.stdout.write('briefing: nothing to retry: no delivery is pending\n');
    return;
  }
  report(outcomes, io);
}

async function resend(config: BriefingConfig, store: Store, options: DeliverCommandOptions, io: CommandIO): Promise<void> {
  if (!options.edition || !options.date) throw new UsageError('--resend needs --edition NAME, --date YYYY-MM-DD and --to ADDRESS.');
  const edition = findEdition(config, options.edition);
  const date = parseBriefingDate(options.date);
  const to = requireAddress(options.to, '--resend');
  report(await resendEdition(config, store, { edition: edition.name, date, to }, { now: io.now(), env: io.env ?? process.env }), io);
}

/** One line per delivery saying what happened; exit code 1 when any is not sent. */
function report(outcomes: DeliveryOutcome[], io: CommandIO): void {
  for (const d of outcomes) io.stdout.write(`briefing: delivery ${d.edition} ${d.date} ${d.channel} ${d.recipient}: ${describeDelivery(d, io.now())}\n`);
  const unsent = outcomes.filter((d) => d.status !== 'sent');
  if (unsent.length > 0) throw new DeliveryError(`${unsent.length} of ${outcomes.length} deliveries not sent (see above; briefing status shows them).`);
}
