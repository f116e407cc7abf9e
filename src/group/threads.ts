import { averageLinkClusters } from './average-link.js';
import { forEachPartnerSharingKey, pairEdges, similarityGraph } from './candidates.js';
import type { SparseVector } from './vectors.js';

/** What an event is about: the direction of its articles' text and its most mentioned entities. */
export interface EventProfile {
  vector: SparseVector;
  keyEntities: readonly string[];
}

const KEY_ENTITIES = 5;

/** The event's most mentioned entity keys (ties by key), its "main actors". */
export function keyEntities(mentionKeys: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of mentionKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, KEY_ENTITIES)
    .map(([key]) => key);
}

/**
 * Events grouped into threads (one story continued across days): average-link over the lesser of text similarity
 * and the overlap of main actors, so a link needs both the same subject and the same actors (two stories that share
 * only a country, or only vocabulary, stay apart), without any date penalty since a thread spans time by nature.
 */
export function threadClusters(
  profiles: readonly EventProfile[],
  threshold: number,
  graph: { allPairsLimit: number; minSimilarity: number },
  factor: (a: number, b: number) => number = () => 1,
): number[][] {
  const vectors = profiles.map((profile) => profile.vector);
  // Two events without a main actor in common link at min(text, 0) = 0, and a link of 0 neither lets two clusters
  // reach a positive threshold nor changes any sum: where every pair would be scored, only the pairs sharing a main
  // actor are (the same clusters, a small share of the pairs).
  const cap = (a: number, b: number) => overlap(profiles[a]!.keyEntities, profiles[b]!.keyEntities);
  const scored =
    threshold > 0 && profiles.length <= graph.allPairsLimit
      ? pairEdges(
          vectors,
          (visit) => forEachPartnerSharingKey(profiles.map((profile) => profile.keyEntities), Number.POSITIVE_INFINITY, visit),
          graph.minSimilarity,
          factor,
          cap,
        )
      : similarityGraph(vectors, { ...graph, cap }, factor);
  return averageLinkClusters(profiles.length, scored, threshold);
}

/** Overlap coefficient: shared / size of the smaller set (0 when either is empty). */
function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  return b.filter((key) => set.has(key)).length / Math.min(a.length, b.length);
}
