import { collectFiles, type SidecarListing } from './collect-files.js';
import { decodeBytes, type DeclarationKind } from '../text/decode.js';
import { extractHere, type HtmlExtractor } from './extract-html.js';
import { formatOf, isGzipped, uncompressedPath, unsupportedReason, type InputFormat } from './format.js';
import { MAX_RECORDS_PER_FILE, parseJsonRecords } from './json-records.js';
import { appendAll } from '../util/append.js';
import { mapInOrder } from '../util/map-in-order.js';
import { parseMarkdown } from './markdown.js';
import { mergeMetadata } from './metadata-fields.js';
import { sha256Hex } from '../util/hash.js';
import { gunzipBounded, readBytes } from './read-bytes.js';
import { readSidecar } from './sidecar.js';
import type { ExcludedInput, IngestOptions, IngestResult, InputMetadata, RawDocument } from './types.js';
import { errorMessage } from '../util/errors.js';

export { extractArticle } from './extract-html.js';
export type { ExcludedInput, IngestOptions, IngestResult, InputMetadata, RawDocument } from './types.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const DECLARATION_KIND: Record<InputFormat, DeclarationKind> = {
  txt: 'none',
  md: 'front-matter',
  html: 'html',
  json: 'none',
};

/** What one input file yields: documents, exclusions and warnings. */
interface FileOutcome {
  documents: RawDocument[];
  excluded: ExcludedInput[];
  warnings: string[];
}

/**
 * Reads files and folders into raw documents. Bad input never throws and never stops the run: each problem becomes
 * an ExcludedInput with the reason, and everything else is still ingested. Documents come sorted by path, whatever
 * the order of the inputs.
 */
export async function ingest(inputs: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const collected = await collectFiles(inputs);
  const result: IngestResult = { documents: [], excluded: [...collected.excluded], warnings: [] };
  const read: FileReading = { maxBytes, sidecars: collected.sidecarsByFolder, extract: options.extract ?? extractHere };
  const outcomes = await mapInOrder(collected.files, READ_CONCURRENCY, (path) => ingestFileSafely(path, read));
  for (const outcome of outcomes) {
    // No spread: one JSON file may hold many thousands of documents.
    appendAll(result.documents, outcome.documents);
    appendAll(result.excluded, outcome.excluded);
    appendAll(result.warnings!, outcome.warnings);
  }
  return result;
}

/** How every file of a run is read. */
interface FileReading {
  maxBytes: number;
  sidecars: SidecarListing;
  extract: HtmlExtractor;
}

/**
 * Files are read a few at a time (I/O overlaps, and pages are read on as many threads as the extractor has), and
 * results keep the input order whatever finishes first.
 */
const READ_CONCURRENCY = 8;

async function ingestFileSafely(path: string, read: FileReading): Promise<FileOutcome> {
  try {
    return await ingestFile(path, read);
  } catch (error) {
    // A parser bug on one odd file must not cost the others.
    const message = errorMessage(error);
    return { documents: [], excluded: [{ path, reason: `could not be processed: ${message}` }], warnings: [] };
  }
}

async function ingestFile(path: string, { maxBytes, sidecars, extract }: FileReading): Promise<FileOutcome> {
  const excludedOnly = (reason: string): FileOutcome => ({ documents: [], excluded: [{ path, reason }], warnings: [] });
  const format = formatOf(path);
  if (!format) return excludedOnly(unsupportedReason(path));
  const read = await readBytes(path, maxBytes);
  if (!read.ok) return excludedOnly(read.reason);
  const bytes = isGzipped(path) ? gunzipBounded(read.bytes, maxBytes) : read;
  if (!bytes.ok) return excludedOnly(bytes.reason);
  const decoded = decodeBytes(bytes.bytes, DECLARATION_KIND[format]);
  if (!decoded.ok) return excludedOnly(decoded.reason);
  const sidecar = await readSidecar(uncompressedPath(path), sidecars);
  const warnings = sidecar.warning ? [sidecar.warning] : [];
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const base = { path, encoding: decoded.encoding, digest: sha256Hex(bytes.bytes) };

  if (format === 'json') {
    const json = await jsonDocuments(path, text, decoded.encoding, sidecar.meta, extract);
    return { documents: json.documents, excluded: json.excluded, warnings: appendAll(warnings, json.warnings) };
  }
  const single = await singleDocument(format, text, sidecar.meta, extract);
  if ('reason' in single) return { ...excludedOnly(single.reason), warnings };
  return { documents: [{ ...base, format, text: single.text, meta: single.meta }], excluded: [], warnings };
}

async function singleDocument(
  format: Exclude<InputFormat, 'json'>,
  text: string,
  sidecarMeta: InputMetadata,
  extract: HtmlExtractor,
): Promise<{ text: string; meta: InputMetadata } | { reason: string }> {
  switch (format) {
    case 'txt':
      return { text, meta: { ...sidecarMeta } };
    case 'md': {
      const markdown = parseMarkdown(text);
      if (!markdown.ok) return { reason: markdown.reason };
      if (markdown.text.trim() === '') return { reason: 'no text after the front matter' };
      return { text: markdown.text, meta: mergeMetadata(markdown.meta, sidecarMeta) };
    }
    case 'html': {
      const article = await extract(text, sidecarMeta.url);
      if (article.text.trim() === '') return { reason: article.skipped ?? 'no article text found in the HTML page' };
      return { text: article.text, meta: mergeMetadata(article.meta, sidecarMeta) };
    }
  }
}

/** Record fields beat the sidecar here: a sidecar describes the whole file, a record describes itself. */
async function jsonDocuments(path: string, text: string, encoding: string, sidecarMeta: InputMetadata, extract: HtmlExtractor): Promise<FileOutcome> {
  const parsed = parseJsonRecords(text);
  const warnings = parsed.omitted
    ? [`${path}: only the first ${MAX_RECORDS_PER_FILE} records are used; ${parsed.omitted} more were left out (split the file to read them)`]
    : [];
  const excluded = parsed.problems.map(({ key, reason }) => ({ path: key === '' ? path : `${path}#${key}`, reason }));
  const documents: RawDocument[] = [];
  // The records' pages are read at once (on the extractor's threads, if it has them); the documents keep their order,
  // and a page that cannot be read costs its record only (the extractor answers it with the reason).
  const articles = await Promise.all(
    parsed.records.map((record) => (record.text === undefined ? extract(record.html!, record.meta.url ?? sidecarMeta.url) : null)),
  );
  for (const [index, record] of parsed.records.entries()) {
    const recordPath = `${path}#${record.key}`;
    let body = record.text ?? '';
    let meta = mergeMetadata(sidecarMeta, record.meta);
    const article = articles[index];
    if (article) {
      if (article.text.trim() === '') {
        excluded.push({ path: recordPath, reason: article.skipped ?? 'no article text found in the record\'s HTML' });
        continue;
      }
      body = article.text;
      meta = mergeMetadata(sidecarMeta, article.meta, record.meta);
    }
    documents.push({ path: recordPath, format: 'json', text: body, meta, encoding, digest: sha256Hex(record.source) });
  }
  if (documents.length === 0 && excluded.length === 0) excluded.push({ path, reason: 'no records in the JSON file' });
  return { documents, excluded, warnings };
}
