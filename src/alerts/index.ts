/**
 * Alerts for operators: a failed run (and, later, a delivery that failed for good) is mailed and/or POSTed to the
 * `alerts:` section's channels, at most once per edition and kind per interval.
 */
export { sendAlert, type AlertDeps } from './send.js';
export { alertOnGiveUp } from './give-up.js';
export { formatAlert, type AlertPayload, type FormattedAlert } from './format.js';
export type { Alert, AlertChannelResult, AlertResult, AlertSettings } from './types.js';
