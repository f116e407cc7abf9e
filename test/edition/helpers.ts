import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';

const memoryFixtures = new URL('../memory/fixtures/', import.meta.url).pathname;

/** The three days of news: each day's folder holds the articles published that day. */
export const DAYS: Record<string, string[]> = {
  '2025-07-09': ['a1-strike.md', 'b1-wildfire.md'],
  '2025-07-10': ['a2-strike.md', 'c1-airline.md'],
  '2025-07-11': ['a3-strike.md', 'd1-schiphol.md'],
};

export interface EditionProject {
  dir: string;
  configPath: string;
  db: string;
}

/**
 * A temp project: articles/<day>/ folders of small dated articles, and a configuration with one edition
 * ("morning", JSON + Markdown + HTML, a 24-hour window, a file delivery into drop/).
 */
export async function editionProject(options: { cron?: string; extra?: string; formats?: string } = {}): Promise<EditionProject> {
  const dir = await tempDir('briefing-edition-');
  for (const [day, files] of Object.entries(DAYS)) {
    await mkdir(join(dir, 'articles', day), { recursive: true });
    for (const file of files) await cp(join(memoryFixtures, file), join(dir, 'articles', day, file));
  }
  const configPath = join(dir, 'briefing.config.yaml');
  await writeFile(
    configPath,
    `title: Test Brief
database: data/briefing.sqlite
outDir: out
sources:
  - { name: desk, kind: path, location: articles/ }
editions:
  - name: morning
    schedule: { cron: "${options.cron ?? '0 6 * * *'}", timezone: UTC }
    formats: [${options.formats ?? 'json, md, html'}]
    window: { hours: 24 }
    staleAfterDays: 1
    editorNote: "Note from the **desk**"
    deliver:
      - { channel: file, dir: drop/ }
${options.extra ?? ''}`,
  );
  return { dir, configPath, db: join(dir, 'data', 'briefing.sqlite') };
}
