import type { HtmlExtractor } from './extract-html.js';

/** Metadata an input may carry (front matter, HTML meta / JSON-LD, JSON record fields, sidecar NAME.meta.json). */
export interface InputMetadata {
  title?: string;
  /** Outlet / publication name ("source" in front matter and JSON records, og:site_name in HTML). */
  source?: string;
  url?: string;
  /** As found in the input: ISO date or date-time, or any parseable date string. */
  published?: string;
  author?: string;
  language?: string;
}

/** One article-sized document read from an input, decoded to text, not yet cleaned. */
export interface RawDocument {
  /** The input it came from, as given on the command line (a record inside a JSON file gets `file.json#<id or index>`). */
  path: string;
  format: 'txt' | 'md' | 'html' | 'json';
  /** Decoded plain text. For HTML the extracted main text (paragraphs separated by blank lines); for Markdown the text with markup stripped. */
  text: string;
  meta: InputMetadata;
  /** Character encoding the bytes were decoded from, e.g. "utf-8", "utf-16le", "windows-1251". */
  encoding: string;
  /** sha256 hex of the input bytes (for a record: of its JSON text). */
  digest: string;
}

export interface ExcludedInput {
  path: string;
  /** Human readable: what is wrong, e.g. "empty file", "binary file (NUL bytes)", "larger than the 5 MB cap (7.2 MB)", "malformed JSON at line 3: ...". */
  reason: string;
}

export interface IngestOptions {
  /** Per-file size cap in bytes. Default 5 MB. */
  maxBytes?: number;
  /** How web pages are read (files, JSON records, feed items, fetched pages); default on this thread (extractHere). */
  extract?: HtmlExtractor;
}

export interface IngestResult {
  documents: RawDocument[];
  excluded: ExcludedInput[];
  /** Problems that did not stop a document from being ingested (a malformed sidecar, a duplicate record id). */
  warnings?: string[];
}
