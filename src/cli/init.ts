import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BrowserNotFoundError } from '../browser/errors.js';
import { findChromium, INSTALL_HINT } from '../browser/find-chromium.js';
import { CONFIG_FILE_NAMES, parseConfigText, starterTimeZone, type ConfigFile } from '../config/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';
import { isPostgresUrl } from '../store/database-url.js';
import { howToRun } from './how-to-run.js';

export const INIT_FILE_NAME = 'briefing.config.yaml';

/** What `briefing init` found out about this machine, and so wrote into the configuration. */
export interface StarterChoices {
  timezone: string;
  /** The Chromium PDFs are printed with; undefined leaves pdf out, `pdfNote` says why. */
  chromium?: string;
  pdfNote?: string;
}

/** The starting configuration `briefing init` writes: every section shown, the optional ones commented out. */
export function starterConfig(choices: StarterChoices): string {
  const formats = choices.chromium
    ? `formats: [html, pdf, json, md] # pdf printed with ${choices.chromium}`
    : `formats: [html, json, md]      # add pdf once a Chromium is installed (${choices.pdfNote ?? 'none found'})`;
  return `# briefing configuration: see the README, "Configuration". Relative paths are relative to this file.
title: Daily Briefing
timezone: ${choices.timezone}

# Where memory (what earlier editions reported), scheduled runs and the delivery outbox are kept.
database: data/briefing.sqlite
# Editions write into <outDir>/<edition name>/briefing-<date>.<format>.
outDir: out

# The places news comes from; an edition reads all of them unless it names some.
sources:
  - name: desk
    kind: path                     # files and folders of .txt, .md, .html, .json articles
    location: articles/
  # - name: world-wire
  #   kind: feed                   # RSS, Atom or JSON Feed
  #   location: https://example.com/world/rss.xml
  #   include: [Ukraine, Russia]

# The SMTP server for e-mail deliveries. Keep the password out of this file: set BRIEFING_SMTP_USER and
# BRIEFING_SMTP_PASS in the environment instead.
# smtp:
#   host: smtp.example.org
#   port: 587
#   requireTLS: true
#   from: "Daily Briefing <briefing@example.org>"

# Who hears of a run that failed (every source failed, fewer stories than minStories): nothing is sent to readers then.
# alerts:
#   email: [ops@example.org]       # through smtp: above
#   minIntervalMinutes: 60         # at most one alert per edition and kind in this time

editions:
  - name: morning
    title: Morning Briefing
    schedule:
      cron: "0 6 * * 1-5"          # minute hour day-of-month month day-of-week: 06:00, Monday to Friday
      timezone: ${choices.timezone.padEnd(18)} # the cron runs on this zone's wall clock, summer time included
    # sources: [desk]              # names of the sources above; default: all of them
    # filters:
    #   include: [strike, election] # keep only articles mentioning one of these (whole words, any case)
    #   exclude: [sponsored]
    #   entities: [FNV]            # keep only articles naming one of these people, places or organizations
    #   outlets: [Reuters]         # keep only these outlets
    ${formats}
    paper: a4
    theme: default
    window:
      hours: 24                    # articles published in the 24 hours before the edition; undated ones count
    staleAfterDays: 3              # a story with nothing new for longer drops out
    # minStories: 1                # fewer stories than this: the run fails and nothing is sent
    # onSourceFailure: warn        # a source failed while others worked: warn, or fail the run
    editorNote: |
      Good morning. Stories marked **new** arrived since the last edition.
    deliver:
      - channel: file
        dir: deliveries/           # a copy of every output, named morning-<date>.<ext>
      # - channel: email
      #   recipients: [desk@example.org]
      # - channel: webhook
      #   url: https://example.org/hooks/briefing
      #   # secret: set BRIEFING_WEBHOOK_SECRET rather than writing it here
`;
}

export interface InitOptions {
  force?: boolean;
}

/** Guesses instead of questions: the zone this machine runs in, pdf when a Chromium is there to print it. */
export function guessChoices(env: Record<string, string | undefined>): StarterChoices {
  const timezone = starterTimeZone(env);
  try {
    return { timezone, chromium: findChromium(env) };
  } catch (error) {
    // Not fatal: init still writes a working configuration, and says why pdf is left out (its first sentence,
    // without the list of places looked at: "No Chromium or Chrome found", "BRIEFING_CHROMIUM=x is not ...").
    if (!(error instanceof BrowserNotFoundError)) throw error;
    return { timezone, pdfNote: error.message.split('. ')[0]!.replace(/ \(.*\)$/, '') };
  }
}

/** Every folder a configuration names (articles, the database's, output, file deliveries), as written in it. */
export function foldersNamed(config: ConfigFile): string[] {
  const folders = [
    ...(config.sources ?? []).filter((s) => s.kind === 'path').flatMap((s) => (Array.isArray(s.location) ? s.location : [s.location])),
    ...(config.database && !isPostgresUrl(config.database) ? [dirname(config.database)] : []),
    ...(config.outDir ? [config.outDir] : []),
    ...(config.editions ?? []).flatMap((e) => (e.deliver ?? []).flatMap((d) => (d.channel === 'file' ? [d.dir] : []))),
  ];
  return [...new Set(folders.map((f) => f.replace(/\/+$/, '')).filter((f) => f && f !== '.'))];
}

/**
 * Writes the starting configuration into the working directory and makes the folders it names. It asks nothing
 * and never replaces a configuration: an existing briefing.config.yaml only with --force, one of another name
 * (which the new file would silently shadow) never.
 */
export async function runInit(options: InitOptions, io: CommandIO): Promise<void> {
  const env = io.env ?? process.env;
  const target = join(io.cwd, INIT_FILE_NAME);
  const other = CONFIG_FILE_NAMES.find((name) => name !== INIT_FILE_NAME && existsSync(join(io.cwd, name)));
  if (other) {
    throw new UsageError(`${other} already exists; nothing was written. Edit it, or remove it first to start again with briefing init.`);
  }
  if (existsSync(target) && !options.force) {
    throw new UsageError(`${INIT_FILE_NAME} already exists; nothing was written. Edit it, or run briefing init --force to replace it.`);
  }
  const choices = guessChoices(env);
  const text = starterConfig(choices);
  const folders = foldersNamed(parseConfigText(text, target));
  await writeFileAtomic(target, text);
  for (const folder of folders) await mkdir(resolve(io.cwd, folder), { recursive: true });
  const pdf = choices.chromium ? `PDFs printed with ${choices.chromium}` : `no PDFs: ${choices.pdfNote}. ${INSTALL_HINT}`;
  io.stderr.write(
    `briefing: wrote ${INIT_FILE_NAME} (time zone ${choices.timezone}) and made ${folders.map((f) => `${f}/`).join(', ')}.\n` +
      `briefing: ${pdf}\n` +
      `briefing: put articles in ${folders[0]}/ and run: ${howToRun(io.cwd, env)} generate --edition morning\n`,
  );
}
