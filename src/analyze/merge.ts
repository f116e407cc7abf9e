import type { Entity, EntityType } from './types.js';
import type { NameCandidate } from './classify.js';
import { comparableName, editDistance, slugify } from './normalize.js';
import { compareText } from '../util/compare.js';

/** A candidate with where it was found. */
export interface PlacedCandidate extends NameCandidate {
  articleIndex: number;
  articleId: string;
  sentenceIndex: number;
}

/** Result of merging: the entities and, aligned with the input candidates, each one's entity key (null if dropped). */
export interface MergeResult {
  entities: Entity[];
  keys: (string | null)[];
}

interface Cluster {
  type: EntityType;
  /** Fixed name (an alias target such as "Kyiv"), else chosen from the surfaces. */
  fixedName?: string;
  surfaces: Map<string, number>;
  members: number[];
  /** Members per article index, to prefer the person named in the same article. */
  perArticle: Map<number, number>;
  /**
   * A person's first name and comparable label, as its first member gives them (made once: a common surname has many
   * people, and each new full name and lone surname is compared with every one of them).
   */
  firstName?: string;
  label?: string;
}

/** Generational suffixes are not surnames: "Joseph Comeaux Jr." files under Comeaux. */
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
const nameWords = (surface: string) => {
  const words = surface.split(' ').filter((word) => /\p{L}/u.test(word));
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1].toLowerCase())) words.pop();
  return words;
};
const surnameOf = (surface: string) => comparableName(nameWords(surface).at(-1) ?? surface);
const firstNameOf = (surface: string) => comparableName(nameWords(surface)[0] ?? '');

/** Transliterations of one first name (Sergei / Sergey), or an initial standing for it (M. / Marco). */
export function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (a[0] !== b[0]) return false;
  return editDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
}

/**
 * Merges name variants across all candidates: aliases and exonyms to one name, people by surname with compatible
 * first names, then lone surnames and honorific forms ("Mr Rubio", "Rubio") to the full name seen anywhere.
 */
export function mergeCandidates(candidates: readonly PlacedCandidate[]): MergeResult {
  const clusters: Cluster[] = [];
  const assignment: (number | null)[] = candidates.map(() => null);
  const byName = new Map<string, number>();
  const peopleBySurname = new Map<string, number[]>();

  const join = (clusterIndex: number, candidateIndex: number) => {
    const cluster = clusters[clusterIndex];
    const surface = candidates[candidateIndex].surface;
    cluster.surfaces.set(surface, (cluster.surfaces.get(surface) ?? 0) + 1);
    cluster.members.push(candidateIndex);
    const articleIndex = candidates[candidateIndex].articleIndex;
    cluster.perArticle.set(articleIndex, (cluster.perArticle.get(articleIndex) ?? 0) + 1);
    assignment[candidateIndex] = clusterIndex;
  };
  const create = (type: EntityType, fixedName?: string) => {
    clusters.push({ type, fixedName, surfaces: new Map(), members: [], perArticle: new Map() });
    return clusters.length - 1;
  };

  // Places and organizations: one cluster per (alias-resolved) name.
  candidates.forEach((candidate, index) => {
    if (candidate.type !== 'place' && candidate.type !== 'organization') return;
    const name = candidate.alias ?? candidate.surface;
    const key = comparableName(name);
    let cluster = byName.get(key);
    if (cluster === undefined) {
      cluster = create(candidate.type, candidate.alias);
      byName.set(key, cluster);
    }
    join(cluster, index);
  });

  // People with a first name: one cluster per surname and first-name family, most frequent full names first.
  const fullNames = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    if (candidate.type !== 'person' || nameWords(candidate.surface).length < 2) return;
    const key = comparableName(candidate.surface);
    const members = fullNames.get(key);
    if (members) members.push(index);
    else fullNames.set(key, [index]);
  });
  const orderedNames = [...fullNames.entries()].sort((a, b) => b[1].length - a[1].length || compareText(a[0], b[0]));
  for (const [label, members] of orderedNames) {
    const surface = candidates[members[0]].surface;
    const surname = surnameOf(surface);
    const firstName = firstNameOf(surface);
    let siblings = peopleBySurname.get(surname);
    let cluster = siblings?.find((index) => sameFirstName(clusters[index].firstName!, firstName));
    if (cluster === undefined) {
      cluster = create('person');
      Object.assign(clusters[cluster], { firstName, label });
      if (siblings === undefined) peopleBySurname.set(surname, (siblings = []));
      siblings.push(cluster);
    }
    for (const member of members) join(cluster, member);
  }

  // Lone names: a surname of a person seen in full, else a known name, else a person of their own if typed so.
  const articleCount = (cluster: number, articleIndex: number) => clusters[cluster].perArticle.get(articleIndex) ?? 0;
  const comparePeople = (a: number, b: number, articleIndex: number) =>
    articleCount(b, articleIndex) - articleCount(a, articleIndex) ||
    clusters[b].members.length - clusters[a].members.length ||
    compareText(clusters[a].label!, clusters[b].label!);
  // The first of the options in that order (a stable sort's first): one pass, not a sort of a copy per lone name.
  const pickPerson = (options: number[], articleIndex: number) =>
    options.reduce((best, option) => (comparePeople(option, best, articleIndex) < 0 ? option : best));
  const loneOrder = candidates
    .map((candidate, index) => index)
    .filter((index) => assignment[index] === null && (candidates[index].type === 'person' || candidates[index].type === null))
    .sort((a, b) => Number(candidates[a].type === null) - Number(candidates[b].type === null) || a - b);
  for (const index of loneOrder) {
    const candidate = candidates[index];
    const key = comparableName(candidate.surface);
    const people = peopleBySurname.get(key);
    if (people?.length) {
      join(pickPerson(people, candidate.articleIndex), index);
    } else if (byName.has(key)) {
      join(byName.get(key)!, index);
    } else if (candidate.type === 'person') {
      const cluster = create('person');
      clusters[cluster].label = key;
      peopleBySurname.set(key, [cluster]);
      join(cluster, index);
    }
  }

  return toEntities(clusters, candidates, assignment);
}

function canonicalName(cluster: Cluster): string {
  if (cluster.fixedName) return cluster.fixedName;
  const surfaces = [...cluster.surfaces.entries()];
  const score = ([surface]: [string, number]) =>
    (cluster.type === 'person' && nameWords(surface).length > 1 ? 1000 : 0) + (surface === surface.toUpperCase() ? 0 : 100);
  // Most used full form first; on a tie the plainer one ("Donald Trump" over "Donald J. Trump").
  surfaces.sort(
    (a, b) =>
      score(b) - score(a) ||
      b[1] - a[1] ||
      nameWords(a[0]).length - nameWords(b[0]).length ||
      compareText(a[0], b[0]),
  );
  const best = surfaces[0][0];
  // A name seen only in capitals is set in title case when it was shouted ("DONALD TRUMP", "WHITE HOUSE"), not when it
  // is an acronym: one word naming an organization or a place ("NASA", "UAE") is written as it is, where title case
  // made "Nasa" and "Uae" (a person's name is never an acronym).
  const shouted = best === best.toUpperCase() && /\p{L}{3}/u.test(best);
  const acronym = cluster.type !== 'person' && !best.includes(' ');
  return shouted && !acronym ? titleCase(best) : best;
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

function toEntities(clusters: Cluster[], candidates: readonly PlacedCandidate[], assignment: (number | null)[]): MergeResult {
  const keyOfCluster = new Map<number, string>();
  const entities: Entity[] = [];
  const taken = new Set<string>();
  clusters.forEach((cluster, index) => {
    if (!cluster.members.length) return;
    const name = canonicalName(cluster);
    let key = `${cluster.type}:${slugify(name) || 'unnamed'}`;
    for (let suffix = 2; taken.has(key); suffix++) key = `${cluster.type}:${slugify(name)}-${suffix}`;
    taken.add(key);
    keyOfCluster.set(index, key);
    // Sorted, so the entity is the same whatever order the articles came in.
    const articleIds = [...new Set(cluster.members.map((member) => candidates[member].articleId))].sort();
    entities.push({
      key,
      name,
      type: cluster.type,
      variants: [...cluster.surfaces.keys()].sort(),
      mentions: cluster.members.length,
      articleIds,
    });
  });
  entities.sort((a, b) => b.mentions - a.mentions || compareText(a.key, b.key));
  return { entities, keys: assignment.map((cluster) => (cluster === null ? null : keyOfCluster.get(cluster)!)) };
}
