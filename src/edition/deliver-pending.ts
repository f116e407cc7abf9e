import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BriefingConfig } from '../config/index.js';
import {
  AcceptedJournal,
  createChannels,
  deliver,
  recipientId,
  sqliteOutboxStore,
  type DeliveryOutcome,
} from '../deliver/index.js';
import { BriefingSchema } from '../model/schema.js';
import type { RenderedOutput } from '../render/json.js';
import { dueDeliveries, type Store } from '../store/index.js';
import { runClock } from './run-edition.js';

export interface DeliverPendingOptions {
  now: Date;
  env?: NodeJS.ProcessEnv;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * Sends what the outbox still owes from earlier runs: a delivery that failed transiently is retried here even
 * when its edition is not produced again for that date (the scheduler moves on to the next day). The message is
 * rebuilt from the files that run wrote, so the retry carries the very briefing that was due; only the recipients
 * with a due row are passed to deliver(), so a recipient added since never receives an old briefing.
 */
export async function deliverPending(config: BriefingConfig, store: Store, options: DeliverPendingOptions): Promise<DeliveryOutcome[]> {
  const log = options.log ?? (() => {});
  const due = store.read((db) => dueDeliveries(db, options.now));
  const groups = new Map<string, { edition: string; date: string; recipients: Set<string> }>();
  for (const row of due) {
    const id = `${row.edition}\u0000${row.date}`;
    const group = groups.get(id) ?? { edition: row.edition, date: row.date, recipients: new Set<string>() };
    group.recipients.add(`${row.channel}\u0000${row.recipient}`);
    groups.set(id, group);
  }
  const outcomes: DeliveryOutcome[] = [];
  for (const group of [...groups.values()].sort((a, b) => a.date.localeCompare(b.date) || a.edition.localeCompare(b.edition))) {
    const edition = config.editions.find((e) => e.name === group.edition);
    if (!edition) {
      log({ event: 'run.delivery', level: 'warn', edition: group.edition, date: group.date, message: 'pending deliveries of an edition no longer in the configuration are left as they are' });
      continue;
    }
    const recipients = edition.recipients.filter((r) => group.recipients.has(`${r.channel}\u0000${recipientId(r)}`));
    if (recipients.length === 0) continue;
    const outputs = await readEditionOutputs(join(config.outDir, edition.name), group.date);
    const json = outputs.find((o) => o.filename.endsWith('.json'));
    if (!json) {
      log({ event: 'run.delivery', level: 'error', edition: group.edition, date: group.date, message: `cannot retry: briefing-${group.date}.json is missing from ${join(config.outDir, edition.name)} (keep json among the edition's formats)` });
      continue;
    }
    const briefing = BriefingSchema.parse(JSON.parse(Buffer.from(json.content).toString('utf8')));
    const report = await deliver({ edition: edition.name, briefing, outputs }, recipients, sqliteOutboxStore(store), runClock(options.now), {
      channels: createChannels(config.delivery, { editorNote: edition.editorNote, env: options.env }),
      journal: new AcceptedJournal(config.delivery.journalDir),
      retry: config.delivery.retry,
      logger: (entry) => log({ ...entry, event: 'run.delivery', step: entry.event }),
    });
    outcomes.push(...report.outcomes);
  }
  return outcomes;
}

async function readEditionOutputs(dir: string, date: string): Promise<RenderedOutput[]> {
  const prefix = `briefing-${date}.`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort();
  return Promise.all(names.map(async (filename) => ({ filename, content: new Uint8Array(await readFile(join(dir, filename))) })));
}
