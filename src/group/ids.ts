import { shortHash } from '../util/hash.js';

/** "e-<8 hex>" / "t-<8 hex>" from the sorted article ids, so the same articles always get the same id. */
export function groupId(prefix: 'e' | 't', articleIds: readonly string[]): string {
  return `${prefix}-${shortHash([...articleIds].sort().join('\n'))}`;
}
