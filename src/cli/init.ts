import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';

export const INIT_FILE_NAME = 'briefing.config.yaml';

/** The starting configuration `briefing init` writes: every section shown, the optional ones commented out. */
export const STARTER_CONFIG = `# briefing configuration: see the README, "Configuration". Relative paths are relative to this file.
title: Daily Briefing
timezone: Europe/London

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
      timezone: Europe/London      # the cron runs on this zone's wall clock, summer time included
    # sources: [desk]              # names of the sources above; default: all of them
    # filters:
    #   include: [strike, election] # keep only articles mentioning one of these (whole words, any case)
    #   exclude: [sponsored]
    #   entities: [FNV]            # keep only articles naming one of these people, places or organizations
    #   outlets: [Reuters]         # keep only these outlets
    formats: [html, json, md]      # add pdf when a Chromium is installed
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

export interface InitOptions {
  force?: boolean;
}

/** Writes the starting configuration into the working directory; an existing file is kept unless --force. */
export async function runInit(options: InitOptions, io: CommandIO): Promise<void> {
  const target = join(io.cwd, INIT_FILE_NAME);
  if (existsSync(target) && !options.force) {
    throw new UsageError(`${INIT_FILE_NAME} already exists; nothing was written. Edit it, or run briefing init --force to replace it.`);
  }
  await writeFileAtomic(target, STARTER_CONFIG);
  io.stderr.write(`briefing: wrote ${INIT_FILE_NAME}; put articles in articles/ and run: briefing generate --edition morning\n`);
}
