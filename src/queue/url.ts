import type { BriefingConfig } from '../config/index.js';
import { UsageError } from '../util/errors.js';

/**
 * The queue URL in force (--queue, BRIEFING_QUEUE or `queue.url`), or a usage error that says where to give it.
 * `command` names the command for the message.
 */
export function queueUrl(config: BriefingConfig, command: string): string {
  if (config.queue.url) return config.queue.url;
  throw new UsageError(
    `${command} needs a queue: give --queue redis://HOST:PORT, set BRIEFING_QUEUE, or add queue: { url: redis://HOST:PORT } to ${config.file ?? 'briefing.config.yaml'}.`,
  );
}
