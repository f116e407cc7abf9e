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

export function formatOf(path: string): InputFormat | null {
  return FORMATS[extname(path).toLowerCase()] ?? null;
}

export function isSidecar(path: string): boolean {
  return path.toLowerCase().endsWith('.meta.json');
}

export function unsupportedReason(path: string): string {
  const extension = extname(path);
  return extension ? `unsupported file type ${extension}` : 'unsupported file type (no extension)';
}
