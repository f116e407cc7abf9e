import { resolve } from 'node:path';
import type { Recipient } from '../deliver/types.js';
import { DEFAULT_FORMATS } from '../render/formats.js';
import { ConfigError } from './errors.js';
import type { EditionConfig, EditionDefaults, EditionFile } from './editions.js';

const WEBHOOK_SECRET_ENV = 'BRIEFING_WEBHOOK_SECRET';

/** Fills in an edition's defaults and turns its `deliver:` entries into delivery recipients. */
export function resolveEditions(
  editions: EditionFile[],
  fileName: string,
  baseDir: string,
  env: Record<string, string | undefined>,
  defaults: EditionDefaults,
): EditionConfig[] {
  const envSecret = env[WEBHOOK_SECRET_ENV]?.trim() || undefined;
  return editions.map((edition, index) => {
    const recipients: Recipient[] = [];
    edition.deliver?.forEach((entry, j) => {
      switch (entry.channel) {
        case 'file':
          // A folder of the configuration means a folder next to it, wherever the command runs.
          recipients.push({ channel: 'file', dir: resolve(baseDir, entry.dir), ...(entry.pattern ? { pattern: entry.pattern } : {}) });
          break;
        case 'email':
          for (const to of entry.recipients) recipients.push({ channel: 'email', to });
          break;
        case 'webhook': {
          const secret = envSecret ?? entry.secret;
          if (!secret) {
            throw new ConfigError(
              `${fileName}: editions[${index}].deliver[${j}].secret: missing; a webhook is signed with a shared secret. ` +
                `Set secret: in the file or the ${WEBHOOK_SECRET_ENV} environment variable.`,
            );
          }
          recipients.push({ channel: 'webhook', url: entry.url, secret, ...(entry.includeFiles !== undefined ? { includeFiles: entry.includeFiles } : {}) });
          break;
        }
      }
    });
    const f = edition.filters ?? {};
    return {
      name: edition.name,
      title: edition.title,
      schedule: { cron: edition.schedule.cron, timezone: edition.schedule.timezone },
      sources: edition.sources,
      filters: { include: f.include ?? [], exclude: f.exclude ?? [], entities: f.entities ?? [], outlets: f.outlets ?? [] },
      theme: edition.theme,
      paper: edition.paper ?? 'a4',
      formats: edition.formats ? [...new Set(edition.formats)] : [...DEFAULT_FORMATS],
      windowHours: edition.window?.hours,
      editorNote: edition.editorNote,
      recipients,
      staleAfterDays: edition.staleAfterDays,
      minStories: edition.minStories ?? defaults.minStories,
      onSourceFailure: edition.onSourceFailure ?? defaults.onSourceFailure,
      threadsInFull: edition.threadsInFull ?? defaults.threadsInFull,
      ...(edition.branding
        ? { branding: { ...edition.branding, ...(edition.branding.logoPath ? { logoPath: resolve(baseDir, edition.branding.logoPath) } : {}) } }
        : {}),
    };
  });
}
