import { shortHash } from '../util/hash.js';
import type { RawDocument } from './types.js';

/** "seeds/000_abc.txt" -> "000_abc"; "feed.json#42" -> "feed-42". */
export function pathStem(path: string): string {
  const [file = '', record] = path.split('#');
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]+$/, '');
  const raw = record === undefined ? stem : `${stem}-${record}`;
  return raw.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

/** Ids in input order: the readable stem when no other input shares it, else "a-" and a short hash of path and bytes. */
export function assignIds(docs: RawDocument[]): string[] {
  const stems = docs.map((doc) => pathStem(doc.path));
  const counts = new Map<string, number>();
  for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  return docs.map((doc, i) => {
    const stem = stems[i]!;
    return stem !== '' && counts.get(stem) === 1 ? stem : `a-${shortHash(`${doc.path}\n${doc.digest}`)}`;
  });
}
