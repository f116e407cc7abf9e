import type { BriefingConfig } from '../config/index.js';
import type { DeliveryFailure, OutboxRow, PermanentFailureHook } from '../deliver/index.js';
import { sendAlert, type AlertDeps } from './send.js';

/**
 * The hook delivery calls when it gives a delivery up for good (a permanent SMTP refusal, retries exhausted, or
 * unconfirmed after a crash): the delivery is logged, as without a hook, and the operators are alerted (kind
 * `delivery-failed`, rate-limited like every alert) with the command that sends it again.
 */
export function alertOnGiveUp(config: BriefingConfig, deps: AlertDeps): PermanentFailureHook {
  const log = deps.log ?? (() => {});
  return async (row: OutboxRow, error: DeliveryFailure) => {
    const { edition, date, channel, recipient } = row;
    log({ event: 'delivery.given-up', level: 'error', edition, date, channel, recipient, error: error.message });
    await sendAlert(
      config,
      {
        kind: 'delivery-failed',
        edition,
        date,
        reasons: [`${channel} to ${recipient}: ${error.message}`],
        fix:
          channel === 'email'
            ? `check the address and the SMTP settings (briefing deliver --test --to ${recipient}), then run: briefing deliver --resend --edition ${edition} --date ${date} --to ${recipient}`
            : `check the ${channel} target (${recipient}), then run: briefing deliver --retry`,
      },
      deps,
    );
  };
}
