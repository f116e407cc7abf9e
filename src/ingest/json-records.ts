import { pickMetadata } from './metadata-fields.js';
import type { InputMetadata } from './types.js';
import { firstErrorLine } from '../util/errors.js';

/** One article record from a .json / .jsonl file, before its HTML (if any) is extracted. */
export interface JsonRecord {
  /** The record's own id, else its 0-based position in the file. */
  key: string;
  /** Exactly one of text / html is set. */
  text?: string;
  html?: string;
  meta: InputMetadata;
  /** The record's JSON text, for the digest. */
  source: string;
}

export interface JsonRecordsResult {
  records: JsonRecord[];
  /** Records that are not usable, each with what is wrong ("malformed JSON at line 3: ..."). */
  problems: { key: string; reason: string }[];
  /** Records past the cap, not looked at (present only when there were some). */
  omitted?: number;
}

/**
 * The most records used from one file. A briefing summarizes a day's news; a file of hundreds of thousands of records
 * is an export or a mistake, and would keep every later stage busy for hours. The rest are reported, not dropped
 * silently.
 */
export const MAX_RECORDS_PER_FILE = 10_000;

/**
 * Records as a JSON array (or a single object) or as one JSON object per line. A file that does not parse as a
 * whole is read line by line, so one broken line costs one record, not the file.
 */
export function parseJsonRecords(source: string, maxRecords: number = MAX_RECORDS_PER_FILE): JsonRecordsResult {
  const trimmed = source.trim();
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !/\}\s*\r?\n\s*\{/.test(trimmed))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      // Only several lines can be JSON Lines; a lone broken document is a broken file.
      const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').length;
      if (trimmed.startsWith('[') || lines === 1) return { records: [], problems: [{ key: '', reason: `malformed JSON: ${firstErrorLine(error)}` }] };
      return parseLines(source, maxRecords);
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    const used = items.length > maxRecords ? items.slice(0, maxRecords) : items;
    const result = collect(used.map((value, index) => ({ value, index, source: JSON.stringify(value), where: `record ${index}` })));
    return withOmitted(result, items.length - used.length);
  }
  return parseLines(source, maxRecords);
}

function withOmitted(result: JsonRecordsResult, omitted: number): JsonRecordsResult {
  return omitted > 0 ? { ...result, omitted } : result;
}

type Entry = { value: unknown; index: number; source: string; where: string } | { error: string; index: number };

function parseLines(source: string, maxRecords: number): JsonRecordsResult {
  const entries: Entry[] = [];
  let index = 0;
  let omitted = 0;
  source.split(/\r?\n/).forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    if (index >= maxRecords) {
      omitted++;
      return;
    }
    const position = index++;
    try {
      entries.push({ value: JSON.parse(line), index: position, source: line, where: `line ${lineIndex + 1}` });
    } catch (error) {
      entries.push({ error: `malformed JSON at line ${lineIndex + 1}: ${firstErrorLine(error)}`, index: position });
    }
  });
  // A file where no line is JSON is not JSON Lines with some bad records: it is one malformed file.
  const firstError = entries.find((entry) => 'error' in entry);
  if (firstError && entries.every((entry) => 'error' in entry) && entries.length > 1) {
    return { records: [], problems: [{ key: '', reason: `malformed JSON: no line is valid JSON (first error ${(firstError as { error: string }).error.replace(/^malformed JSON /, '')})` }] };
  }
  return withOmitted(collect(entries), omitted);
}

function collect(entries: Entry[]): JsonRecordsResult {
  const records: JsonRecord[] = [];
  const problems: JsonRecordsResult['problems'] = [];
  const usedKeys = new Set<string>();
  for (const entry of entries) {
    if ('error' in entry) {
      problems.push({ key: String(entry.index), reason: entry.error });
      continue;
    }
    const { value, index, source, where } = entry;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ key: String(index), reason: `${where}: not a JSON object` });
      continue;
    }
    const record = value as Record<string, unknown>;
    const text = firstString(record, ['text', 'body', 'content']);
    const html = typeof record.html === 'string' ? record.html : undefined;
    if (text === undefined && html === undefined) {
      problems.push({ key: recordKey(record, index, usedKeys, false), reason: `${where}: no "text" or "html" string` });
      continue;
    }
    if ((text ?? '').trim() === '' && (html ?? '').trim() === '') {
      problems.push({ key: recordKey(record, index, usedKeys, false), reason: `${where}: empty ${text !== undefined ? 'text' : 'html'}` });
      continue;
    }
    const body = text !== undefined && text.trim() !== '' ? { text } : { html: html! };
    records.push({ key: recordKey(record, index, usedKeys, true), ...body, meta: pickMetadata(record), source });
  }
  return { records, problems };
}

/** The record's id when it has a unique one, else its position; a repeated id falls back to the position. */
function recordKey(record: Record<string, unknown>, index: number, usedKeys: Set<string>, claim: boolean): string {
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
  const key = id !== '' && !usedKeys.has(id) ? id : String(index);
  if (claim) usedKeys.add(key);
  return key;
}

/** Many exports call the article text "body" or "content"; "text" wins when several are present. */
function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}
