/*
 * What the pages read about archived editions: records from the store, and each edition's JSON (the model every
 * page is drawn from) from the file its run recorded.
 */
import { EDITION_NAME } from '../../config/editions.js';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { BriefingSchema, type Briefing } from '../../model/schema.js';
import { getEdition, lastEdition, listEditions, type EditionRecord, type Store } from '../../store/index.js';
import { parseBriefingDate } from '../../util/dates.js';

/** The same rule as configured edition names (config/editions.ts): letters, digits, - and _; never a path. */
export function validEditionName(name: string): boolean {
  return EDITION_NAME.test(name);
}

/** The date when it is a real YYYY-MM-DD date, else undefined. */
export function validDate(date: string | undefined): string | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  try {
    return parseBriefingDate(date);
  } catch {
    return undefined;
  }
}

/**
 * For each name: the latest edition that was made (status ok), and the latest run when that one did not succeed, so
 * Today shows the last good briefing and says that a later run failed.
 */
export async function latestEditions(store: Store, names: string[]): Promise<Array<{ name: string; record?: EditionRecord; failedAfter?: EditionRecord }>> {
  return store.read(async (db) => {
    const found: Array<{ name: string; record?: EditionRecord; failedAfter?: EditionRecord }> = [];
    for (const name of names) {
      const latest = await lastEdition(db, name);
      if (!latest || latest.status === 'ok') found.push({ name, record: latest });
      else found.push({ name, record: await lastEdition(db, name, { status: 'ok' }), failedAfter: latest });
    }
    return found;
  });
}

export function findEditionRecord(store: Store, name: string, date: string): Promise<EditionRecord | undefined> {
  return store.read((db) => getEdition(db, name, date));
}

/** Every recorded edition (all names), newest first. */
export function allEditionRecords(store: Store): Promise<EditionRecord[]> {
  return store.read((db) => listEditions(db));
}

/** The file of one recorded output format, resolved against the configuration's folder. */
export function recordedOutputPath(record: EditionRecord, format: string, baseDir: string): string | undefined {
  for (const output of record.outputs) {
    const o = output as { format?: unknown; path?: unknown } | null;
    if (o?.format === format && typeof o.path === 'string') return isAbsolute(o.path) ? o.path : resolve(baseDir, o.path);
  }
  return undefined;
}

/**
 * Parsed briefings by path, kept while the file's size and modification time are unchanged: the archive and Today
 * list many editions per request, and parsing and validating each JSON again would dominate the page. Outputs are
 * replaced by atomic renames, so a changed file always shows a new mtime. Bounded (least recently used leaves).
 */
const BRIEFING_CACHE_LIMIT = 64;
const briefingCache = new Map<string, { stamp: string; briefing: Briefing }>();

/** A briefing's JSON from a file; undefined when it is missing or not a briefing. */
export async function readBriefingFile(path: string | undefined): Promise<Briefing | undefined> {
  if (!path) return undefined;
  try {
    const info = await stat(path);
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const cached = briefingCache.get(path);
    if (cached?.stamp === stamp) {
      briefingCache.delete(path);
      briefingCache.set(path, cached);
      return cached.briefing;
    }
    const parsed = BriefingSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) return undefined;
    briefingCache.delete(path);
    briefingCache.set(path, { stamp, briefing: parsed.data });
    if (briefingCache.size > BRIEFING_CACHE_LIMIT) briefingCache.delete(briefingCache.keys().next().value!);
    return parsed.data;
  } catch {
    return undefined;
  }
}

export function readEditionBriefing(record: EditionRecord, baseDir: string): Promise<Briefing | undefined> {
  return record.status === 'ok' ? readBriefingFile(recordedOutputPath(record, 'json', baseDir)) : Promise.resolve(undefined);
}
