import type { BriefingConfig } from '../config/index.js';
import { postJson, sendPlainEmail } from '../deliver/index.js';
import { lastAlertSentAt, recordAlertSent, type Store } from '../store/index.js';
import { formatAlert } from './format.js';
import type { Alert, AlertChannelResult, AlertResult } from './types.js';

export interface AlertDeps {
  /** Remembers when each kind was last sent per edition (the rate limit holds across runs and processes). */
  store: Store;
  now: () => Date;
  /** SMTP credentials may come from the environment (BRIEFING_SMTP_USER / _PASS). */
  env?: NodeJS.ProcessEnv;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * Tells the operators about `alert` through the configured `alerts:` channels, at most once per edition and kind
 * in `alerts.minIntervalMinutes`. Never throws for a channel that fails: alerting must not turn one failure into
 * two; each channel's result is returned and logged. When no channel reached anyone, the rate-limit slot is given
 * back so the next failure tries again.
 */
export async function sendAlert(config: BriefingConfig, alert: Alert, deps: AlertDeps): Promise<AlertResult> {
  const settings = config.alerts;
  const log = deps.log ?? (() => {});
  if (!settings) return { status: 'not-configured' };
  const now = deps.now();
  const intervalMs = settings.minIntervalMinutes * 60_000;
  // Claimed in one transaction, so two processes failing at once send one alert.
  const claim = await deps.store.transaction(async (db) => {
    const last = await lastAlertSentAt(db, alert.edition, alert.kind);
    if (last !== undefined && now.getTime() - Date.parse(last) < intervalMs) return { claimed: false as const, last };
    await recordAlertSent(db, alert.edition, alert.kind, now.toISOString());
    return { claimed: true as const, previous: last };
  });
  if (!claim.claimed) {
    log({ event: 'alert.skipped', level: 'info', edition: alert.edition, kind: alert.kind, lastSentAt: claim.last, message: 'an alert of this kind was sent within alerts.minIntervalMinutes' });
    return { status: 'rate-limited', lastSentAt: claim.last };
  }
  const formatted = formatAlert(alert, now);
  const results: AlertChannelResult[] = [];
  const email = config.delivery.email;
  for (const to of settings.email) {
    if (!email) {
      results.push({ channel: 'email', recipient: to, ok: false, error: 'no smtp: section is configured' });
      continue;
    }
    results.push(
      await sendPlainEmail(email, { to, subject: formatted.subject, text: formatted.text, headers: { 'X-Briefing-Alert': alert.kind } }, deps.env).then(
        () => ({ channel: 'email' as const, recipient: to, ok: true }),
        (error: unknown) => ({ channel: 'email' as const, recipient: to, ok: false, error: (error as Error).message }),
      ),
    );
  }
  if (settings.webhook) {
    const { url, secret } = settings.webhook;
    results.push(
      await postJson({ url, body: JSON.stringify(formatted.payload), timeoutMs: config.delivery.webhook.timeoutMs, secret, now: deps.now }).then(
        () => ({ channel: 'webhook' as const, recipient: url, ok: true }),
        (error: unknown) => ({ channel: 'webhook' as const, recipient: url, ok: false, error: (error as Error).message }),
      ),
    );
  }
  for (const r of results) {
    log({ event: 'alert.sent', level: r.ok ? 'info' : 'error', edition: alert.edition, kind: alert.kind, channel: r.channel, recipient: r.recipient, ...(r.error ? { error: r.error } : {}) });
  }
  if (!results.some((r) => r.ok)) {
    await deps.store.transaction((db) => recordAlertSent(db, alert.edition, alert.kind, claim.previous)).catch(() => undefined);
  }
  return { status: 'sent', channels: results };
}
