import type { Alert } from './types.js';

/** The JSON an alert webhook receives. */
export interface AlertPayload {
  type: 'briefing.alert';
  kind: string;
  edition: string;
  date: string;
  reasons: string[];
  fix: string;
  /** When the alert was raised (ISO 8601). */
  at: string;
}

export interface FormattedAlert {
  subject: string;
  /** The plain-text e-mail body. */
  text: string;
  payload: AlertPayload;
}

const KIND_TITLES: Record<string, string> = {
  'run-failed': 'run failed',
  'delivery-failed': 'delivery failed',
};

/** Subject, e-mail text and webhook payload of one alert. Pure: the same alert and instant give the same text. */
export function formatAlert(alert: Alert, at: Date): FormattedAlert {
  const what = KIND_TITLES[alert.kind] ?? alert.kind;
  const subject = `[briefing] ${alert.edition} ${alert.date}: ${what}`;
  const text = [
    `Edition "${alert.edition}" of ${alert.date}: ${what}.`,
    '',
    'What went wrong:',
    ...alert.reasons.map((reason) => `  - ${reason}`),
    '',
    `What to do: ${alert.fix}`,
    '',
    `Raised at ${at.toISOString()}. Alerts of this kind for this edition are limited to one per interval (alerts.minIntervalMinutes).`,
    '',
  ].join('\n');
  return {
    subject,
    text,
    payload: { type: 'briefing.alert', kind: alert.kind, edition: alert.edition, date: alert.date, reasons: [...alert.reasons], fix: alert.fix, at: at.toISOString() },
  };
}
