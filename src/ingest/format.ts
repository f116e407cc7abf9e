import { extname } from 'node:path';
import type { RawDocument } from './types.js';

export type InputFormat = RawDocument['format'];

const FORMATS: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
};

/** `page.html.gz` is read as `page.html` (saved and archived pages often come gzipped). */
export function isGzipped(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** The path a file stands for once decompressed: its format and its sidecar follow from this. */
export function uncompressedPath(path: string): string {
  return isGzipped(path) ? path.slice(0, -'.gz'.length) : path;
}

export function formatOf(path: string): InputFormat | null {
  return FORMATS[extname(uncompressedPath(path)).toLowerCase()] ?? null;
}

export function isSidecar(path: string): boolean {
  return path.toLowerCase().endsWith('.meta.json');
}

export function unsupportedReason(path: string): string {
  const extension = isGzipped(path) ? `${extname(uncompressedPath(path))}.gz` : extname(path);
  return extension ? `unsupported file type ${extension}` : 'unsupported file type (no extension)';
}
