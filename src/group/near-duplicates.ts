import { isAsciiLetter, isHighSurrogate, isLetterOrDigit, isLowSurrogate, LETTER, NUMBER, pairClasses } from '../text/letters.js';
import { FNV_OFFSET, FNV_PRIME } from '../util/hash.js';
import { grown } from '../util/typed-arrays.js';

const SHINGLE_WORDS = 5;
/** Texts shorter than this many shingles are too short to call copies of anything. */
const MIN_SHINGLES = 8;
/**
 * A 5-gram found in more articles than this is walked by its first WIDESPREAD_ANCHORS articles only (each against
 * all the others): it is a stock phrase, site boilerplate, or a story that many outlets ran. Walked by every article
 * its cost would grow with the square of its spread; skipped, a story copied more than this many times on one day
 * would have no copies found at all (each copy shares only such 5-grams with the others), and every copy would be
 * grouped and summarized as an article of its own. With the anchors each of its copies is paired with the first
 * copies, at a cost linear in the spread; such a 5-gram counts as a share of the longer text of a pair only.
 */
const MAX_SHINGLE_SPREAD = 200;
/**
 * A copy is found when one anchor holds the story whole; a few allow for first copies that are excerpts. The cost
 * is this many walks of every widespread run: 16 cost grouping 5 to 9% more at 30,000 articles (stock phrases
 * spread that far), 4 nothing measurable.
 */
const WIDESPREAD_ANCHORS = 4;
/**
 * At most about this many shingles are indexed, whatever the number of articles (memory stays bounded): past it,
 * only the shingles whose hash falls in one of `stride` classes are (Broder's mod-m sample, the same classes for
 * every article, so two copies keep the same shingles). The sample only proposes candidates; containment is
 * always counted on the full sets. Up to the budget (about 15,000 articles of news length) nothing is sampled.
 */
const INDEX_BUDGET = 8_000_000;
/** A sampled candidate is checked on the full sets when its sampled containment reaches this share of the threshold. */
const SAMPLE_SLACK = 0.5;

/** Hashed word 5-grams of a text, sorted and distinct (a body repeated twice has the same set as once). */
export function shingles(text: string): Uint32Array {
  const wordHashes = plainWordHashes(text);
  if (wordHashes.length < SHINGLE_WORDS) return new Uint32Array(0);
  const hashes = new Uint32Array(wordHashes.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < hashes.length; i++) {
    let hash = FNV_OFFSET;
    for (let k = 0; k < SHINGLE_WORDS; k++) hash = Math.imul(hash ^ wordHashes[i + k]!, FNV_PRIME);
    hashes[i] = finalMix(hash);
  }
  radixSort(hashes);
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[distinct++] = hashes[i]!;
  return hashes.slice(0, distinct);
}

/**
 * Index pairs [i, j] (i < j) whose shingle containment |A∩B| / min(|A|, |B|) reaches `threshold`, in ascending
 * order. Shared shingles are counted per article over an inverted index held in typed arrays (no pair-keyed map),
 * so only articles that share text are ever compared and memory grows with the text, not with the pairs.
 */
export function nearDuplicatePairs(
  shingleSets: readonly Uint32Array[],
  threshold: number,
  indexBudget = INDEX_BUDGET,
): [number, number][] {
  const size = shingleSets.length;
  const eligible = (i: number) => shingleSets[i]!.length >= MIN_SHINGLES;
  let total = 0;
  for (let i = 0; i < size; i++) if (eligible(i)) total += shingleSets[i]!.length;
  const stride = Math.max(1, Math.ceil(total / indexBudget));
  const sampled = (hash: number) => stride === 1 || hash % stride === 0;
  // Entries (shingle, article), sorted by shingle with articles ascending: written in article order, then a stable
  // radix sort on the shingle.
  const sampledSize = new Int32Array(size);
  let count = 0;
  for (let i = 0; i < size; i++) {
    if (!eligible(i)) continue;
    const set = shingleSets[i]!;
    for (let k = 0; k < set.length; k++) if (sampled(set[k]!)) sampledSize[i]!++;
    count += sampledSize[i]!;
  }
  const hashesInArticleOrder = new Uint32Array(count);
  const articlesInArticleOrder = new Int32Array(count);
  let filled = 0;
  for (let i = 0; i < size; i++) {
    if (!eligible(i)) continue;
    const set = shingleSets[i]!;
    for (let k = 0; k < set.length; k++) {
      if (!sampled(set[k]!)) continue;
      hashesInArticleOrder[filled] = set[k]!;
      articlesInArticleOrder[filled++] = i;
    }
  }
  const [entryHash, entryArticle] = stableSortByKey(hashesInArticleOrder, articlesInArticleOrder);
  // End of the entry's run of equal shingles, or -1 when the shingle is in one article only, or when the run is
  // widespread and the entry not one of its anchors.
  const runEnd = new Int32Array(count).fill(-1);
  // 1 for the anchors of a widespread run.
  const widespread = new Uint8Array(count);
  for (let e = 0; e < count; ) {
    let end = e + 1;
    while (end < count && entryHash[end] === entryHash[e]) end++;
    if (end - e > MAX_SHINGLE_SPREAD) {
      runEnd.fill(end, e, e + WIDESPREAD_ANCHORS);
      widespread.fill(1, e, e + WIDESPREAD_ANCHORS);
    } else if (end - e >= 2) runEnd.fill(end, e, end);
    e = end;
  }
  // Each article's entries that later articles share (compressed rows by article), so an article walks only its own
  // shared shingles' postings and never looks up a shingle no later article has.
  const sharedLater = (e: number) => e + 1 < runEnd[e]!;
  const rowStart = new Int32Array(size + 1);
  for (let e = 0; e < count; e++) if (sharedLater(e)) rowStart[entryArticle[e]! + 1]!++;
  for (let i = 0; i < size; i++) rowStart[i + 1]! += rowStart[i]!;
  const rows = new Int32Array(rowStart[size]!);
  const next = rowStart.slice(0, size);
  for (let e = 0; e < count; e++) if (sharedLater(e)) rows[next[entryArticle[e]!]!++] = e;

  const shared = new Int32Array(size);
  // Of those, the shingles of widespread runs.
  const sharedWide = new Int32Array(size);
  // The later articles a shares a shingle with: a typed array, whose numeric sort needs no comparator.
  const touchedScratch = new Int32Array(size);
  const pairs: [number, number][] = [];
  for (let a = 0; a < size; a++) {
    let touchedCount = 0;
    for (let r = rowStart[a]!; r < rowStart[a + 1]!; r++) {
      const e = rows[r]!;
      // Runs list articles in ascending order: only the later ones, so each pair is counted once.
      const wide = widespread[e]!;
      for (let p = e + 1; p < runEnd[e]!; p++) {
        const b = entryArticle[p]!;
        if (shared[b] === 0) touchedScratch[touchedCount++] = b;
        shared[b]!++;
        sharedWide[b]! += wide;
      }
    }
    const touched = touchedScratch.subarray(0, touchedCount).sort();
    for (let t = 0; t < touchedCount; t++) {
      const b = touched[t]!;
      const wideShare = sharedWide[b]! / shared[b]!;
      const contained =
        stride === 1
          ? containment(shared[b]!, wideShare, shingleSets[a]!.length, shingleSets[b]!.length)
          : containment(shared[b]!, wideShare, sampledSize[a]!, sampledSize[b]!) >= threshold * SAMPLE_SLACK
            ? containment(sharedCount(shingleSets[a]!, shingleSets[b]!), wideShare, shingleSets[a]!.length, shingleSets[b]!.length)
            : 0;
      if (contained >= threshold) pairs.push([a, b]);
      shared[b] = 0;
      sharedWide[b] = 0;
    }
  }
  return pairs;
}

/**
 * |A∩B| / min(|A|, |B|), but the shared shingles of widespread runs (`wideShare` of them; in a sample, the share the
 * sample shows) count as a share of the longer text only: a short text made mostly of a line found everywhere (a
 * sign-off, a paywall notice) is no copy of every long text that carries the line.
 */
function containment(sharedShingles: number, wideShare: number, sizeA: number, sizeB: number): number {
  return (sharedShingles * (1 - wideShare)) / Math.min(sizeA, sizeB) + (sharedShingles * wideShare) / Math.max(sizeA, sizeB);
}

/**
 * Keys ascending and their values alongside, equal keys keeping their order (the day's index of every shingle):
 * `sortKeys` with fresh scratch, let go afterwards. The inputs are sorted in place and returned.
 */
export function stableSortByKey(keys: Uint32Array, values: Int32Array): [Uint32Array, Int32Array] {
  sortKeys(keys, values, new Uint32Array(keys.length), new Int32Array(values.length));
  return [keys, values];
}

/** Scratch for `radixSort`, grown as needed: one per process, so sorting an article's shingles allocates nothing. */
let radixScratch = new Uint32Array(1024);

/** Sorts the keys ascending in place, as `Uint32Array.prototype.sort` does (a third of the cost of shingling with it). */
export function radixSort(keys: Uint32Array): void {
  if (radixScratch.length < keys.length) radixScratch = new Uint32Array(Math.max(keys.length, 2 * radixScratch.length));
  sortKeys(keys, null, radixScratch, null);
}

const byteCounts = new Int32Array(4 * 256);

/**
 * A least-significant-digit radix sort of `keys` (and of `values` alongside, when given; equal keys keep their
 * order), in place through scratch arrays at least as long: four passes of 8 bits, 256 counters each, all counted in
 * one read, a few linear passes instead of a comparison sort. Four passes, an even number: the result is back in the
 * arrays given.
 */
function sortKeys(keys: Uint32Array, values: Int32Array | null, keyScratch: Uint32Array, valueScratch: Int32Array | null): void {
  const size = keys.length;
  byteCounts.fill(0);
  for (let e = 0; e < size; e++) {
    const key = keys[e]!;
    byteCounts[key & 0xff]!++;
    byteCounts[256 + ((key >>> 8) & 0xff)]!++;
    byteCounts[512 + ((key >>> 16) & 0xff)]!++;
    byteCounts[768 + (key >>> 24)]!++;
  }
  let fromKeys: Uint32Array = keys;
  let toKeys: Uint32Array = keyScratch;
  let fromValues = values;
  let toValues = valueScratch;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 256;
    const shift = pass * 8;
    let sum = 0;
    for (let d = base; d < base + 256; d++) {
      const n = byteCounts[d]!;
      byteCounts[d] = sum;
      sum += n;
    }
    if (fromValues === null || toValues === null) {
      for (let e = 0; e < size; e++) {
        const key = fromKeys[e]!;
        toKeys[byteCounts[base + ((key >>> shift) & 0xff)]!++] = key;
      }
    } else {
      for (let e = 0; e < size; e++) {
        const key = fromKeys[e]!;
        const at = byteCounts[base + ((key >>> shift) & 0xff)]!++;
        toKeys[at] = key;
        toValues[at] = fromValues[e]!;
      }
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
}

/** Elements two sorted distinct arrays have in common. */
function sharedCount(x: Uint32Array, y: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++;
    else if (x[i]! > y[j]!) j++;
    else {
      common++;
      i++;
      j++;
    }
  }
  return common;
}

/**
 * For each index, the index of the copy that stands for it (itself when it has no copies). Copies are joined
 * transitively; the representative is the one `preferred` ranks first (e.g. dated, then fullest).
 */
export function duplicateRepresentatives(
  size: number,
  pairs: readonly [number, number][],
  preferred: (a: number, b: number) => number,
): number[] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (preferred(ra, rb) <= 0) parent[rb] = ra;
    else parent[ra] = rb;
  }
  return parent.map((_, i) => find(i));
}

/**
 * The 32-bit FNV-1a hash (over UTF-16 code units) of every word of the lower-cased text, a word being a run of
 * letters and digits (`[\p{L}\p{N}]+`, no filtering: copies are recognised by their exact running text). The text is
 * scanned once and hashed as it goes, so no word string is made.
 */
export function plainWordHashes(text: string): Uint32Array {
  const lower = text.toLowerCase();
  // Room for a word every six units (news prose averages about that), so a body rarely grows the array.
  let hashes: Uint32Array = new Uint32Array(Math.max(64, Math.ceil(lower.length / 6)));
  let count = 0;
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    // ASCII first, inline: most units are, and asking for a surrogate pair first costs each of them.
    if (code < 0x80 ? isAsciiWordUnit(code) : false) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      inWord = true;
      continue;
    }
    // A surrogate pair is one code point, a letter or not as a whole; a lone surrogate is neither.
    const pair = isHighSurrogate(code) && i + 1 < lower.length && isLowSurrogate(lower.charCodeAt(i + 1));
    if (code >= 0x80 && (pair ? (pairClasses(lower, i) & (LETTER | NUMBER)) !== 0 : isLetterOrDigit(code))) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      if (pair) hash = Math.imul(hash ^ lower.charCodeAt(++i), FNV_PRIME);
      inWord = true;
      continue;
    }
    if (pair) i++;
    if (!inWord) continue;
    if (count === hashes.length) hashes = grown(hashes, 2 * hashes.length);
    hashes[count++] = hash >>> 0;
    hash = FNV_OFFSET;
    inWord = false;
  }
  if (inWord) {
    if (count === hashes.length) hashes = grown(hashes, 2 * hashes.length);
    hashes[count++] = hash >>> 0;
  }
  return hashes.slice(0, count);
}

function isAsciiWordUnit(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
}

/** Murmur3's finalizer: spreads every input bit over the hash, so hash classes (mod stride) are even. */
function finalMix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
