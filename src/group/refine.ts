import { averageLinkClusters, EdgeList } from './average-link.js';
import { cosine, type SparseVector } from './vectors.js';

/** When a group of articles happened, as the grouping's date evidence has it. */
export interface PartDate {
  /** Days since 1970-01-01. */
  day: number;
  certain: boolean;
}

export interface RefineOptions {
  /** A split is kept when the parts are less alike across than this share of their likeness within. */
  splitRatio: number;
  /** Scales each pair's cosine (date affinity), as in the agglomeration. */
  factor?: (a: number, b: number) => number;
  /** Items of one core are never separated. */
  coreOf?: (item: number) => number;
  /** What a cluster too large or too small to test becomes instead (default: itself), e.g. its precise cores. */
  fallback?: (cluster: readonly number[]) => number[][];
  /** The date of a set of items, or null when none is known: time moves the bar a split must pass. */
  partDate?: (items: readonly number[]) => PartDate | null;
}

/**
 * Above this many items a cluster is not refined: the test costs all its pairs (so the whole stays about linear),
 * and so big a cluster is a long-running story whose precise cores are the safer events.
 */
export const MAX_REFINE_SIZE = 400;
/** A pair has no within-part similarity to compare its one cross pair with. */
const MIN_SPLIT_SIZE = 3;
/**
 * A single article is split off only below this ratio, not `splitRatio`: alone it shows no likeness of its own to
 * set against the rest, and an outlet that words a report its own way (a long feature, a blog) is not therefore
 * another happening.
 */
export const LONE_SPLIT_RATIO = 0.5;
/**
 * Parts reported on the same or the next day (certain dates) need a gap this much deeper: two happenings of one
 * kind in one story on the same days are rare, reports of one happening that dwell on different aspects are not.
 */
export const CONCURRENT_FACTOR = 0.7;
/**
 * Parts dated more than a week apart (one date certain) are split below this ratio: time says they are different
 * happenings, and only text nearly as alike across as within overrules it.
 */
export const APART_RATIO = 0.85;
const APART_DAYS = 7;
/**
 * A gap must also stand out from its noise: Welch's t between the looser part's inside pairs and the pairs across of
 * at least 2 (over many pairs, about a 5% chance for a difference that is noise). Short articles give noisy
 * similarities, and a ratio alone would cut a happening reported in one-sentence briefs in two.
 */
export const MIN_GAP_T = 2;
/**
 * Each article's this many nearest neighbours (in the cluster, by the bisecting view) are its neighbourhood. Two
 * keeps it local: a loosely written happening still has its two closest reports inside it.
 */
export const NEIGHBOURS = 2;
/**
 * When at most this share of all neighbourhood links cross a bisection (one in twenty), the neighbours say the parts
 * are two happenings, as dates weeks apart do: the bar rises to APART_RATIO and the noise check is waived. Reports of
 * one happening told loosely (a gap in the averages within noise) still mix their nearest neighbours; two
 * happenings of one kind do not, however loosely each is reported.
 */
export const MAX_NEIGHBOUR_CROSSING = 0.05;

type Relation = 'apart' | 'concurrent' | 'unknown';

/** Above any centred cosine (at most 1), finite so sums stay numbers. */
const CORE_LINK = 1e6;

/**
 * Divisive refinement of generous clusters into happenings. Agglomeration on raw similarity cannot tell "two
 * earthquakes" from "one earthquake": both share the story's vocabulary. Inside one cluster, subtracting the
 * cluster's mean direction removes what every article shares, so what is left is what tells its articles apart.
 * Each cluster is bisected on those centred similarities (in the first view), and the split is kept only when it
 * is a real gap in most of the views (e.g. whole text, lead, entities): articles across the parts are less alike
 * than a ratio times the articles within the looser part. The ratio is `splitRatio`, lower for a lone article and
 * for parts reported on the same days, higher for parts dated weeks apart or whose articles' nearest neighbours all
 * lie on their own side (see `requiredRatio`, `partsRelation`). A cluster that is
 * one happening splits into halves about as alike across as within, and stays whole. Deterministic: items are
 * visited in the order given.
 */
export function refineClusters(
  clusters: readonly (readonly number[])[],
  views: readonly (readonly SparseVector[])[],
  options: RefineOptions,
): number[][] {
  const factor = options.factor ?? (() => 1);
  const coreOf = options.coreOf ?? ((item: number) => item);
  const result: number[][] = [];
  const pending = clusters.map((cluster) => [...cluster]).reverse();
  while (pending.length > 0) {
    const cluster = pending.pop()!;
    // Too small to test (a pair has no "within" to compare its one cross pair with), or too big to test at
    // quadratic cost: the generous merge is not trusted and the precise cut decides; time parts a pair too.
    if (cluster.length < MIN_SPLIT_SIZE || cluster.length > MAX_REFINE_SIZE) {
      const pairApart =
        cluster.length === 2 && coreOf(cluster[0]!) !== coreOf(cluster[1]!) && datesApart([cluster[0]!], [cluster[1]!], options);
      const parts = pairApart ? cluster.map((item) => [item]) : (options.fallback?.(cluster) ?? [cluster]);
      result.push(...parts.map((part) => [...part]));
      continue;
    }
    const matrices = views.map((view) => pairMatrix(cluster, view, factor));
    const parts = gapSplit(cluster, matrices, coreOf, (a, b, neighboursApart) => {
      const relation = partsRelation(timeRelation(a, b, options), neighboursApart);
      return { ratio: requiredRatio(a, b, options, relation), saysApart: relation === 'apart' };
    });
    if (parts === null) result.push(cluster);
    else pending.push(parts[1], parts[0]);
  }
  return result.map((cluster) => [...cluster].sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

/** The two parts (as items) when the cluster's best bisection is a gap, else null. */
function gapSplit(
  cluster: readonly number[],
  matrices: readonly Float64Array[],
  coreOf: (item: number) => number,
  barFor: (a: readonly number[], b: readonly number[], neighboursApart: boolean) => { ratio: number; saysApart: boolean },
): [number[], number[]] | null {
  const n = cluster.length;
  // Articles of one core merge before anything else, so the bisection only ever separates whole cores.
  const edges = centredEdges(matrices[0]!, n);
  for (let k = 0; k < edges.length; k++) {
    if (coreOf(cluster[edges.a[k]!]!) === coreOf(cluster[edges.b[k]!]!)) edges.similarity[k] = CORE_LINK;
  }
  const parts = averageLinkClusters(n, edges, Number.NEGATIVE_INFINITY, { minClusters: 2 });
  if (parts.length !== 2) return null;
  const [a, b] = parts as [number[], number[]];
  const items: [number[], number[]] = [a.map((k) => cluster[k]!), b.map((k) => cluster[k]!)];
  // Dates weeks apart, or neighbourhoods that do not cross, already say these are two happenings; otherwise the gap
  // must stand out from its noise.
  // A part of NEIGHBOURS articles or fewer must send links across, so the test says nothing about it.
  const neighboursApart =
    Math.min(a.length, b.length) > NEIGHBOURS && neighbourCrossing(matrices[0]!, n, a, NEIGHBOURS) <= MAX_NEIGHBOUR_CROSSING;
  const { ratio, saysApart } = barFor(...items, neighboursApart);
  // A part of one article has no "within": the other part's sets the bar.
  const measured = [a, b].filter((part) => part.length >= 2);
  // Each view is a witness (whole text, lead, who and where); a split needs most of them to show the gap, so one
  // noisy view (a short lead, a few stray names) cannot cut a happening in two.
  const gaps = matrices.filter((matrix) => {
    const looser = measured.reduce((x, y) => (meanSimilarity(matrix, n, y, y) < meanSimilarity(matrix, n, x, x) ? y : x));
    return showsGap(pairValues(matrix, n, looser, looser), pairValues(matrix, n, a, b), ratio, saysApart);
  }).length;
  return 2 * gaps > matrices.length ? items : null;
}

/**
 * Whether similarities across two parts fall below `ratio` times those inside the looser part, by more than noise
 * (Welch's t of at least MIN_GAP_T) unless time or neighbourhoods already say the parts are apart.
 */
export function showsGap(within: readonly number[], across: readonly number[], ratio: number, saysApart = false): boolean {
  if (!(mean(across) < ratio * mean(within))) return false;
  return saysApart || welchT(within, across) >= MIN_GAP_T;
}

/**
 * The share of neighbourhood links that cross from one side of a bisection to the other: each position's `k` most
 * similar others in the matrix (ties to the earlier position), counted over all positions. `part` is one side.
 */
export function neighbourCrossing(matrix: Float64Array, n: number, part: readonly number[], k: number): number {
  const inPart = new Uint8Array(n);
  for (const i of part) inPart[i] = 1;
  let crossing = 0;
  let links = 0;
  for (let i = 0; i < n; i++) {
    for (const j of nearest(matrix, n, i, k)) {
      links += 1;
      if (inPart[i] !== inPart[j]) crossing += 1;
    }
  }
  return links === 0 ? 0 : crossing / links;
}

/** The `k` positions most similar to `i` (itself excluded), by a partial insertion sort: k is small. */
function nearest(matrix: Float64Array, n: number, i: number, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const similarity = matrix[i * n + j]!;
    let at = best.length;
    while (at > 0 && matrix[i * n + best[at - 1]!]! < similarity) at -= 1;
    if (at < k) {
      best.splice(at, 0, j);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** Similarities of the pairs between two sets of positions (each unordered pair once when the sets are the same). */
function pairValues(matrix: Float64Array, n: number, a: readonly number[], b: readonly number[]): number[] {
  const values: number[] = [];
  if (a === b) {
    for (let x = 0; x < a.length; x++) for (let y = x + 1; y < a.length; y++) values.push(matrix[a[x]! * n + a[y]!]!);
  } else {
    for (const i of a) for (const j of b) values.push(matrix[i * n + j]!);
  }
  return values;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, x) => sum + x, 0) / values.length;
}

/**
 * Welch's t of the first sample's mean over the second's; large when the difference dwarfs its standard error. A
 * sample of one value has no spread of its own and borrows the other's; two such samples cannot be tested (0).
 */
export function welchT(first: readonly number[], second: readonly number[]): number {
  const variance = (values: readonly number[]) => {
    const m = mean(values);
    return values.reduce((sum, x) => sum + (x - m) ** 2, 0) / (values.length - 1);
  };
  if (first.length < 2 && second.length < 2) return 0;
  const firstVariance = first.length >= 2 ? variance(first) : variance(second);
  const secondVariance = second.length >= 2 ? variance(second) : variance(first);
  const error = Math.sqrt(firstVariance / first.length + secondVariance / second.length);
  const difference = mean(first) - mean(second);
  if (error === 0) return difference === 0 ? 0 : difference * Number.POSITIVE_INFINITY;
  return difference / error;
}

/**
 * The across/within ratio two parts must fall under to be split: the base ratio, moved by size and by how the parts
 * relate (by default in time alone; see `partsRelation`).
 */
export function requiredRatio(
  a: readonly number[],
  b: readonly number[],
  options: RefineOptions,
  relation: Relation = timeRelation(a, b, options),
): number {
  const base = a.length === 1 || b.length === 1 ? Math.min(LONE_SPLIT_RATIO, options.splitRatio) : options.splitRatio;
  if (base === 0) return base;
  if (relation === 'apart') return Math.max(base, APART_RATIO);
  if (relation === 'concurrent') return base * CONCURRENT_FACTOR;
  return base;
}

function datesApart(a: readonly number[], b: readonly number[], options: RefineOptions): boolean {
  return options.splitRatio > 0 && timeRelation(a, b, options) === 'apart';
}

/**
 * Time first: parts reported on the same days stay "concurrent" however their neighbourhoods fall (two aspects of one
 * happening, each covered by its own reports); where time says nothing, neighbourhoods that do not cross say "apart".
 */
export function partsRelation(time: Relation, neighboursApart: boolean): Relation {
  return time === 'unknown' && neighboursApart ? 'apart' : time;
}

/** "apart": over a week between the parts' dates, one of them certain; "concurrent": within a day, both certain. */
function timeRelation(a: readonly number[], b: readonly number[], options: RefineOptions): Relation {
  const da = options.partDate?.(a) ?? null;
  const db = options.partDate?.(b) ?? null;
  if (da === null || db === null) return 'unknown';
  const days = Math.abs(da.day - db.day);
  if (days > APART_DAYS && (da.certain || db.certain)) return 'apart';
  if (days <= 1 && da.certain && db.certain) return 'concurrent';
  return 'unknown';
}

/** Similarities (cosine times the pair factor) of every pair in the cluster, row-major by position in it. */
function pairMatrix(
  cluster: readonly number[],
  vectors: readonly SparseVector[],
  factor: (a: number, b: number) => number,
): Float64Array {
  const n = cluster.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    matrix[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const similarity = cosine(vectors[cluster[i]!]!, vectors[cluster[j]!]!) * factor(cluster[i]!, cluster[j]!);
      matrix[i * n + j] = similarity;
      matrix[j * n + i] = similarity;
    }
  }
  return matrix;
}

/**
 * Cosines after subtracting the mean vector m, from the pair matrix alone (double centring):
 * (vi - m)·(vj - m) = vi·vj - vi·m - vj·m + m·m, where vi·m is row i's mean and m·m the mean of all entries.
 */
export function centredEdges(matrix: Float64Array, n: number): EdgeList {
  const toMean = Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += matrix[i * n + j]!;
    return sum / n;
  });
  const meanNorm2 = toMean.reduce((sum, x) => sum + x, 0) / n;
  const norm = toMean.map((x) => Math.sqrt(Math.max(1e-12, 1 - 2 * x + meanNorm2)));
  const edges = new EdgeList();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const centred = matrix[i * n + j]! - toMean[i]! - toMean[j]! + meanNorm2;
      edges.add(i, j, centred / (norm[i]! * norm[j]!));
    }
  }
  return edges;
}

function meanSimilarity(matrix: Float64Array, n: number, a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  let pairs = 0;
  for (const i of a) {
    for (const j of b) {
      if (i === j) continue;
      sum += matrix[i * n + j]!;
      pairs += 1;
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}
