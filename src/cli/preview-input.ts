import { editionBranding } from '../config/branding.js';
import { relative, resolve } from 'node:path';
import type { BriefingConfig } from '../config/index.js';
import type { Briefing } from '../model/schema.js';
import type { PreviewRenderSettings } from '../templates/preview.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';

/** What `templates preview` shows: which briefing, rendered with which settings, and the files besides the theme to watch. */
export interface PreviewInput {
  briefing: Briefing;
  label: string;
  render: PreviewRenderSettings;
  /** The configuration file and the logo: a change to either re-renders too. */
  watchFiles: string[];
  /** The settings read again from the configuration (after it changed). */
  reloadSettings: () => Promise<PreviewRenderSettings>;
}

export interface PreviewInputOptions {
  config?: string;
  edition?: string;
  input?: string;
}

/** The sample briefing themes are previewed and documented with: the seeds shipped with the program. */
export async function sampleBriefing(now: Date): Promise<Briefing> {
  const { generateBriefing } = await import('../pipeline.js');
  const seeds = new URL('../../seeds/', import.meta.url).pathname;
  const { briefing } = await generateBriefing({ inputs: [seeds], date: now.toISOString().slice(0, 10), timezone: 'UTC', now });
  return briefing;
}

const shown = (io: CommandIO, path: string) => {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
};

/** An edition's latest archived briefing (its recorded JSON); settingsFor gives its branding, paper and note. */
async function editionBriefing(config: BriefingConfig, name: string): Promise<{ briefing: Briefing; label: string }> {
  const edition = config.editions.find((e) => e.name === name);
  if (!edition) {
    const names = config.editions.map((e) => e.name);
    throw new UsageError(`--edition "${name}": no such edition in ${config.file ?? 'the configuration'}${names.length > 0 ? ` (editions: ${names.join(', ')})` : ' (it defines none)'}.`);
  }
  const [{ openStore }, { latestEditions, readEditionBriefing }] = await Promise.all([import('../store/index.js'), import('../serve/pages/edition-data.js')]);
  const store = await openStore(config.database);
  let briefing: Briefing | undefined;
  let date: string | undefined;
  try {
    const [latest] = await latestEditions(store, [name]);
    date = latest?.record?.date;
    briefing = latest?.record ? await readEditionBriefing(latest.record, config.baseDir) : undefined;
  } finally {
    await store.close();
  }
  if (!briefing) {
    throw new UsageError(
      `Edition "${name}" has no archived briefing to preview${date ? ` (the JSON of ${date} is missing or unreadable)` : ''}: ` +
        `run \`briefing generate --edition ${name}\` with "json" among its formats first, or preview with --input <folder>.`,
    );
  }
  return { briefing, label: `edition ${name} of ${briefing.date}` };
}

/** Branding, paper, note and folders as generate would use them: the top-level ones, or an edition's over them. */
function settingsFor(config: BriefingConfig, editionName?: string): PreviewRenderSettings {
  const edition = editionName === undefined ? undefined : config.editions.find((e) => e.name === editionName);
  if (editionName !== undefined && !edition) throw new UsageError(`The edition "${editionName}" is no longer in ${config.file ?? 'the configuration'}.`);
  const branding = editionBranding(config.branding, edition?.branding);
  return { branding, paper: edition?.paper, editorNote: edition?.editorNote, cwd: config.baseDir, themesDir: config.themesDir };
}

/** The engine run on a folder (or file) of articles, as `generate --input` would. */
async function inputBriefing(config: BriefingConfig, input: string, io: CommandIO): Promise<Briefing> {
  const { generateBriefing } = await import('../pipeline.js');
  const now = io.now();
  const path = resolve(io.cwd, input);
  const { briefing } = await generateBriefing({
    inputs: [path],
    date: now.toISOString().slice(0, 10),
    timezone: config.timezone ?? 'UTC',
    title: config.title,
    now,
    maxBytes: config.maxInputBytes,
    maxArticles: config.maxArticles,
    threadsInFull: config.editionDefaults.threadsInFull,
    languages: config.languages,
  });
  if (briefing.threads.length === 0) {
    throw new UsageError(`--input ${input}: no story could be made from ${shown(io, path)}. Pass a folder of .txt, .md, .html, .json or .jsonl articles.`);
  }
  return briefing;
}

/**
 * The briefing and settings for a preview: --edition (its latest archived model), --input (the engine on a
 * folder) or the built-in sample, always with the configuration's branding and themes folder, so the page is
 * the one `generate` would write.
 */
export async function previewInput(options: PreviewInputOptions, io: CommandIO): Promise<PreviewInput> {
  if (options.edition !== undefined && options.input !== undefined) {
    throw new UsageError('--edition and --input both choose the briefing to preview: give one of them.');
  }
  const { loadConfig } = await import('../config/index.js');
  const read = () => loadConfig({ cwd: io.cwd, file: options.config, env: io.env ?? process.env });
  const config = await read();
  const withConfig = config.file ? `, with ${shown(io, config.file)}` : '';
  const reloadSettings = async () => settingsFor(await read(), options.edition);
  let found: { briefing: Briefing; label: string };
  if (options.edition !== undefined) found = await editionBriefing(config, options.edition);
  else if (options.input !== undefined) {
    const briefing = await inputBriefing(config, options.input, io);
    found = { briefing, label: `${briefing.threads.length} stor${briefing.threads.length === 1 ? 'y' : 'ies'} from ${options.input}` };
  } else found = { briefing: await sampleBriefing(io.now()), label: 'the built-in sample' };
  const render = settingsFor(config, options.edition);
  const watchFiles = [config.file, render.branding?.logoPath].filter((f): f is string => typeof f === 'string');
  return { briefing: found.briefing, label: found.label + withConfig, render, watchFiles, reloadSettings };
}
