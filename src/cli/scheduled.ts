import type { BriefingConfig } from '../config/index.js';
import type { ScheduledEdition } from '../schedule/index.js';

/** The configuration's editions as the scheduler sees them. */
export function scheduledEditions(config: BriefingConfig): ScheduledEdition[] {
  return config.editions.map((e) => ({ name: e.name, cron: e.schedule.cron, timeZone: e.schedule.timezone }));
}
